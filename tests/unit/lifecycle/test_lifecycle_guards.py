"""Guards and overrides, the four-eyes rule, required comments, segment editing rights and statuses."""

import dataclasses

import pytest

from workflow.domain.lifecycle import (
    CONFIRMED_STATUSES,
    ROLE_RANK,
    Action,
    Actor,
    ArticleFacts,
    Blocker,
    GuardBlocked,
    NotPermitted,
    Role,
    SegmentStatus,
    State,
    TransitionNotAllowed,
    TransitionRequest,
    allowed_segment_statuses,
    available_actions,
    can_edit_segments,
    decide,
    role_at_least,
)

TRANSLATOR = Actor(user_id=1, role=Role.TRANSLATOR)
OTHER_TRANSLATOR = Actor(user_id=2, role=Role.TRANSLATOR)
EDITOR = Actor(user_id=3, role=Role.EDITOR)
ADMIN = Actor(user_id=4, role=Role.ADMIN)

TRANSLATING = ArticleFacts(State.TRANSLATING, translator_id=1, editor_id=3)
EDITING = ArticleFacts(State.EDITING, translator_id=1, editor_id=3)
APPROVED = ArticleFacts(State.APPROVED, translator_id=1, editor_id=3)


@pytest.mark.parametrize(
    ("role", "minimum", "expected"),
    [
        (Role.TRANSLATOR, Role.TRANSLATOR, True),
        (Role.TRANSLATOR, Role.EDITOR, False),
        (Role.TRANSLATOR, Role.ADMIN, False),
        (Role.EDITOR, Role.TRANSLATOR, True),
        (Role.EDITOR, Role.EDITOR, True),
        (Role.EDITOR, Role.ADMIN, False),
        (Role.ADMIN, Role.TRANSLATOR, True),
        (Role.ADMIN, Role.EDITOR, True),
        (Role.ADMIN, Role.ADMIN, True),
    ],
)
def test_role_ranking(role, minimum, expected):
    assert role_at_least(role, minimum) is expected
    assert (ROLE_RANK[role] >= ROLE_RANK[minimum]) is expected


SUBMIT = (Action.SUBMIT, TRANSLATING, TRANSLATOR)  # the assigned translator submits
APPROVE = (Action.APPROVE, EDITING, EDITOR)
ERRORS, EMPTY, UNREVIEWED, OPEN = (
    "error_findings",
    "empty_segments",
    "unreviewed_segments",
    "unresolved_comments",
)

# (action, facts, actor), guard counts, override reason, blocking codes (None: passes), overridden codes
GUARD_CASES = [
    pytest.param(SUBMIT, {EMPTY: 2}, "", [EMPTY], (), id="submit-empty-blocks"),
    pytest.param(SUBMIT, {EMPTY: 2}, "deadline", [EMPTY], (), id="submit-empty-not-overridable"),
    pytest.param(SUBMIT, {ERRORS: 1}, "", [ERRORS], (), id="submit-errors-block"),
    pytest.param(SUBMIT, {ERRORS: 1}, "   ", [ERRORS], (), id="submit-blank-reason-is-no-reason"),
    pytest.param(SUBMIT, {ERRORS: 1}, "Figure is right", None, (ERRORS,), id="submit-errors-overridden"),
    pytest.param(SUBMIT, {EMPTY: 1, ERRORS: 1}, "ok", [EMPTY], (), id="submit-override-leaves-hard-blocker"),
    pytest.param(SUBMIT, {EMPTY: 1, ERRORS: 1}, "", [EMPTY, ERRORS], (), id="submit-lists-every-blocker"),
    pytest.param(SUBMIT, {UNREVIEWED: 9, OPEN: 2}, "", None, (), id="submit-ignores-review-guards"),
    pytest.param(APPROVE, {UNREVIEWED: 3}, "", [UNREVIEWED], (), id="approve-unreviewed-blocks"),
    pytest.param(APPROVE, {OPEN: 1}, "", [OPEN], (), id="approve-comments-block"),
    pytest.param(APPROVE, {ERRORS: 4}, "", [ERRORS], (), id="approve-errors-block"),
    pytest.param(APPROVE, {UNREVIEWED: 3, OPEN: 1, ERRORS: 4}, "", [UNREVIEWED, OPEN, ERRORS], (),
                 id="approve-lists-every-blocker"),
    pytest.param(APPROVE, {UNREVIEWED: 3, OPEN: 1, ERRORS: 4}, "Urgent release", None,
                 (UNREVIEWED, OPEN, ERRORS), id="approve-all-overridden"),
    pytest.param(APPROVE, {OPEN: 1}, "Phoned", None, (OPEN,), id="approve-lists-only-what-failed"),
    pytest.param(APPROVE, {EMPTY: 5}, "", None, (), id="approve-ignores-empty-count"),
    pytest.param((Action.REJECT, EDITING, EDITOR), {ERRORS: 4, UNREVIEWED: 1}, "", None, (),
                 id="reject-has-no-guards"),
]  # fmt: skip


@pytest.mark.parametrize(("step", "counts", "override", "blocking", "overridden"), GUARD_CASES)
def test_guards(step, counts, override, blocking, overridden):
    action, facts, actor = step

    facts = dataclasses.replace(facts, **counts)
    request = TransitionRequest(action, comment="Needs another pass.", override_reason=override)
    if blocking is None:
        assert decide(actor, facts, request).overridden == overridden
    else:
        with pytest.raises(GuardBlocked) as blocked:
            decide(actor, facts, request)
        assert [blocker.code for blocker in blocked.value.blocking] == blocking
        assert blocked.value.reason


def test_blocker_carries_message_count_and_overridability():
    facts = dataclasses.replace(TRANSLATING, empty_segments=2, error_findings=5)
    with pytest.raises(GuardBlocked) as blocked:
        decide(TRANSLATOR, facts, TransitionRequest(Action.SUBMIT))
    empty, errors = blocked.value.blocking
    assert isinstance(empty, Blocker)
    assert (empty.overridable, empty.count) == (False, 2)
    assert (errors.overridable, errors.count) == (True, 5)
    assert "segment" in empty.message
    assert "override" in errors.message


@pytest.mark.parametrize(
    ("actor", "translator_id", "four_eyes", "expected"),
    [
        pytest.param(EDITOR, 3, True, NotPermitted, id="editor-who-translated-refused"),
        pytest.param(ADMIN, 4, True, NotPermitted, id="admin-who-translated-refused"),
        pytest.param(EDITOR, 3, False, State.APPROVED, id="four-eyes-off-allows-self-approval"),
        pytest.param(ADMIN, 4, False, State.APPROVED, id="four-eyes-off-admin"),
        pytest.param(EDITOR, 1, True, State.APPROVED, id="other-persons-translation"),
        pytest.param(EDITOR, None, True, State.APPROVED, id="no-translator-recorded"),
    ],
)
def test_four_eyes_rule(actor, translator_id, four_eyes, expected):
    facts = dataclasses.replace(EDITING, translator_id=translator_id)
    request = TransitionRequest(Action.APPROVE)
    if expected is NotPermitted:
        with pytest.raises(NotPermitted, match="Four-eyes rule"):
            decide(actor, facts, request, four_eyes=four_eyes)
        assert Action.APPROVE not in available_actions(actor, facts, four_eyes=four_eyes)
    else:
        assert decide(actor, facts, request, four_eyes=four_eyes).to_state == expected
        assert Action.APPROVE in available_actions(actor, facts, four_eyes=four_eyes)


def test_four_eyes_does_not_stop_rejecting_own_translation():
    facts = dataclasses.replace(EDITING, translator_id=EDITOR.user_id)
    request = TransitionRequest(Action.REJECT, comment="I'll redo paragraph 3.")
    assert decide(EDITOR, facts, request).to_state == State.TRANSLATING


@pytest.mark.parametrize(
    ("action", "facts", "comment", "message"),
    [
        pytest.param(Action.REJECT, EDITING, "", "A comment is required to reject", id="reject-empty"),
        pytest.param(Action.REJECT, EDITING, " \n\t", "A comment is required to reject", id="reject-blank"),
        pytest.param(Action.REOPEN, APPROVED, "", "A comment is required to reopen", id="reopen-empty"),
        pytest.param(Action.REOPEN, APPROVED, "  ", "A comment is required to reopen", id="reopen-blank"),
    ],
)
def test_comment_required(action, facts, comment, message):
    with pytest.raises(TransitionNotAllowed, match=message):
        decide(EDITOR, facts, TransitionRequest(action, comment=comment))
    transition = decide(EDITOR, facts, TransitionRequest(action, comment="Title is wrong."))
    assert transition.from_state == facts.state


def test_missing_comment_does_not_hide_a_permission_problem():
    with pytest.raises(NotPermitted):
        decide(TRANSLATOR, EDITING, TransitionRequest(Action.REJECT))


ASSIGNED, UNASSIGNED = TRANSLATOR, OTHER_TRANSLATOR
# state → can edit? for (assigned translator, other translator, editor, admin)
EDITING_RIGHTS = {
    State.NEW: (False, False, True, True),
    State.TRANSLATING: (True, False, True, True),
    State.EDITING: (False, False, True, True),
    State.APPROVED: (False, False, False, False),
    State.ARCHIVED: (False, False, False, False),
}
EDITING_CASES = [
    pytest.param(state, actor, allowed, id=f"{state}-{name}")
    for state, rights in EDITING_RIGHTS.items()
    for actor, name, allowed in zip(
        (ASSIGNED, UNASSIGNED, EDITOR, ADMIN),
        ("assigned", "unassigned", "editor", "admin"),
        rights,
        strict=True,
    )
]


@pytest.mark.parametrize(("state", "actor", "allowed"), EDITING_CASES)
def test_can_edit_segments(state, actor, allowed):
    facts = ArticleFacts(state, translator_id=ASSIGNED.user_id, editor_id=EDITOR.user_id)
    permitted, reason = can_edit_segments(actor, facts)
    assert permitted is allowed
    assert (reason == "") is allowed
    if not allowed:
        assert reason.endswith(".")


@pytest.mark.parametrize(
    ("state", "actor", "reason"),
    [
        (State.NEW, ASSIGNED, "Claim the article first."),
        (State.TRANSLATING, UNASSIGNED, "Only the translator assigned"),
        (State.APPROVED, EDITOR, "reopen it"),
        (State.ARCHIVED, ADMIN, "restore it"),
    ],
)
def test_can_edit_segments_reason(state, actor, reason):
    facts = ArticleFacts(state, translator_id=ASSIGNED.user_id, editor_id=EDITOR.user_id)
    assert reason in can_edit_segments(actor, facts)[1]


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (TRANSLATOR, {SegmentStatus.DRAFT, SegmentStatus.TRANSLATED}),
        (EDITOR, {SegmentStatus.DRAFT, SegmentStatus.TRANSLATED, SegmentStatus.REVIEWED}),
        (ADMIN, {SegmentStatus.DRAFT, SegmentStatus.TRANSLATED, SegmentStatus.REVIEWED}),
    ],
)
def test_allowed_segment_statuses(actor, expected):
    assert allowed_segment_statuses(actor) == frozenset(expected)


def test_confirmed_statuses():
    assert frozenset({SegmentStatus.TRANSLATED, SegmentStatus.REVIEWED}) == CONFIRMED_STATUSES


def test_enum_values_are_the_stored_strings():
    assert [str(state) for state in State] == ["new", "translating", "editing", "approved", "archived"]
    assert [str(action) for action in Action] == [
        "assign", "claim", "submit", "reject", "approve", "reopen", "archive", "restore",
    ]  # fmt: skip
    statuses = ["empty", "mt", "tm", "draft", "translated", "reviewed"]
    assert [str(status) for status in SegmentStatus] == statuses
