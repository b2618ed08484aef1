"""Style rules for English copy: the rule model, safe RE2 compilation and the shipped rule pack loader.

A rule flags wording that reads as machine-translated Chinese (a calque of 人才, boilerplate, a slogan…).
Rules are data: the shipped pack lives in ``rules/*.toml`` next to this module, custom rules come from the
database as plain mappings. Every pattern is compiled with google-re2, a linear-time engine, so no rule can
hang a request; patterns that RE2 cannot run (lookarounds, backreferences), that match empty text, or that
nest quantifiers like ``(a+)+`` are refused with a message an admin can act on before the rule is saved.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, NamedTuple

import re2

from workflow.checks.base import Severity

RULES_DIR = Path(__file__).parent / "rules"
MAX_PATTERN_LENGTH = 2000
MAX_OUTER_REPEAT = 10
RULE_SEVERITIES = (Severity.WARNING, Severity.INFO)
RULE_SOURCES = ("shipped", "custom")

_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_COUNTED_REPEAT = re.compile(r"\{(\d+)(,(\d*))?\}")
_UNSUPPORTED_SYNTAX = (
    ("(?<=", "lookbehind assertion"),
    ("(?<!", "negative lookbehind assertion"),
    ("(?=", "lookahead assertion"),
    ("(?!", "negative lookahead assertion"),
    ("(?>", "atomic group"),
)
_EMPTY_MATCH_PROBES = ("", "a", "Two words, 3 numbers.")
_MESSAGE_PROBE = {"rule": "rule-id", "match": "matched text"}


class InvalidRule(ValueError):
    """A rule refused before it is saved or loaded; the message tells an admin what to fix."""


@dataclass(frozen=True, slots=True)
class StyleRule:
    """One style rule: what to look for (phrases or an RE2 pattern), why it is wrong, and how to fix it.

    ``phrases`` match case-insensitively on word boundaries; ``pattern`` is RE2 syntax (also
    case-insensitive). A match overlapping a match of ``unless`` is an accepted use and is not reported.
    ``message`` may use ``%(match)s`` for the matched text (write ``%%`` for a literal percent sign).
    ``calque_of`` names the Chinese word the flagged English renders literally, when there is one.
    """

    id: str
    family: str
    message: str
    severity: Severity = Severity.INFO
    phrases: tuple[str, ...] = ()
    pattern: str | None = None
    unless: str | None = None
    suggestions: tuple[str, ...] = ()
    examples_match: tuple[str, ...] = ()
    examples_clean: tuple[str, ...] = ()
    calque_of: str | None = None
    enabled: bool = True
    source: str = "custom"

    @property
    def regex_source(self) -> str:
        """The RE2 pattern this rule runs: its own pattern, or its phrases joined into one alternation."""
        return self.pattern if self.pattern is not None else phrases_to_pattern(self.phrases)


class MatchSpan(NamedTuple):
    """Where a rule matched: character offsets into the text and the matched text itself."""

    start: int
    end: int
    text: str


_FIELD_NAMES = frozenset(f.name for f in fields(StyleRule))
_TUPLE_FIELDS = ("phrases", "suggestions", "examples_match", "examples_clean")


def rule_from_mapping(data: Mapping[str, Any], source: str = "custom") -> StyleRule:
    """Build a rule from a TOML table, a database row or a form (field names as in :class:`StyleRule`).

    Checks the shape of each field; :func:`compile_rule` then checks the patterns and examples.
    """
    unknown = sorted(set(data) - _FIELD_NAMES)
    if unknown:
        raise InvalidRule(f"Unknown rule field(s): {', '.join(unknown)}.")
    values = dict(data)
    values["source"] = source
    rule_id = values.get("id")
    if not isinstance(rule_id, str) or not _KEBAB.match(rule_id) or len(rule_id) > 64:
        raise InvalidRule(f"Rule id {rule_id!r} must be kebab-case (e.g. 'talents-countable'), ≤ 64 chars.")
    family = values.get("family")
    if not isinstance(family, str) or not _KEBAB.match(family):
        raise InvalidRule(f"Rule {rule_id}: family {family!r} must be kebab-case (e.g. 'boilerplate').")
    try:
        values["severity"] = Severity(values.get("severity", "info"))
    except ValueError:
        values["severity"] = None
    if values["severity"] not in RULE_SEVERITIES:
        raise InvalidRule(f"Rule {rule_id}: severity must be 'warning' or 'info'.")
    if source not in RULE_SOURCES:
        raise InvalidRule(f"Rule {rule_id}: source must be one of {', '.join(RULE_SOURCES)}.")
    for name in _TUPLE_FIELDS:
        items = values.get(name, ())
        if isinstance(items, str) or not all(isinstance(item, str) for item in items):
            raise InvalidRule(f"Rule {rule_id}: {name} must be a list of strings.")
        values[name] = tuple(items)
    for name in ("message", "pattern", "unless", "calque_of"):
        if values.get(name) is not None and not isinstance(values[name], str):
            raise InvalidRule(f"Rule {rule_id}: {name} must be text.")
    if not isinstance(values.get("enabled", True), bool):
        raise InvalidRule(f"Rule {rule_id}: enabled must be true or false.")
    if not isinstance(values.get("message"), str):
        raise InvalidRule(f"Rule {rule_id}: a message explaining the problem is required.")
    return StyleRule(**values)


def phrases_to_pattern(phrases: tuple[str, ...] | list[str]) -> str:
    """Join literal phrases into one RE2 alternation: word boundaries at word edges, any run of spaces."""
    alternatives = []
    for phrase in phrases:
        words = phrase.split()
        if not words:
            raise InvalidRule("A phrase is empty.")
        body = r"\s+".join(re2.escape(word) for word in words)
        head = r"\b" if _is_word_char(words[0][0]) else ""
        tail = r"\b" if _is_word_char(words[-1][-1]) else ""
        alternatives.append(f"{head}{body}{tail}")
    if not alternatives:
        raise InvalidRule("A phrase rule needs at least one phrase.")
    return "(?:" + "|".join(alternatives) + ")"


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    return options


def validate_pattern(pattern: str) -> None:
    """Refuse a pattern that is empty, too long, unsupported by RE2, catastrophic or matching empty text.

    Nested quantifiers such as ``(a+)+`` are refused even though RE2 would run them in linear time: they
    are the classic catastrophic-backtracking shape and almost always a mistake.
    """
    _compile_pattern(pattern)


def _compile_pattern(pattern: str) -> Any:
    if not pattern.strip():
        raise InvalidRule("The pattern is empty.")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise InvalidRule(
            f"The pattern is {len(pattern)} characters long; the limit is {MAX_PATTERN_LENGTH}. "
            "Split it into several rules."
        )
    for token, what in _UNSUPPORTED_SYNTAX:
        if token in pattern:
            raise InvalidRule(
                f"The pattern uses a {what} '{token}…', which the linear-time RE2 engine does not support. "
                "Put acceptable contexts in the rule's 'unless' pattern instead."
            )
    _refuse_nested_quantifiers(pattern)
    try:
        regex = re2.compile(pattern, _options())
    except re2.error as error:
        detail = error.args[0] if error.args else error
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        raise InvalidRule(f"The pattern is not a valid RE2 regular expression: {detail}.") from None
    for probe in _EMPTY_MATCH_PROBES:
        if any(found.end() == found.start() for found in regex.finditer(probe)):
            raise InvalidRule(
                "The pattern can match empty text, so it would flag every position. "
                "Make it require at least one character."
            )
    return regex


def _refuse_nested_quantifiers(pattern: str) -> None:
    """Scan the pattern's groups; refuse a repeated group whose body also repeats, and backreferences."""
    open_groups: list[list[Any]] = []  # [start offset, body contains a repeating quantifier]
    closed_group: list[Any] | None = None
    index = 0
    while index < len(pattern):
        char = pattern[index]
        repeat = _quantifier_at(pattern, index)
        if repeat is not None:
            length, max_count = repeat
            repeats_more_than_once = max_count is None or max_count > 1
            if (
                closed_group is not None
                and closed_group[1]
                and (max_count is None or max_count > MAX_OUTER_REPEAT)
            ):
                raise InvalidRule(
                    f"The pattern nests quantifiers in '{pattern[closed_group[0] : index + length]}' "
                    "(a repeated group that itself repeats, like (a+)+). Such patterns are refused because "
                    "they can take exponential time; rewrite the group without the inner repetition."
                )
            if repeats_more_than_once and open_groups:
                open_groups[-1][1] = True
            index += length + (1 if pattern.startswith("?", index + length) else 0)
            closed_group = None
            continue
        closed_group = None
        if char == "\\":
            index = _skip_escape(pattern, index)
        elif char == "[":
            index = _skip_class(pattern, index)
        elif char == "(":
            open_groups.append([index, False])
            index += 1
        elif char == ")":
            if open_groups:
                closed_group = open_groups.pop()
                if closed_group[1] and open_groups:
                    open_groups[-1][1] = True
            index += 1
        else:
            index += 1


def _quantifier_at(pattern: str, index: int) -> tuple[int, int | None] | None:
    """(length, maximum count or None when unbounded) of a quantifier starting at ``index``, else None."""
    char = pattern[index]
    if char in "*+":
        return 1, None
    if char == "?":
        return (1, 1) if index > 0 and pattern[index - 1] != "(" else None
    if char == "{":
        counted = _COUNTED_REPEAT.match(pattern, index)
        if counted is None:
            return None
        if counted.group(2) is None:
            return counted.end() - index, int(counted.group(1))
        upper = counted.group(3)
        return counted.end() - index, int(upper) if upper else None
    return None


def _skip_escape(pattern: str, index: int) -> int:
    following = pattern[index + 1 : index + 2]
    if following in set("123456789"):
        raise InvalidRule(
            f"The pattern uses a backreference '\\{following}', which the linear-time RE2 engine does not "
            "support. Spell out the repeated text instead."
        )
    if following in ("p", "P", "x") and pattern.startswith("{", index + 2):
        close = pattern.find("}", index + 2)
        return len(pattern) if close == -1 else close + 1
    return index + 2


def _skip_class(pattern: str, index: int) -> int:
    index += 1
    if pattern.startswith("^", index):
        index += 1
    if pattern.startswith("]", index):
        index += 1
    while index < len(pattern) and pattern[index] != "]":
        if pattern[index] == "\\":
            index += 2
        elif pattern.startswith("[:", index):
            close = pattern.find(":]", index + 2)
            index = index + 1 if close == -1 else close + 2
        else:
            index += 1
    return index + 1


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A validated rule with its RE2 programs, ready to find matches."""

    rule: StyleRule
    regex: Any
    unless: Any = None

    def spans(self, text: str) -> list[MatchSpan]:
        """Every non-overlapping match in ``text`` that no ``unless`` match overlaps."""
        found = [MatchSpan(m.start(), m.end(), m.group()) for m in self.regex.finditer(text)]
        if found and self.unless is not None:
            accepted = [(m.start(), m.end()) for m in self.unless.finditer(text)]
            found = [s for s in found if not any(a < s.end and s.start < b for a, b in accepted)]
        return found


def compile_rule(rule: StyleRule, check_examples: bool = True) -> CompiledRule:
    """Validate a rule and compile it; raise :class:`InvalidRule` saying what to fix.

    With ``check_examples`` every ``examples_match`` must match and no ``examples_clean`` may: this is how
    the shipped pack's examples run as tests and how a custom rule is checked before it is saved.
    """
    if (rule.pattern is None) == (not rule.phrases):
        raise InvalidRule(f"Rule {rule.id}: give either phrases or a pattern, not both or neither.")
    if not rule.message.strip():
        raise InvalidRule(f"Rule {rule.id}: a message explaining the problem is required.")
    try:
        _ = rule.message % _MESSAGE_PROBE
    except (KeyError, ValueError, TypeError) as error:
        raise InvalidRule(
            f"Rule {rule.id}: the message may only use %(match)s or %(rule)s; write %% for a percent sign "
            f"({error})."
        ) from None
    try:
        regex = _compile_pattern(rule.regex_source)
        unless = _compile_pattern(rule.unless) if rule.unless is not None else None
    except InvalidRule as error:
        raise InvalidRule(f"Rule {rule.id}: {error}") from None
    compiled = CompiledRule(rule=rule, regex=regex, unless=unless)
    if check_examples:
        missed = [example for example in rule.examples_match if not compiled.spans(example)]
        flagged = [example for example in rule.examples_clean if compiled.spans(example)]
        if missed or flagged:
            problems = [f"does not match {example!r}" for example in missed]
            problems += [f"wrongly matches {example!r}" for example in flagged]
            raise InvalidRule(f"Rule {rule.id}: " + "; ".join(problems) + ".")
    return compiled


def validate_rule(rule: StyleRule) -> None:
    """Refuse a rule (before saving it) whose fields, patterns or examples are wrong."""
    compile_rule(rule)


def test_rule(rule: StyleRule, text: str) -> list[MatchSpan]:
    """What a (possibly draft) rule matches in pasted text, for the admin's try-it-out box.

    The examples are not checked here, so an admin can experiment; a broken pattern still raises.
    """
    return compile_rule(rule, check_examples=False).spans(text)


@functools.cache
def compiled_shipped_rules() -> tuple[CompiledRule, ...]:
    """The shipped rule pack from ``rules/*.toml``, validated (examples included) and compiled, once."""
    compiled: list[CompiledRule] = []
    seen: dict[str, str] = {}
    for path in sorted(RULES_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            tables = tomllib.load(handle).get("rule", [])
        for table in tables:
            try:
                rule = rule_from_mapping(table, source="shipped")
                if rule.id in seen:
                    raise InvalidRule(f"Rule id {rule.id} is already used in {seen[rule.id]}.")
                seen[rule.id] = path.name
                compiled.append(compile_rule(rule))
            except InvalidRule as error:
                raise InvalidRule(f"{path.name}: {error}") from None
    return tuple(compiled)


def load_shipped_rules() -> list[StyleRule]:
    """The shipped style rules, validated, in pack order."""
    return [compiled.rule for compiled in compiled_shipped_rules()]
