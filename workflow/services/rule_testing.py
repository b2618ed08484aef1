"""Trying style rules out on pasted text: a draft rule before it is saved, or the rules in force.

The admin's "test" boxes use it; nothing here is saved. Split from :mod:`workflow.services.rules`, which
owns the rule set in force and the changes to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.checks.style_rules import InvalidRule, MatchSpan, StyleRule
from workflow.checks.style_rules import test_rule as match_rule
from workflow.i18n import gettext as _
from workflow.services.errors import InvalidInput
from workflow.services.rules import CustomRuleInput, clean_lines, current_rule_set

MAX_TEST_TEXT = 20_000


@dataclass(frozen=True)
class TestHit:
    """One match of the try-it-out box: which rule, where, and the matched text."""

    rule_id: str
    message: str
    start: int
    end: int
    text: str


def _check_test_text(text: str) -> None:
    if len(text) > MAX_TEST_TEXT:
        raise InvalidInput(
            _("Paste at most %(limit)s characters.", limit=MAX_TEST_TEXT), errors={"text": _("Too long.")}
        )


def test_draft(data: CustomRuleInput, text: str) -> list[TestHit]:
    """What a draft rule (not saved, examples not enforced) matches in pasted text."""
    _check_test_text(text)
    phrases, pattern = clean_lines(data.phrases), data.pattern.strip()
    try:
        rule = StyleRule(
            id=data.rule_id.strip() or "draft",
            family="custom",
            message=data.message.strip() or "draft",
            phrases=tuple(phrases),
            pattern=pattern or None,
        )
        spans: list[MatchSpan] = match_rule(rule, text)
    except InvalidRule as error:
        raise InvalidInput(str(error), errors={"pattern": str(error)}) from None
    return [TestHit(rule.id, rule.message, s.start, s.end, s.text) for s in spans]


def test_rules_in_force(text: str) -> list[TestHit]:
    """What the rules in force match in pasted text."""
    _check_test_text(text)
    return [
        TestHit(m.rule.id, _safe_message(m.rule, m.text), m.start, m.end, m.text)
        for m in current_rule_set().find(text)
    ]


def _safe_message(rule: StyleRule, matched: str) -> str:
    try:
        return rule.message % {"match": matched, "rule": rule.id}
    except (KeyError, ValueError, TypeError):
        return rule.message
