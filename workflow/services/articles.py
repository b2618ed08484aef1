"""Use cases for articles: import (segment, align the MT draft, pretranslate), look up, list and search.

An import is one transaction: the article, its segments and its first event are written together or not
at all, so a failure halfway leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import selectinload

from workflow.database import unit_of_work
from workflow.domain.alignment import align_mt_draft
from workflow.domain.languages import UnknownLanguage, detect_language, normalise_language_tag
from workflow.domain.lifecycle import CONFIRMED_STATUSES, Role, SegmentStatus, State
from workflow.domain.segmentation import segment_text
from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.models import Article, ArticleEvent, Segment, User
from workflow.services.errors import InvalidInput, NotFound, PermissionDenied, TooLarge


@dataclass(frozen=True)
class ArticleInput:
    """What an import supplies: from the web form, the CLI or the API."""

    source_text: str
    target_lang: str
    title: str = ""
    source_lang: str | None = None
    mt_text: str | None = None
    article_date: str | dt.date | None = None
    due_date: str | dt.date | None = None
    origin_url: str = ""
    priority: int = 1


@dataclass
class ImportSummary:
    """How the new article's segments were filled: the import page and the API report it."""

    segments: int = 0
    from_mt: int = 0
    from_tm: int = 0
    fuzzy_tm: int = 0
    empty: int = 0
    alignment_mode: str = "none"
    notes: list[str] = field(default_factory=list)


def _parse_date(value: str | dt.date | None, field_name: str, errors: dict[str, str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors[field_name] = _("Use the date format YYYY-MM-DD, e.g. 2022-08-30.")
        return None


def _language(value: str | None, field_name: str, errors: dict[str, str]) -> str | None:
    if not value:
        return None
    try:
        return normalise_language_tag(value)
    except UnknownLanguage:
        errors[field_name] = _(
            "“%(code)s” is not a language code Copydesk knows (e.g. zh, en, de).", code=value
        )
        return None


def may_import(actor: User) -> bool:
    """Editors and admins import; translators only when an admin allows it in the configuration."""
    return actor.has_role(Role.EDITOR) or bool(current_app.config["COPYDESK_TRANSLATORS_MAY_IMPORT"])


def validate_article_input(data: ArticleInput) -> tuple[dict[str, Any], dict[str, str]]:
    """Check and normalise an import; returns (clean values, field errors)."""
    errors: dict[str, str] = {}
    text = (data.source_text or "").replace("\r\n", "\n").strip()
    limit = current_app.config["COPYDESK_MAX_ARTICLE_BYTES"]
    size = len(text.encode("utf-8")) + len((data.mt_text or "").encode("utf-8"))
    if size > limit:
        raise TooLarge(_("The article is larger than %(mb).1f MB.", mb=limit / 1024 / 1024))
    if not text:
        errors["source_text"] = _("The article has no text.")
    source_lang = _language(data.source_lang, "source_lang", errors)
    if not source_lang and text:
        detected = detect_language(text)
        if detected is None:
            errors["source_lang"] = _("The source language could not be detected; choose it.")
        else:
            source_lang = normalise_language_tag(detected)
    target_lang = _language(data.target_lang, "target_lang", errors)
    if not data.target_lang:
        errors["target_lang"] = _("Choose the target language.")
    if source_lang and target_lang and source_lang == target_lang:
        errors["target_lang"] = _("The target language must differ from the source language.")
    article_date = _parse_date(data.article_date, "article_date", errors)
    due_date = _parse_date(data.due_date, "due_date", errors)
    title = (data.title or "").strip() or (text.split("\n", 1)[0].strip("# ").strip()[:200] if text else "")
    if len(title) > 300:
        errors["title"] = _("The title is longer than 300 characters.")
    if data.priority not in (0, 1, 2, 3):
        errors["priority"] = _("Priority must be 0 (low) to 3 (urgent).")
    if len(data.origin_url or "") > 2000:
        errors["origin_url"] = _("The address is too long.")
    clean = {
        "title": title,
        "source_text": text,
        "mt_text": (data.mt_text or "").replace("\r\n", "\n").strip() or None,
        "source_lang": source_lang,
        "target_lang": target_lang,
        "article_date": article_date,
        "due_date": due_date,
        "origin_url": (data.origin_url or "").strip(),
        "priority": data.priority,
    }
    return clean, errors


def import_article(data: ArticleInput, *, actor: User) -> tuple[Article, ImportSummary]:
    """Create an article with its segments, the MT draft aligned and memory matches applied.

    :raise PermissionDenied: for translators unless allowed. :raise InvalidInput: with field errors.
    :raise TooLarge: above the configured size.
    """
    if not may_import(actor):
        raise PermissionDenied(_("Only editors and admins may import articles."))
    clean, errors = validate_article_input(data)
    if errors:
        raise InvalidInput(_("The article could not be imported."), errors=errors)
    drafts = segment_text(clean["source_text"], clean["source_lang"])
    if not drafts:
        raise InvalidInput(
            _("The article could not be imported."), errors={"source_text": _("The article has no text.")}
        )
    summary = ImportSummary(segments=len(drafts))
    mt_by_segment = [""] * len(drafts)
    if clean["mt_text"]:
        result = align_mt_draft(drafts, clean["mt_text"], clean["source_lang"], clean["target_lang"])
        mt_by_segment = list(result.mt_by_segment)
        summary.alignment_mode = result.mode
        summary.notes = list(result.notes)
    with unit_of_work() as session:
        article = Article(
            **clean,
            state=State.NEW.value,
            created_by_id=actor.id,
            alignment_mode=summary.alignment_mode,
            alignment_notes=encode_notes(summary.notes),
        )
        session.add(article)
        for draft, mt in zip(drafts, mt_by_segment, strict=True):
            status = SegmentStatus.MT if mt.strip() else SegmentStatus.EMPTY
            article.segments.append(
                Segment(
                    position=draft.position,
                    paragraph=draft.paragraph,
                    is_heading=draft.is_heading,
                    source=draft.text,
                    mt=mt,
                    target=mt,
                    status=status.value,
                    origin="mt" if mt.strip() else "",
                )
            )
        session.flush()
        _pretranslate(article, summary)
        summary.from_mt = sum(1 for s in article.segments if s.status == SegmentStatus.MT)
        summary.empty = sum(1 for s in article.segments if s.status == SegmentStatus.EMPTY)
        session.add(
            ArticleEvent(
                article_id=article.id,
                actor_id=actor.id,
                action="import",
                to_state=State.NEW.value,
                detail={
                    "segments": summary.segments,
                    "from_mt": summary.from_mt,
                    "from_tm": summary.from_tm,
                    "alignment": summary.alignment_mode,
                },
            )
        )
    return article, summary


def encode_notes(notes: list[str]) -> str:
    """Store alignment notes with their gettext template and parameters, so each reader's UI can translate."""
    return json.dumps(
        [
            {"text": str(n), "template": getattr(n, "template", str(n)), "params": getattr(n, "params", {})}
            for n in notes
        ],
        ensure_ascii=False,
    )


def decode_notes(stored: str) -> list[dict[str, Any]]:
    """The alignment notes of an article as ``{text, template, params}`` (older rows hold plain lines)."""
    if not stored:
        return []
    try:
        notes = json.loads(stored)
    except ValueError:
        return [{"text": line, "template": line, "params": {}} for line in stored.split("\n") if line]
    return notes if isinstance(notes, list) else []


def translated_notes(notes: list[Any]) -> list[str]:
    """Notes in the reader's language (English when no translation exists)."""
    result = []
    for note in notes:
        template = note.get("template") if isinstance(note, dict) else getattr(note, "template", str(note))
        params = (note.get("params") if isinstance(note, dict) else getattr(note, "params", {})) or {}
        try:
            result.append(_(template, **params) if params else _(template))
        except (KeyError, TypeError, ValueError):
            result.append(note["text"] if isinstance(note, dict) else str(note))
    return result


def _pretranslate(article: Article, summary: ImportSummary) -> None:
    """Fill segments from the translation memory when the memory service is present."""
    try:
        from workflow.services.memory import pretranslate_segments
    except ModuleNotFoundError as exc:
        if exc.name != "workflow.services.memory":
            raise
        return
    exact, fuzzy = pretranslate_segments(article)
    summary.from_tm = exact
    summary.fuzzy_tm = fuzzy


def _listed_articles() -> Any:
    """Articles as lists show them: their translator and editor loaded in the same round trip (no N+1)."""
    return select(Article).options(selectinload(Article.translator), selectinload(Article.editor))


def visible_articles_clause(actor: User) -> Any:
    """Which articles a user may see: editors and admins all; translators theirs and the claimable ones."""
    if actor.has_role(Role.EDITOR):
        return True
    return or_(
        Article.translator_id == actor.id,
        and_(Article.state == State.NEW.value, Article.translator_id.is_(None)),
    )


def get_article(article_id: int, *, actor: User) -> Article:
    """An article the user may see. :raise NotFound: for unknown ones and for ones they may not see."""
    article = db.session.get(Article, article_id)
    if article is None:
        raise NotFound(_("No such article."))
    if not actor.has_role(Role.EDITOR):
        claimable = article.state == State.NEW.value and article.translator_id is None
        if article.translator_id != actor.id and not claimable:
            raise NotFound(_("No such article."))
    return article


@dataclass(frozen=True)
class ArticleQuery:
    """Filters, search and sorting for the article list."""

    state: str = ""
    source_lang: str = ""
    target_lang: str = ""
    assignee: str = ""
    overdue: bool = False
    q: str = ""
    sort: str = "due"
    page: int = 1
    per_page: int = 25


_SORTS = {
    "due": (Article.due_date.is_(None), Article.due_date, Article.id.desc()),
    "newest": (Article.created_at.desc(),),
    "priority": (Article.priority.desc(), Article.id.desc()),
    "title": (Article.title,),
    "date": (Article.article_date.desc(),),
}


def list_articles(query: ArticleQuery, *, actor: User) -> Any:
    """A page of the articles the user may see, filtered, searched and sorted."""
    statement = _listed_articles().where(visible_articles_clause(actor))
    if query.state:
        statement = statement.where(Article.state == query.state)
    else:
        statement = statement.where(Article.state != State.ARCHIVED.value)
    if query.source_lang:
        statement = statement.where(Article.source_lang == query.source_lang)
    if query.target_lang:
        statement = statement.where(Article.target_lang == query.target_lang)
    if query.assignee:
        people = select(User.id).where(User.username == query.assignee).scalar_subquery()
        statement = statement.where(or_(Article.translator_id == people, Article.editor_id == people))
    if query.overdue:
        statement = statement.where(
            Article.due_date < dt.date.today(),
            Article.state.in_([State.NEW.value, State.TRANSLATING.value, State.EDITING.value]),
        )
    if query.q.strip():
        needle = f"%{query.q.strip()}%"
        in_targets = exists().where(Segment.article_id == Article.id, Segment.target.ilike(needle))
        statement = statement.where(
            or_(Article.title.ilike(needle), Article.source_text.ilike(needle), in_targets)
        )
    statement = statement.order_by(*_SORTS.get(query.sort, _SORTS["due"]))
    return db.paginate(statement, page=max(1, query.page), per_page=query.per_page, error_out=False)


def my_work(actor: User) -> dict[str, list[Article]]:
    """The work queue: what is assigned to me and what I could pick up, by role."""
    active = [State.NEW.value, State.TRANSLATING.value, State.EDITING.value]
    order = (Article.due_date.is_(None), Article.due_date, Article.priority.desc(), Article.id)
    queues: dict[str, list[Article]] = {}
    queues["assigned"] = list(
        db.session.execute(
            _listed_articles()
            .where(Article.translator_id == actor.id, Article.state == State.TRANSLATING.value)
            .order_by(*order)
        ).scalars()
    )
    queues["claimable"] = list(
        db.session.execute(
            _listed_articles()
            .where(Article.state == State.NEW.value, Article.translator_id.is_(None))
            .order_by(*order)
        ).scalars()
    )
    if actor.has_role(Role.EDITOR):
        queues["review"] = list(
            db.session.execute(
                _listed_articles().where(Article.state == State.EDITING.value).order_by(*order)
            ).scalars()
        )
        queues["mine"] = list(
            db.session.execute(
                _listed_articles()
                .where(Article.editor_id == actor.id, Article.state.in_(active))
                .order_by(*order)
            ).scalars()
        )
    if actor.has_role(Role.ADMIN):
        queues["all"] = list(
            db.session.execute(
                _listed_articles().where(Article.state.in_(active)).order_by(*order).limit(200)
            ).scalars()
        )
    return queues


def progress_by_article(article_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per article: segment counts by status plus ``total`` and ``confirmed`` (for progress bars)."""
    if not article_ids:
        return {}
    rows = db.session.execute(
        select(Segment.article_id, Segment.status, func.count())
        .where(Segment.article_id.in_(article_ids))
        .group_by(Segment.article_id, Segment.status)
    ).all()
    result: dict[int, dict[str, int]] = {i: {"total": 0, "confirmed": 0} for i in article_ids}
    for article_id, status, count in rows:
        entry = result[article_id]
        entry[status] = count
        entry["total"] += count
        if status in CONFIRMED_STATUSES:
            entry["confirmed"] += count
    return result


def is_overdue(article: Article) -> bool:
    """Past its due date and not yet approved."""
    return (
        article.due_date is not None
        and article.due_date < dt.date.today()
        and article.state in (State.NEW.value, State.TRANSLATING.value, State.EDITING.value)
    )
