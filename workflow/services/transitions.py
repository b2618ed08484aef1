"""Taking a lifecycle action on an article: gather the facts, let the pure lifecycle decide, apply it.

The state change and its timeline event are written in one transaction; overrides of guards are also
written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from workflow.database import unit_of_work
from workflow.domain.lifecycle import (
    Action,
    ArticleFacts,
    GuardBlocked,
    NotPermitted,
    SegmentStatus,
    State,
    TransitionNotAllowed,
    TransitionRequest,
    available_actions,
    decide,
)
from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.models import Article, ArticleEvent, Comment, Segment, User
from workflow.services import audit
from workflow.services.articles import get_article
from workflow.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from workflow.services.segments import actor_of


@dataclass(frozen=True)
class ActionInput:
    """An action asked for by a person, with people named by username (as the API takes them)."""

    action: str
    comment: str = ""
    override_reason: str = ""
    translator: str | None = None
    editor: str | None = None


def count_error_findings(article: Article) -> int:
    """Error-severity quality findings not dismissed, when the quality-check service is present."""
    try:
        from workflow.services.qa import count_blocking_findings
    except ModuleNotFoundError as exc:
        if exc.name != "workflow.services.qa":
            raise
        return 0
    return count_blocking_findings(article)


def gather_facts(article: Article) -> ArticleFacts:
    """Everything the lifecycle's guards look at, counted from the database."""
    counts = dict(
        db.session.execute(
            select(Segment.status, func.count())
            .where(Segment.article_id == article.id)
            .group_by(Segment.status)
        ).all()
    )
    empty = db.session.execute(
        select(func.count()).where(Segment.article_id == article.id, func.trim(Segment.target) == "")
    ).scalar_one()
    total = sum(counts.values())
    unresolved = db.session.execute(
        select(func.count()).where(Comment.article_id == article.id, Comment.resolved_at.is_(None))
    ).scalar_one()
    return ArticleFacts(
        state=State(article.state),
        translator_id=article.translator_id,
        editor_id=article.editor_id,
        empty_segments=empty,
        unreviewed_segments=total - counts.get(SegmentStatus.REVIEWED.value, 0),
        error_findings=count_error_findings(article) if article.state in ("translating", "editing") else 0,
        unresolved_comments=unresolved,
        archived_from=State(article.archived_from) if article.archived_from else None,
    )


def _user_id(username: str | None, field: str) -> int | None:
    if not username:
        return None
    user = db.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None or not user.active:
        raise InvalidInput(
            _("No active user named “%(name)s”.", name=username), errors={field: _("Unknown user.")}
        )
    return user.id


def actions_for(article: Article, user: User) -> list[str]:
    """The action buttons to show this user (guards aside)."""
    four_eyes = current_app.config["COPYDESK_FOUR_EYES"]
    from workflow.services.segments import basic_facts

    return [a.value for a in available_actions(actor_of(user), basic_facts(article), four_eyes=four_eyes)]


def take_action(article_id: int, data: ActionInput, *, actor: User) -> Article:
    """Apply a lifecycle action.

    :raise PermissionDenied: the role, assignment or four-eyes rule forbids it (403).
    :raise Conflict: impossible from this state, a comment is missing, or guards block (409, ``blocking``).
    """
    try:
        action = Action(data.action)
    except ValueError:
        raise InvalidInput(
            _("Unknown action “%(action)s”.", action=data.action), errors={"action": _("Unknown.")}
        ) from None
    with unit_of_work() as session:
        article = get_article(article_id, actor=actor)
        request = TransitionRequest(
            action=action,
            comment=(data.comment or "").strip(),
            override_reason=(data.override_reason or "").strip(),
            translator_id=_user_id(data.translator, "translator"),
            editor_id=_user_id(data.editor, "editor"),
        )
        if request.translator_id is not None:
            translator = session.get(User, request.translator_id)
            if translator is None:
                raise NotFound(_("No such user."))
        try:
            decision = decide(
                actor_of(actor),
                gather_facts(article),
                request,
                four_eyes=current_app.config["COPYDESK_FOUR_EYES"],
            )
        except NotPermitted as exc:
            raise PermissionDenied(_(exc.reason)) from None
        except GuardBlocked as exc:
            raise Conflict(
                _("The article cannot move on yet."),
                extra={
                    "blocking": [
                        {
                            "code": b.code,
                            "message": _(b.message),
                            "overridable": b.overridable,
                            "count": b.count,
                        }
                        for b in exc.blocking
                    ]
                },
            ) from None
        except TransitionNotAllowed as exc:
            raise Conflict(_(exc.reason), extra={"blocking": []}) from None
        if action == Action.ARCHIVE:
            article.archived_from = decision.from_state.value
        elif action == Action.RESTORE:
            article.archived_from = None
        article.state = decision.to_state.value
        article.translator_id = decision.translator_id
        article.editor_id = decision.editor_id
        session.add(
            ArticleEvent(
                article_id=article.id,
                actor_id=actor.id,
                action=action.value,
                from_state=decision.from_state.value,
                to_state=decision.to_state.value,
                comment=request.comment,
                override_reason=request.override_reason if decision.overridden else "",
                detail={
                    "overridden": list(decision.overridden),
                    "translator_id": decision.translator_id,
                    "editor_id": decision.editor_id,
                },
            )
        )
        if decision.overridden:
            audit.record(
                "article.override",
                actor=actor,
                target=f"article {article.id}",
                lifecycle_action=action.value,
                guards=list(decision.overridden),
                reason=request.override_reason,
            )
        session.flush()
        if action == Action.APPROVE:
            _remember_article(article, actor)
    return article


def _remember_article(article: Article, actor: User) -> None:
    try:
        from workflow.services.memory import remember_article
    except ModuleNotFoundError as exc:
        if exc.name != "workflow.services.memory":
            raise
        return
    remember_article(article, actor)


def timeline(article: Article) -> list[ArticleEvent]:
    """The article's events, oldest first."""
    return list(
        db.session.execute(
            select(ArticleEvent).where(ArticleEvent.article_id == article.id).order_by(ArticleEvent.id)
        ).scalars()
    )
