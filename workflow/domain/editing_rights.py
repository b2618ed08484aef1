"""Segment-editing rights: who may change segment texts in each article state, and set which statuses.

Split from the transition table in :mod:`workflow.domain.lifecycle` (which re-exports these names, so
callers may keep importing them from there). Messages are English sentences marked with ``N_`` so the web
layer can translate them per request. Pure: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workflow.domain.lifecycle_types import (
    N_,
    Actor,
    ArticleFacts,
    Role,
    SegmentStatus,
    State,
    role_at_least,
)


@dataclass(frozen=True)
class _SegmentEditingRule:
    """Who may edit segments in one state: a minimum role, or the assigned translator when allowed."""

    minimum_role: Role | None  # None: nobody
    assigned_translator_may_edit: bool
    denied_reason: str


_SEGMENT_EDITING: Mapping[State, _SegmentEditingRule] = {
    State.NEW: _SegmentEditingRule(Role.EDITOR, False, N_("Claim the article first.")),
    State.TRANSLATING: _SegmentEditingRule(
        Role.EDITOR, True, N_("Only the translator assigned to this article may edit it.")
    ),
    State.EDITING: _SegmentEditingRule(
        Role.EDITOR, False, N_("The article is with the editors; translators can no longer change it.")
    ),
    State.APPROVED: _SegmentEditingRule(
        None, False, N_("The article is approved; reopen it to make changes.")
    ),
    State.ARCHIVED: _SegmentEditingRule(
        None, False, N_("The article is archived; restore it to make changes.")
    ),
}


def can_edit_segments(actor: Actor, facts: ArticleFacts) -> tuple[bool, str]:
    """Whether ``actor`` may change segment texts now, and if not, a sentence saying why."""
    rule = _SEGMENT_EDITING[facts.state]
    if rule.minimum_role is not None and role_at_least(actor.role, rule.minimum_role):
        return True, ""
    if rule.assigned_translator_may_edit and facts.translator_id == actor.user_id:
        return True, ""
    return False, rule.denied_reason


# The lowest role that may set each status a person can choose (empty, mt and tm are set by the system).
_STATUS_MINIMUM_ROLE: Mapping[SegmentStatus, Role] = {
    SegmentStatus.DRAFT: Role.TRANSLATOR,
    SegmentStatus.TRANSLATED: Role.TRANSLATOR,
    SegmentStatus.REVIEWED: Role.EDITOR,
}


def allowed_segment_statuses(actor: Actor) -> frozenset[SegmentStatus]:
    """The segment statuses ``actor`` may set: translators draft and translate, editors also review."""
    return frozenset(
        status for status, minimum in _STATUS_MINIMUM_ROLE.items() if role_at_least(actor.role, minimum)
    )
