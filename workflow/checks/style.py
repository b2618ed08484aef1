"""The ``style`` check: Chinglish and boilerplate in English copy, driven by the style rule pack.

:class:`RuleSet` is the compiled set of rules in force (shipped rules minus the disabled ones, plus custom
rules from the database). It screens a text against every rule at once with one RE2 ``Set`` pass and runs
only the rules that hit to find their spans, so a segment costs about one scan whatever the pack's size.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import re2

from workflow.checks.base import N_, Check, CheckContext, Finding
from workflow.checks.style_rules import (
    CompiledRule,
    InvalidRule,
    StyleRule,
    compile_rule,
    compiled_shipped_rules,
)

_SET_MEMORY = 64 << 20


class RuleMatch(NamedTuple):
    """One rule matching one span of a text."""

    rule: StyleRule
    start: int
    end: int
    text: str


class RuleSet:
    """An immutable compiled set of style rules, checked in about one pass per text."""

    __slots__ = ("_compiled", "_screen")

    def __init__(self, compiled: Sequence[CompiledRule]) -> None:
        ids = [c.rule.id for c in compiled]
        duplicates = sorted({rule_id for rule_id in ids if ids.count(rule_id) > 1})
        if duplicates:
            raise InvalidRule(f"Rule ids must be unique; repeated: {', '.join(duplicates)}.")
        self._compiled = tuple(compiled)
        self._screen = _build_screen(self._compiled)

    @classmethod
    def build(cls, custom: Iterable[StyleRule] = (), disabled: Iterable[str] = ()) -> RuleSet:
        """Shipped rules minus ``disabled`` ids, plus enabled custom rules (ids may not shadow shipped ones).

        Custom rules are not re-checked against their examples here: they were checked when saved.
        """
        disabled_ids = frozenset(disabled)
        shipped = compiled_shipped_rules()
        shipped_ids = {c.rule.id for c in shipped}
        chosen = [c for c in shipped if c.rule.enabled and c.rule.id not in disabled_ids]
        for rule in custom:
            if rule.id in shipped_ids:
                raise InvalidRule(
                    f"Custom rule id {rule.id} is taken by a shipped rule; shipped rules can be disabled "
                    "but not replaced. Choose another id."
                )
            if rule.enabled and rule.id not in disabled_ids:
                chosen.append(compile_rule(rule, check_examples=False))
        return cls(chosen)

    @property
    def rules(self) -> tuple[StyleRule, ...]:
        """The rules in force, shipped first."""
        return tuple(c.rule for c in self._compiled)

    def find(self, text: str) -> list[RuleMatch]:
        """Every rule match in ``text``, ordered by position; one finding per rule and span."""
        if not text or self._screen is None:
            return []
        hit_indexes = self._screen.Match(text)
        if not hit_indexes:
            return []
        matches = [
            RuleMatch(self._compiled[index].rule, span.start, span.end, span.text)
            for index in sorted(hit_indexes)
            for span in self._compiled[index].spans(text)
        ]
        matches.sort(key=lambda match: (match.start, match.end))
        return matches


def _build_screen(compiled: Sequence[CompiledRule]) -> Any:
    """One RE2 ``Set`` of every rule's pattern: which rules match a text, in one linear scan."""
    if not compiled:
        return None
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = _SET_MEMORY
    screen = re2.Set.SearchSet(options)
    for rule in compiled:
        screen.Add(rule.rule.regex_source)
    screen.Compile()
    return screen


@functools.lru_cache(maxsize=16)
def cached_rule_set(custom: tuple[StyleRule, ...] = (), disabled: frozenset[str] = frozenset()) -> RuleSet:
    """A rule set memoised on its inputs (building one costs ~15 ms; rules are frozen, so hashable).

    The service layer can call this on every request with the rules read from the database: a change
    to any custom rule or to the disabled ids gives a new key, so edits apply at once.
    """
    return RuleSet.build(custom, disabled)


@functools.cache
def default_rule_set() -> RuleSet:
    """The shipped rules, all enabled: used when the caller supplies no rule set (CLI, benchmark)."""
    return RuleSet.build()


class StyleCheck(Check):
    """Flags calques, boilerplate, slogans and grammar slips typical of machine-translated trade news."""

    id = "style"
    name = N_("Style")
    description = N_(
        "Flags wording that reads as machine-translated Chinese: calques, web-page boilerplate, empty "
        "intensifiers and slogans, nominalisation chains, countability and tense slips."
    )
    target_langs = frozenset({"en"})

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """One finding per rule match in the target, carrying the rule's severity, message and rewrites."""
        rule_set = context.style_rules if context.style_rules is not None else default_rule_set()
        return [
            self.finding(
                match.rule.message,
                severity=match.rule.severity,
                params={"rule": match.rule.id, "match": match.text},
                start=match.start,
                end=match.end,
                suggestions=match.rule.suggestions,
            )
            for match in rule_set.find(target)
        ]
