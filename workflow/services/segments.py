"""Use cases on segments: save a target (optimistic locking, never a silent overwrite), comments, history.

A save is accepted only when the client names the version it edited; the version check is a conditional
``UPDATE … WHERE version = ?`` so two writers can never both win. Every accepted save appends a revision,
so even an accepted overwrite can be undone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import select, update

from workflow.database import unit_of_work
from workflow.domain.diffing import edit_distance_percent, render_diff_html, word_diff
from workflow.domain.lifecycle import (
    CONFIRMED_STATUSES,
    Actor,
    ArticleFacts,
    Role,
    SegmentStatus,
    State,
    allowed_segment_statuses,
    can_edit_segments,
)
from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.models import Article, Comment, Segment, SegmentRevision, User
from workflow.models.base import utcnow
from workflow.services.articles import get_article
from workflow.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied

ORIGINS = {"typed", "mt", "tm", "replace", "source"}


def actor_of(user: User) -> Actor:
    """The lifecycle's view of a user."""
    return Actor(user_id=user.id, role=Role(user.role))


def basic_facts(article: Article) -> ArticleFacts:
    """The lifecycle facts that do not need counting (enough for editing rights)."""
    return ArticleFacts(
        state=State(article.state),
        translator_id=article.translator_id,
        editor_id=article.editor_id,
        archived_from=State(article.archived_from) if article.archived_from else None,
    )


def editing_permission(article: Article, user: User) -> tuple[bool, str]:
    """Whether ``user`` may change this article's segments now, and if not the translated reason."""
    allowed, reason = can_edit_segments(actor_of(user), basic_facts(article))
    return allowed, (_(reason) if reason else "")


@dataclass(frozen=True)
class SegmentSave:
    """One save from the editor or the API."""

    target: str
    version: int | None
    status: str | None = None
    origin: str = "typed"


def save_segment(article_id: int, segment_id: int, data: SegmentSave, *, actor: User) -> Segment:
    """Store a new target for a segment if ``data.version`` is still current.

    :raise NotFound: unknown article or segment (or one of another article).
    :raise PermissionDenied: the state or role forbids editing, or the status is not the user's to set.
    :raise InvalidInput: missing version, over-long target, unknown status.
    :raise Conflict: the version is stale; ``extra`` carries the current target and version.
    """
    if data.version is None or isinstance(data.version, bool) or not isinstance(data.version, int):
        raise InvalidInput(
            _("Send the segment's version with every save."), errors={"version": _("Required.")}
        )
    if not isinstance(data.target, str):
        raise InvalidInput(_("The target must be text."), errors={"target": _("Required.")})
    limit = current_app.config["COPYDESK_MAX_TARGET_CHARS"]
    if len(data.target) > limit:
        raise InvalidInput(
            _("The translation is longer than %(limit)s characters.", limit=limit),
            errors={"target": _("Too long.")},
        )
    if "\x00" in data.target:
        raise InvalidInput(_("The translation contains a NUL character."), errors={"target": _("Invalid.")})
    origin = data.origin if data.origin in ORIGINS else "typed"
    with unit_of_work() as session:
        article = get_article(article_id, actor=actor)
        segment = session.get(Segment, segment_id)
        if segment is None or segment.article_id != article.id:
            raise NotFound(_("This segment does not belong to this article."))
        allowed, reason = editing_permission(article, actor)
        if not allowed:
            raise PermissionDenied(reason)
        status = _next_status(segment, data, actor)
        if data.version != segment.version:
            raise _stale(segment)
        values: dict[str, Any] = {
            "target": data.target,
            "status": status,
            "origin": origin,
            "version": segment.version + 1,
            "updated_at": utcnow(),
            "updated_by_id": actor.id,
        }
        if status == SegmentStatus.TRANSLATED.value:
            values["translated_text"] = data.target
        result = session.execute(
            update(Segment)
            .where(Segment.id == segment.id, Segment.version == data.version)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            session.refresh(segment)
            raise _stale(segment)
        session.add(
            SegmentRevision(
                segment_id=segment.id,
                article_id=article.id,
                version=data.version + 1,
                target=data.target,
                status=status,
                origin=origin,
                author_id=actor.id,
            )
        )
        session.refresh(segment)
        if status == SegmentStatus.REVIEWED.value:
            _remember(article, segment, actor)
    return segment


def _stale(segment: Segment) -> Conflict:
    return Conflict(
        _("Someone else saved this segment first. Compare the two texts and choose."),
        extra={"target": segment.target, "version": segment.version, "segment_status": segment.status},
    )


def _next_status(segment: Segment, data: SegmentSave, actor: User) -> str:
    """The status after this save: as asked (if allowed), else draft when the text changed."""
    if data.status:
        try:
            wanted = SegmentStatus(data.status)
        except ValueError:
            raise InvalidInput(
                _("Unknown status “%(status)s”.", status=data.status), errors={"status": _("Unknown.")}
            ) from None
        if wanted not in allowed_segment_statuses(actor_of(actor)):
            raise PermissionDenied(_("Your role may not set the status “%(status)s”.", status=wanted.value))
        if wanted != SegmentStatus.DRAFT and not data.target.strip():
            raise InvalidInput(_("An empty segment cannot be confirmed."), errors={"target": _("Required.")})
        return wanted.value
    if data.target == segment.target:
        return segment.status
    if not data.target.strip():
        return SegmentStatus.EMPTY.value
    if data.origin == "tm" and segment.status not in CONFIRMED_STATUSES:
        return SegmentStatus.TM.value
    return SegmentStatus.DRAFT.value


def _remember(article: Article, segment: Segment, actor: User) -> None:
    try:
        from workflow.services.memory import remember_segment
    except ModuleNotFoundError as exc:
        if exc.name != "workflow.services.memory":
            raise
        return
    remember_segment(article, segment, actor)


def segment_history(article_id: int, segment_id: int, *, actor: User) -> list[dict[str, Any]]:
    """Every saved revision of a segment, oldest first, each with a word diff against the one before."""
    article = get_article(article_id, actor=actor)
    segment = db.session.get(Segment, segment_id)
    if segment is None or segment.article_id != article.id:
        raise NotFound(_("This segment does not belong to this article."))
    revisions = list(
        db.session.execute(
            select(SegmentRevision)
            .where(SegmentRevision.segment_id == segment.id)
            .order_by(SegmentRevision.id)
        ).scalars()
    )
    history = [
        {
            "version": 1,
            "target": segment.mt,
            "status": SegmentStatus.MT.value if segment.mt else SegmentStatus.EMPTY.value,
            "origin": "mt" if segment.mt else "",
            "author": None,
            "at": None,
            "diff_html": "",
        }
    ]
    previous = segment.mt
    for revision in revisions:
        history.append(
            {
                "version": revision.version,
                "target": revision.target,
                "status": revision.status,
                "origin": revision.origin,
                "author": revision.author.username if revision.author else None,
                "at": revision.created_at.isoformat(),
                "diff_html": str(render_diff_html(word_diff(previous, revision.target))),
            }
        )
        previous = revision.target
    return history


def post_edit_report(article: Article) -> list[dict[str, Any]]:
    """MT versus final for every segment: how much post-editing each one needed (edit distance in %)."""
    return [
        {
            "segment_id": s.id,
            "position": s.position,
            "source": s.source,
            "mt": s.mt,
            "final": s.target,
            "edit_percent": edit_distance_percent(s.mt, s.target) if s.mt else None,
            "diff_html": str(render_diff_html(word_diff(s.mt, s.target))) if s.mt else "",
        }
        for s in article.segments
    ]


def add_comment(
    article_id: int, segment_id: int | None, body: str, *, actor: User, parent_id: int | None = None
) -> Comment:
    """Comment on a segment (or reply in its thread); unresolved comments block approval."""
    body = (body or "").strip()
    if not body:
        raise InvalidInput(_("Write a comment first."), errors={"body": _("Required.")})
    if len(body) > 5000:
        raise InvalidInput(_("The comment is longer than 5,000 characters."), errors={"body": _("Too long.")})
    with unit_of_work() as session:
        article = get_article(article_id, actor=actor)
        if segment_id is not None:
            segment = session.get(Segment, segment_id)
            if segment is None or segment.article_id != article.id:
                raise NotFound(_("This segment does not belong to this article."))
        if parent_id is not None:
            parent = session.get(Comment, parent_id)
            if parent is None or parent.article_id != article.id:
                raise NotFound(_("No such comment."))
            segment_id = parent.segment_id
        comment = Comment(
            article_id=article.id, segment_id=segment_id, parent_id=parent_id, author_id=actor.id, body=body
        )
        session.add(comment)
        session.flush()
    return comment


def resolve_comment(article_id: int, comment_id: int, *, actor: User, resolved: bool = True) -> Comment:
    """Mark one comment resolved (or open again): its author, editors and admins may."""
    with unit_of_work() as session:
        comment = _mark_resolved(session, article_id, comment_id, actor, resolved)
    return comment


def resolve_thread(article_id: int, comment_id: int, *, actor: User, resolved: bool = True) -> Comment:
    """Resolve (or reopen) a comment; resolving a thread's first comment resolves its open replies too.

    The replies are marked as resolved by the same person, in the same transaction. Reopening touches
    only the comment named.
    """
    with unit_of_work() as session:
        comment = _mark_resolved(session, article_id, comment_id, actor, resolved)
        if comment.parent_id is None and resolved:
            open_replies = select(Comment).where(
                Comment.parent_id == comment.id, Comment.resolved_at.is_(None)
            )
            for reply in session.execute(open_replies).scalars():
                reply.resolved_at = utcnow()
                reply.resolved_by_id = actor.id
    return comment


def _mark_resolved(session: Any, article_id: int, comment_id: int, actor: User, resolved: bool) -> Comment:
    """Resolve or reopen one comment of the article inside the caller's transaction, checking the rights."""
    article = get_article(article_id, actor=actor)
    comment = session.get(Comment, comment_id)
    if comment is None or comment.article_id != article.id:
        raise NotFound(_("No such comment."))
    if comment.author_id != actor.id and not actor.has_role(Role.EDITOR):
        raise PermissionDenied(_("Only the author or an editor may resolve this comment."))
    comment.resolved_at = utcnow() if resolved else None
    comment.resolved_by_id = actor.id if resolved else None
    return comment


def comments_of(article: Article) -> list[Comment]:
    """All comments of an article, oldest first."""
    return list(
        db.session.execute(
            select(Comment).where(Comment.article_id == article.id).order_by(Comment.id)
        ).scalars()
    )
