"""Every action × state × kind of user against the lifecycle rules as written in the issue.

The expected outcomes below are written out by hand from the rules, not derived from ``TRANSITIONS``:
a change to the table that changes who may do what must change this test too.
"""

import pytest

from workflow.domain.lifecycle import (
    Action,
    Actor,
    ArticleFacts,
    NotPermitted,
    Role,
    State,
    Transition,
    TransitionNotAllowed,
    TransitionRequest,
    available_actions,
    decide,
)

ASSIGNED_TRANSLATOR = Actor(user_id=1, role=Role.TRANSLATOR)
OTHER_TRANSLATOR = Actor(user_id=2, role=Role.TRANSLATOR)
EDITOR = Actor(user_id=3, role=Role.EDITOR)
ADMIN = Actor(user_id=4, role=Role.ADMIN)
ACTORS = (ASSIGNED_TRANSLATOR, OTHER_TRANSLATOR, EDITOR, ADMIN)
ACTOR_NAMES = ("assigned-translator", "other-translator", "editor", "admin")

NEW, TRA, EDI, APP, ARC = State.NEW, State.TRANSLATING, State.EDITING, State.APPROVED, State.ARCHIVED
F403, F409 = "403", "409"  # NotPermitted, TransitionNotAllowed

# action → state → outcome for (assigned translator, other translator, editor, admin).
# A state in the outcome is where the article ends up. Articles archived from "editing" in this table.
EXPECTED: dict[Action, dict[State, tuple[object, object, object, object]]] = {
    Action.ASSIGN: {
        NEW: (F403, F403, TRA, TRA),
        TRA: (F403, F403, TRA, TRA),
        EDI: (F403, F403, EDI, EDI),
        APP: (F403, F403, F409, F409),
        ARC: (F403, F403, F409, F409),
    },
    Action.CLAIM: {
        NEW: (TRA, TRA, TRA, TRA),
        TRA: (F409, F409, F409, F409),
        EDI: (F409, F409, F409, F409),
        APP: (F409, F409, F409, F409),
        ARC: (F409, F409, F409, F409),
    },
    Action.SUBMIT: {
        NEW: (F409, F409, F409, F409),
        TRA: (EDI, F403, EDI, EDI),
        EDI: (F409, F409, F409, F409),
        APP: (F409, F409, F409, F409),
        ARC: (F409, F409, F409, F409),
    },
    Action.REJECT: {
        NEW: (F403, F403, F409, F409),
        TRA: (F403, F403, F409, F409),
        EDI: (F403, F403, TRA, TRA),
        APP: (F403, F403, F409, F409),
        ARC: (F403, F403, F409, F409),
    },
    Action.APPROVE: {
        NEW: (F403, F403, F409, F409),
        TRA: (F403, F403, F409, F409),
        EDI: (F403, F403, APP, APP),
        APP: (F403, F403, F409, F409),
        ARC: (F403, F403, F409, F409),
    },
    Action.REOPEN: {
        NEW: (F403, F403, F409, F409),
        TRA: (F403, F403, F409, F409),
        EDI: (F403, F403, F409, F409),
        APP: (F403, F403, EDI, EDI),
        ARC: (F403, F403, F409, F409),
    },
    Action.ARCHIVE: {
        NEW: (F403, F403, F403, ARC),
        TRA: (F403, F403, F403, ARC),
        EDI: (F403, F403, F403, ARC),
        APP: (F403, F403, F403, ARC),
        ARC: (F403, F403, F403, F409),
    },
    Action.RESTORE: {
        NEW: (F403, F403, F403, F409),
        TRA: (F403, F403, F403, F409),
        EDI: (F403, F403, F403, F409),
        APP: (F403, F403, F403, F409),
        ARC: (F403, F403, F403, EDI),
    },
}

CASES = [
    pytest.param(action, state, actor, outcome, id=f"{action}-{state}-{name}")
    for action, by_state in EXPECTED.items()
    for state, outcomes in by_state.items()
    for actor, name, outcome in zip(ACTORS, ACTOR_NAMES, outcomes, strict=True)
]


def facts_in(state: State) -> ArticleFacts:
    """A clean article (no guard would fail) in ``state``; translator 1 from translating on."""
    return ArticleFacts(
        state=state,
        translator_id=None if state == NEW else ASSIGNED_TRANSLATOR.user_id,
        editor_id=EDITOR.user_id,
        archived_from=EDI if state == ARC else None,
    )


def request_for(action: Action) -> TransitionRequest:
    """A complete request: a comment for actions that need one, a translator for assign."""
    return TransitionRequest(action=action, comment="Please check the figures.", translator_id=7)


def test_table_covers_every_action_and_state():
    assert set(EXPECTED) == set(Action)
    assert all(set(by_state) == set(State) for by_state in EXPECTED.values())


@pytest.mark.parametrize(("action", "state", "actor", "outcome"), CASES)
def test_decide_matches_the_written_rules(action, state, actor, outcome):
    facts = facts_in(state)
    request = request_for(action)
    if outcome == F403:
        with pytest.raises(NotPermitted) as refused:
            decide(actor, facts, request)
        assert refused.value.reason
    elif outcome == F409:
        with pytest.raises(TransitionNotAllowed) as refused:
            decide(actor, facts, request)
        assert refused.value.reason
    else:
        transition = decide(actor, facts, request)
        assert transition.action == action
        assert transition.from_state == state
        assert transition.to_state == outcome
        assert transition.overridden == ()


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("actor", ACTORS, ids=ACTOR_NAMES)
def test_available_actions_are_the_permitted_ones(actor, state):
    index = ACTORS.index(actor)
    expected = {action for action, by_state in EXPECTED.items() if isinstance(by_state[state][index], State)}
    assert set(available_actions(actor, facts_in(state))) == expected


@pytest.mark.parametrize(
    ("actor", "facts", "request_", "expected"),
    [
        pytest.param(
            OTHER_TRANSLATOR,
            ArticleFacts(NEW, translator_id=None, editor_id=3),
            TransitionRequest(Action.CLAIM),
            Transition(Action.CLAIM, NEW, TRA, translator_id=2, editor_id=3),
            id="claim-takes-the-article",
        ),
        pytest.param(
            EDITOR,
            ArticleFacts(NEW, translator_id=None, editor_id=None),
            TransitionRequest(Action.CLAIM),
            Transition(Action.CLAIM, NEW, TRA, translator_id=3, editor_id=None),
            id="editor-may-claim",
        ),
        pytest.param(
            EDITOR,
            ArticleFacts(NEW, translator_id=None, editor_id=None),
            TransitionRequest(Action.ASSIGN, translator_id=7, editor_id=8),
            Transition(Action.ASSIGN, NEW, TRA, translator_id=7, editor_id=8),
            id="assign-both-starts-translation",
        ),
        pytest.param(
            EDITOR,
            ArticleFacts(NEW, translator_id=None, editor_id=None),
            TransitionRequest(Action.ASSIGN, editor_id=8),
            Transition(Action.ASSIGN, NEW, NEW, translator_id=None, editor_id=8),
            id="assign-editor-only-stays-new",
        ),
        pytest.param(
            ADMIN,
            ArticleFacts(TRA, translator_id=1, editor_id=3),
            TransitionRequest(Action.ASSIGN, translator_id=2),
            Transition(Action.ASSIGN, TRA, TRA, translator_id=2, editor_id=3),
            id="reassign-translator-keeps-editor",
        ),
        pytest.param(
            EDITOR,
            ArticleFacts(EDI, translator_id=1, editor_id=3),
            TransitionRequest(Action.ASSIGN, editor_id=5),
            Transition(Action.ASSIGN, EDI, EDI, translator_id=1, editor_id=5),
            id="hand-over-editing",
        ),
        pytest.param(
            EDITOR,
            ArticleFacts(EDI, translator_id=1, editor_id=3),
            TransitionRequest(Action.REJECT, comment="Numbers in paragraph 2 are wrong."),
            Transition(Action.REJECT, EDI, TRA, translator_id=1, editor_id=3),
            id="reject-keeps-assignment",
        ),
        pytest.param(
            ADMIN,
            ArticleFacts(ARC, translator_id=1, editor_id=3, archived_from=TRA),
            TransitionRequest(Action.RESTORE),
            Transition(Action.RESTORE, ARC, TRA, translator_id=1, editor_id=3),
            id="restore-to-translating",
        ),
        pytest.param(
            ADMIN,
            ArticleFacts(ARC, translator_id=None, editor_id=None, archived_from=NEW),
            TransitionRequest(Action.RESTORE),
            Transition(Action.RESTORE, ARC, NEW, translator_id=None, editor_id=None),
            id="restore-to-new",
        ),
        pytest.param(
            ADMIN,
            ArticleFacts(ARC, translator_id=1, editor_id=3, archived_from=None),
            TransitionRequest(Action.RESTORE),
            Transition(Action.RESTORE, ARC, APP, translator_id=1, editor_id=3),
            id="restore-unknown-origin-to-approved",
        ),
        pytest.param(
            ADMIN,
            ArticleFacts(APP, translator_id=1, editor_id=3),
            TransitionRequest(Action.ARCHIVE),
            Transition(Action.ARCHIVE, APP, ARC, translator_id=1, editor_id=3),
            id="archive-reports-from-state",
        ),
    ],
)
def test_resulting_state_and_assignment(actor, facts, request_, expected):
    assert decide(actor, facts, request_) == expected


def test_assign_without_anyone_is_refused():
    facts = ArticleFacts(TRA, translator_id=1, editor_id=3)
    with pytest.raises(TransitionNotAllowed, match="Choose a translator or an editor"):
        decide(EDITOR, facts, TransitionRequest(Action.ASSIGN))


def test_claim_refused_when_someone_else_is_the_translator():
    facts = ArticleFacts(NEW, translator_id=1, editor_id=None)
    with pytest.raises(TransitionNotAllowed, match="Another translator"):
        decide(OTHER_TRANSLATOR, facts, TransitionRequest(Action.CLAIM))
    assert decide(ASSIGNED_TRANSLATOR, facts, TransitionRequest(Action.CLAIM)).to_state == TRA


def test_role_is_checked_before_state():
    """A translator asking to approve a new article learns it is not theirs to do, not that it is new."""
    with pytest.raises(NotPermitted, match="Only editors and administrators"):
        decide(ASSIGNED_TRANSLATOR, facts_in(NEW), TransitionRequest(Action.APPROVE))
    with pytest.raises(NotPermitted, match="Only administrators"):
        decide(EDITOR, facts_in(APP), TransitionRequest(Action.ARCHIVE))
