"""The article lifecycle: which role may move an article from which state to which, as one table.

An article goes new → translating → editing → approved, can be sent back (reject, reopen) and put away
(archive, restore). Every action is one row of ``TRANSITIONS``: the states it starts from, where it leads,
the lowest role that may take it, who among that role may (the assigned translator, anyone but the
translator under the four-eyes rule…), whether a comment is required and which guards must pass. The
service layer asks ``decide`` and gets either a ``Transition`` to apply or a domain error it maps to HTTP:
``NotPermitted`` → 403, ``TransitionNotAllowed`` and ``GuardBlocked`` → 409.

The module is pure (no Flask, no database): the service gathers ``ArticleFacts`` (counts of empty and
unreviewed segments, error findings, open comments) and applies the decision inside its transaction.
Messages are English sentences marked with ``N_`` so the web layer can translate them per request.
Who may edit segments lives in :mod:`workflow.domain.editing_rights`, the states, roles and facts in
:mod:`workflow.domain.lifecycle_types`; both are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

# Re-exported so callers may keep importing these names from the lifecycle.
from workflow.domain.editing_rights import allowed_segment_statuses as allowed_segment_statuses
from workflow.domain.editing_rights import can_edit_segments as can_edit_segments
from workflow.domain.lifecycle_types import CONFIRMED_STATUSES as CONFIRMED_STATUSES
from workflow.domain.lifecycle_types import (
    N_,
    Actor,
    ArticleFacts,
    Role,
    State,
    role_at_least,
)
from workflow.domain.lifecycle_types import ROLE_RANK as ROLE_RANK
from workflow.domain.lifecycle_types import SegmentStatus as SegmentStatus


class Action(StrEnum):
    """What a user asks to do to an article."""

    ASSIGN = "assign"
    CLAIM = "claim"
    SUBMIT = "submit"
    REJECT = "reject"
    APPROVE = "approve"
    REOPEN = "reopen"
    ARCHIVE = "archive"
    RESTORE = "restore"


@dataclass(frozen=True)
class TransitionRequest:
    """The action asked for, with its comment, override reason and (for assign) the people to assign."""

    action: Action
    comment: str = ""
    override_reason: str = ""
    translator_id: int | None = None
    editor_id: int | None = None


@dataclass(frozen=True)
class Transition:
    """The decision: the state change to apply, the guard codes overridden and the resulting assignment."""

    action: Action
    from_state: State
    to_state: State
    overridden: tuple[str, ...] = ()
    translator_id: int | None = None
    editor_id: int | None = None


@dataclass(frozen=True)
class Blocker:
    """A guard that failed: a stable ``code``, an English ``message`` and whether a reason may override it.

    ``count`` says how many segments, findings or comments are behind it, for display next to the message.
    """

    code: str
    message: str
    overridable: bool
    count: int = 0


class LifecycleError(Exception):
    """Base of every refusal from ``decide``; ``reason`` is a user-facing English sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotPermitted(LifecycleError):
    """The actor's role or assignment forbids the action (HTTP 403)."""


class TransitionNotAllowed(LifecycleError):
    """The action is impossible from the article's state, or the request lacks what it needs (HTTP 409)."""


class GuardBlocked(LifecycleError):
    """Guards failed (HTTP 409); ``blocking`` lists each, saying which an override reason would lift."""

    def __init__(self, blocking: list[Blocker]) -> None:
        super().__init__(N_("The article does not yet meet the conditions for this step."))
        self.blocking = blocking


class AssigneeRule(StrEnum):
    """Who, among the users whose role is high enough, may take an action."""

    ANYONE = "anyone"
    # A translator must be the article's translator; editors and admins may act for them.
    ASSIGNED_TRANSLATOR = "assigned_translator"
    # Nobody else may already be the article's translator.
    UNCLAIMED = "unclaimed"
    # Four-eyes rule (when enabled): the article's translator may not take it, whatever their role.
    NOT_THE_TRANSLATOR = "not_the_translator"


@dataclass(frozen=True)
class Guard:
    """A condition on the article: fails when the ``ArticleFacts`` count named by ``code`` is above zero."""

    code: str
    message: str
    overridable: bool

    def check(self, facts: ArticleFacts) -> Blocker | None:
        """Return a blocker when the article fails this guard, else None."""
        count = int(getattr(facts, self.code))
        return Blocker(self.code, self.message, self.overridable, count) if count > 0 else None


@dataclass(frozen=True)
class TransitionRule:
    """One row of the lifecycle table; ``to_state`` None means derived from the facts (see ``decide``)."""

    from_states: frozenset[State]
    to_state: State | None
    minimum_role: Role
    assignee_rule: AssigneeRule = AssigneeRule.ANYONE
    comment_required: bool = False
    guards: tuple[Guard, ...] = ()
    wrong_state_reason: str = N_("This action is not possible in the article's current state.")
    missing_comment_reason: str = N_("A comment is required.")


NO_EMPTY_SEGMENTS = Guard(
    "empty_segments",
    N_("Every segment needs a translation before the article can be submitted."),
    overridable=False,
)
NO_ERROR_FINDINGS = Guard(
    "error_findings",
    N_("Quality checks report errors: fix them, or give a reason to override."),
    overridable=True,
)
ALL_SEGMENTS_REVIEWED = Guard(
    "unreviewed_segments",
    N_("Some segments are not reviewed yet: review them, or give a reason to override."),
    overridable=True,
)
NO_UNRESOLVED_COMMENTS = Guard(
    "unresolved_comments",
    N_("Some comments are not resolved yet: resolve them, or give a reason to override."),
    overridable=True,
)

_ACTIVE_STATES = frozenset({State.NEW, State.TRANSLATING, State.EDITING})

# Read-only: the service layer and the templates read it, nothing may change it at run time.
TRANSITIONS: Mapping[Action, TransitionRule] = MappingProxyType(
    {
        Action.ASSIGN: TransitionRule(
            from_states=_ACTIVE_STATES,
            to_state=None,  # new with a translator → translating; otherwise unchanged
            minimum_role=Role.EDITOR,
            wrong_state_reason=N_(
                "People can only be assigned to an article that is not approved or archived."
            ),
        ),
        Action.CLAIM: TransitionRule(
            from_states=frozenset({State.NEW}),
            to_state=State.TRANSLATING,
            minimum_role=Role.TRANSLATOR,
            assignee_rule=AssigneeRule.UNCLAIMED,
            wrong_state_reason=N_("Only a new article can be claimed."),
        ),
        Action.SUBMIT: TransitionRule(
            from_states=frozenset({State.TRANSLATING}),
            to_state=State.EDITING,
            minimum_role=Role.TRANSLATOR,
            assignee_rule=AssigneeRule.ASSIGNED_TRANSLATOR,
            guards=(NO_EMPTY_SEGMENTS, NO_ERROR_FINDINGS),
            wrong_state_reason=N_("Only an article being translated can be submitted for editing."),
        ),
        Action.REJECT: TransitionRule(
            from_states=frozenset({State.EDITING}),
            to_state=State.TRANSLATING,
            minimum_role=Role.EDITOR,
            comment_required=True,
            wrong_state_reason=N_("Only an article being edited can be sent back to translation."),
            missing_comment_reason=N_("A comment is required to reject the article."),
        ),
        Action.APPROVE: TransitionRule(
            from_states=frozenset({State.EDITING}),
            to_state=State.APPROVED,
            minimum_role=Role.EDITOR,
            assignee_rule=AssigneeRule.NOT_THE_TRANSLATOR,
            guards=(ALL_SEGMENTS_REVIEWED, NO_UNRESOLVED_COMMENTS, NO_ERROR_FINDINGS),
            wrong_state_reason=N_("Only an article being edited can be approved."),
        ),
        Action.REOPEN: TransitionRule(
            from_states=frozenset({State.APPROVED}),
            to_state=State.EDITING,
            minimum_role=Role.EDITOR,
            comment_required=True,
            wrong_state_reason=N_("Only an approved article can be reopened."),
            missing_comment_reason=N_("A comment is required to reopen the article."),
        ),
        Action.ARCHIVE: TransitionRule(
            from_states=frozenset({State.NEW, State.TRANSLATING, State.EDITING, State.APPROVED}),
            to_state=State.ARCHIVED,
            minimum_role=Role.ADMIN,
            wrong_state_reason=N_("The article is already archived."),
        ),
        Action.RESTORE: TransitionRule(
            from_states=frozenset({State.ARCHIVED}),
            to_state=None,  # back to the state it was archived from (approved when unknown)
            minimum_role=Role.ADMIN,
            wrong_state_reason=N_("Only an archived article can be restored."),
        ),
    }
)

_ROLE_TOO_LOW_REASONS: Mapping[Role, str] = {
    Role.TRANSLATOR: N_("You need a translator account to do this."),
    Role.EDITOR: N_("Only editors and administrators may do this."),
    Role.ADMIN: N_("Only administrators may do this."),
}


def _refusal(
    actor: Actor, facts: ArticleFacts, rule: TransitionRule, four_eyes: bool
) -> LifecycleError | None:
    """Return why ``actor`` may not attempt ``rule`` on the article (role, state, assignee), or None."""
    if not role_at_least(actor.role, rule.minimum_role):
        return NotPermitted(_ROLE_TOO_LOW_REASONS[rule.minimum_role])
    if facts.state not in rule.from_states:
        return TransitionNotAllowed(rule.wrong_state_reason)
    is_translator = facts.translator_id == actor.user_id
    match rule.assignee_rule:
        case AssigneeRule.ASSIGNED_TRANSLATOR if actor.role == Role.TRANSLATOR and not is_translator:
            return NotPermitted(N_("Only the translator assigned to this article may do this."))
        case AssigneeRule.UNCLAIMED if facts.translator_id is not None and not is_translator:
            return TransitionNotAllowed(N_("Another translator is already assigned to this article."))
        case AssigneeRule.NOT_THE_TRANSLATOR if four_eyes and is_translator:
            return NotPermitted(
                N_("Four-eyes rule: you translated this article, so someone else must approve it.")
            )
    return None


def _derived_target(action: Action, facts: ArticleFacts, translator_id: int | None) -> State:
    """Where an action whose rule has no fixed ``to_state`` leads, given the facts and the new translator."""
    if action == Action.RESTORE:
        if facts.archived_from is None or facts.archived_from == State.ARCHIVED:
            return State.APPROVED
        return facts.archived_from
    if facts.state == State.NEW and translator_id is not None:
        return State.TRANSLATING
    return facts.state


def _resulting_assignment(
    actor: Actor, facts: ArticleFacts, request: TransitionRequest
) -> tuple[int | None, int | None]:
    """The (translator, editor) pair after the action: claim takes the article, assign sets who is given."""
    if request.action == Action.CLAIM:
        return actor.user_id, facts.editor_id
    if request.action == Action.ASSIGN:
        translator = request.translator_id if request.translator_id is not None else facts.translator_id
        editor = request.editor_id if request.editor_id is not None else facts.editor_id
        return translator, editor
    return facts.translator_id, facts.editor_id


def decide(
    actor: Actor, facts: ArticleFacts, request: TransitionRequest, *, four_eyes: bool = True
) -> Transition:
    """Decide whether ``actor`` may take ``request.action`` on the article, and what it leads to.

    Checks run in a fixed order so the same request always gets the same answer: role (403), state (409),
    assignment and four-eyes (403), the request itself — a required comment, someone to assign (409) —
    then the guards (409, ``GuardBlocked``). A non-blank ``override_reason`` lifts every overridable guard;
    the lifted codes are returned in ``Transition.overridden`` so the service can record them.
    """
    rule = TRANSITIONS[request.action]
    refusal = _refusal(actor, facts, rule, four_eyes)
    if refusal is not None:
        raise refusal
    if rule.comment_required and not request.comment.strip():
        raise TransitionNotAllowed(rule.missing_comment_reason)
    if request.action == Action.ASSIGN and request.translator_id is None and request.editor_id is None:
        raise TransitionNotAllowed(N_("Choose a translator or an editor to assign."))

    overriding = bool(request.override_reason.strip())
    failed = [blocker for guard in rule.guards if (blocker := guard.check(facts)) is not None]
    blocking = [blocker for blocker in failed if not (overriding and blocker.overridable)]
    if blocking:
        raise GuardBlocked(blocking)

    overridden = tuple(blocker.code for blocker in failed)  # all of them, or we would have raised
    translator_id, editor_id = _resulting_assignment(actor, facts, request)
    to_state = (
        rule.to_state if rule.to_state is not None else _derived_target(request.action, facts, translator_id)
    )
    return Transition(
        action=request.action,
        from_state=facts.state,
        to_state=to_state,
        overridden=overridden,
        translator_id=translator_id,
        editor_id=editor_id,
    )


def available_actions(actor: Actor, facts: ArticleFacts, *, four_eyes: bool = True) -> list[Action]:
    """The actions ``actor`` may attempt on the article now, guards aside — the buttons to show.

    A button may still be refused by a guard or a missing comment; ``decide`` says why.
    """
    return [action for action, rule in TRANSITIONS.items() if _refusal(actor, facts, rule, four_eyes) is None]
