"""The words the lifecycle speaks: article states, roles and their ranking, segment statuses, the actor and
the facts about an article.

Both the transition table (:mod:`workflow.domain.lifecycle`) and the segment-editing rights
(:mod:`workflow.domain.editing_rights`) are written in these terms; keeping them here lets each of those
modules import them without importing the other. :mod:`workflow.domain.lifecycle` re-exports every name,
so ``from workflow.domain.lifecycle import State`` keeps working. Pure: no Flask, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


def N_(message: str) -> str:
    """Mark a string for gettext extraction without translating it (translated later, per request)."""
    return message


class State(StrEnum):
    """Where an article is in its life."""

    NEW = "new"
    TRANSLATING = "translating"
    EDITING = "editing"
    APPROVED = "approved"
    ARCHIVED = "archived"


class Role(StrEnum):
    """A user's role; higher roles may do everything lower ones may (see ``ROLE_RANK``)."""

    TRANSLATOR = "translator"
    EDITOR = "editor"
    ADMIN = "admin"


# Ordered integers with gaps, so "editor or better" is one comparison and a role can be slotted in later.
ROLE_RANK: dict[Role, int] = {Role.TRANSLATOR: 10, Role.EDITOR: 20, Role.ADMIN: 30}


def role_at_least(role: Role, minimum: Role) -> bool:
    """Whether ``role`` ranks at or above ``minimum`` (an admin may do all an editor may, and so on)."""
    return ROLE_RANK[role] >= ROLE_RANK[minimum]


class SegmentStatus(StrEnum):
    """How far one segment's translation has come; where it came from while unconfirmed (MT, TM)."""

    EMPTY = "empty"
    MT = "mt"
    TM = "tm"
    DRAFT = "draft"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"


# Statuses a human has vouched for; the rest still need a translator's eye.
CONFIRMED_STATUSES: frozenset[SegmentStatus] = frozenset({SegmentStatus.TRANSLATED, SegmentStatus.REVIEWED})


@dataclass(frozen=True)
class Actor:
    """The user asking: who they are and their role."""

    user_id: int
    role: Role


@dataclass(frozen=True)
class ArticleFacts:
    """What the lifecycle needs to know about an article, gathered by the service layer."""

    state: State
    translator_id: int | None
    editor_id: int | None
    empty_segments: int = 0
    unreviewed_segments: int = 0
    error_findings: int = 0
    unresolved_comments: int = 0
    archived_from: State | None = None
