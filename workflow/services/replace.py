"""Find and replace in an article's targets: preview every change first, then apply them one by one.

Replacing text across a whole article is risky, so nothing changes without a preview listing each
affected segment with its word diff. Reviewed segments are an editor's signed-off work: they are left
out unless the caller explicitly includes them. Applying goes through ``save_segment`` with each
segment's version, so a segment someone changed since the preview is reported as a conflict, never
overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select

from workflow.domain.diffing import render_diff_html, word_diff
from workflow.domain.lifecycle import SegmentStatus
from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.models import Segment, User
from workflow.services.articles import get_article
from workflow.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from workflow.services.segments import SegmentSave, editing_permission, save_segment

MAX_FIND_CHARS = 1000


@dataclass(frozen=True)
class ReplaceChange:
    """One segment a replacement would change: its text before and after, and the diff to show."""

    segment_id: int
    position: int
    version: int
    status: str
    before: str
    after: str
    occurrences: int
    diff_html: str


@dataclass
class ReplaceOutcome:
    """What applying a replacement did: saved segments, conflicts and other refusals, per segment."""

    applied: list[Segment] = field(default_factory=list)
    conflicts: list[dict[str, object]] = field(default_factory=list)
    failed: list[dict[str, object]] = field(default_factory=list)


def _pattern(find: str, case_sensitive: bool) -> re.Pattern[str]:
    if not find:
        raise InvalidInput(_("Type the text to find."), errors={"find": _("Required.")})
    if len(find) > MAX_FIND_CHARS:
        raise InvalidInput(
            _("The text to find is longer than %(limit)s characters.", limit=MAX_FIND_CHARS),
            errors={"find": _("Too long.")},
        )
    return re.compile(re.escape(find), 0 if case_sensitive else re.IGNORECASE)


def preview_replace(
    article_id: int,
    find: str,
    replace: str,
    *,
    actor: User,
    include_reviewed: bool = False,
    case_sensitive: bool = False,
) -> list[ReplaceChange]:
    """Every segment whose target contains ``find``, with the text it would get; nothing is saved.

    Reviewed segments are listed only when ``include_reviewed`` is set. The replacement is literal text
    (no patterns, no back-references).

    :raise InvalidInput: empty or over-long ``find``. :raise NotFound: an article the user may not see.
    """
    pattern = _pattern(find, case_sensitive)
    article = get_article(article_id, actor=actor)
    segments = db.session.execute(
        select(Segment).where(Segment.article_id == article.id).order_by(Segment.position)
    ).scalars()
    changes = []
    for segment in segments:
        if segment.status == SegmentStatus.REVIEWED.value and not include_reviewed:
            continue
        after, occurrences = pattern.subn(lambda _match: replace, segment.target)
        if not occurrences or after == segment.target:
            continue
        changes.append(
            ReplaceChange(
                segment_id=segment.id,
                position=segment.position,
                version=segment.version,
                status=segment.status,
                before=segment.target,
                after=after,
                occurrences=occurrences,
                diff_html=str(render_diff_html(word_diff(segment.target, after))),
            )
        )
    return changes


def apply_replace(
    article_id: int,
    find: str,
    replace: str,
    *,
    actor: User,
    include_reviewed: bool = False,
    case_sensitive: bool = False,
    expected_versions: dict[int, int] | None = None,
) -> ReplaceOutcome:
    """Save every change of the preview, one segment at a time, with origin ``replace``.

    ``expected_versions`` (segment id → version, as shown in the preview) limits the replacement to the
    segments the user saw and saves each with the version they saw: a segment changed since then comes
    back in ``conflicts`` untouched. Without it, the current versions are used.

    :raise PermissionDenied: the article's state or the user's role forbids editing.
    """
    article = get_article(article_id, actor=actor)
    allowed, reason = editing_permission(article, actor)
    if not allowed:
        raise PermissionDenied(reason)
    changes = preview_replace(
        article_id,
        find,
        replace,
        actor=actor,
        include_reviewed=include_reviewed,
        case_sensitive=case_sensitive,
    )
    pattern = _pattern(find, case_sensitive)
    outcome = ReplaceOutcome()
    planned = {change.segment_id: change for change in changes}
    wanted = (
        expected_versions if expected_versions is not None else {c.segment_id: c.version for c in changes}
    )
    for segment_id, version in wanted.items():
        change = planned.get(segment_id)
        if change is None or change.version != version:
            _report_changed_since_preview(outcome, article.id, segment_id, version, pattern, replace)
            continue
        try:
            saved = save_segment(
                article_id,
                segment_id,
                SegmentSave(target=change.after, version=version, origin="replace"),
                actor=actor,
            )
        except Conflict as exc:
            outcome.conflicts.append(
                {"segment_id": segment_id, "position": change.position, "detail": exc.detail}
            )
        except (InvalidInput, PermissionDenied, NotFound) as exc:
            outcome.failed.append(
                {"segment_id": segment_id, "position": change.position, "detail": exc.detail}
            )
        else:
            outcome.applied.append(saved)
    return outcome


def _report_changed_since_preview(
    outcome: ReplaceOutcome,
    article_id: int,
    segment_id: int,
    version: int,
    pattern: re.Pattern[str],
    replace: str,
) -> None:
    """A segment from the preview that no longer matches as previewed: a conflict, or nothing to do."""
    segment = db.session.get(Segment, segment_id)
    if segment is None or segment.article_id != article_id:
        outcome.failed.append({"segment_id": segment_id, "position": None, "detail": _("No such segment.")})
        return
    if segment.version != version:
        outcome.conflicts.append(
            {
                "segment_id": segment_id,
                "position": segment.position,
                "detail": _("Someone else saved this segment after the preview; it was left unchanged."),
            }
        )
        return
    if (
        pattern.search(segment.target) is None
        or pattern.sub(lambda _match: replace, segment.target) == segment.target
    ):
        return
    outcome.failed.append(
        {
            "segment_id": segment_id,
            "position": segment.position,
            "detail": _("This segment is reviewed; tick “include reviewed segments” to change it."),
        }
    )
