"""Exporting an article: translators get approved articles, editors and admins any state."""

from __future__ import annotations

import re

from workflow.domain.lifecycle import Role, State
from workflow.formats.article_export import FORMATS, ExportDocument, ExportSegment, render
from workflow.i18n import gettext as _
from workflow.models import User
from workflow.services.articles import get_article
from workflow.services.errors import InvalidInput, PermissionDenied


def export_article(
    article_id: int, fmt: str, *, actor: User, bilingual: bool = False
) -> tuple[bytes, str, str]:
    """The article's target text in ``fmt``; returns (bytes, content type, file name).

    :raise InvalidInput: unknown format.
    :raise PermissionDenied: a translator exporting an unapproved article.
    """
    if fmt not in FORMATS:
        raise InvalidInput(
            _("Unknown export format “%(fmt)s”; use txt, md, html or docx.", fmt=fmt),
            errors={"format": _("Unknown.")},
        )
    if bilingual and fmt not in {"html", "docx"}:
        raise InvalidInput(_("Bilingual exports are HTML or DOCX."), errors={"format": _("Unknown.")})
    article = get_article(article_id, actor=actor)
    if article.state != State.APPROVED.value and not actor.has_role(Role.EDITOR):
        raise PermissionDenied(_("Only approved articles can be exported by translators."))
    document = ExportDocument(
        title=article.title,
        source_lang=article.source_lang,
        target_lang=article.target_lang,
        segments=[ExportSegment(s.paragraph, s.source, s.target, s.is_heading) for s in article.segments],
    )
    slug = re.sub(r"[^A-Za-z0-9]+", "-", article.title).strip("-").lower()[:60] or f"article-{article.id}"
    suffix = "-bilingual" if bilingual else ""
    return render(document, fmt, bilingual=bilingual), FORMATS[fmt], f"{article.id}-{slug}{suffix}.{fmt}"
