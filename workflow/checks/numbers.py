"""The ``numbers`` check: every number of the source appears with the same value in the target, and back.

Chinese sources are read by :mod:`workflow.domain.numbers_zh` (万/亿, 近/余/约, 成, 个百分点, 翻番…),
English targets by :mod:`workflow.domain.numbers_en`; other languages fall back to comparing Arabic digits.
A source number with no target counterpart is an error, and so is a wrong magnitude (13.56亿 written
"13.56 billion") or percent written for percentage points; a rounded value, a changed hedge (近 written
"more than") and a target number the source does not have are warnings. Each finding suggests the correct
English form ("1.356 billion yuan").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from workflow.checks.base import N_, Check, CheckContext, Finding, Severity, primary_subtag
from workflow.domain.numbers_basis import Basis, chinese_bases, english_bases
from workflow.domain.numbers_en import extract_en_numbers
from workflow.domain.numbers_format import format_english, hedge_words
from workflow.domain.numbers_types import Hedge, Kind, Quantity, extract_digit_numbers
from workflow.domain.numbers_zh import extract_zh_numbers

MISSING = N_("Source number %(source)s (%(value)s) is missing from the target")
DIFFERS = N_("%(source)s means %(expected)s, but the target says %(found)s")
ROUNDED = N_("%(source)s is %(expected)s; the target rounds it to %(found)s")
HEDGE_CHANGED = N_("%(hedge)s means '%(expected)s', but the target says '%(found)s'")
HEDGE_DROPPED = N_("%(hedge)s means '%(expected)s', but the target leaves it out")
EXTRA = N_("Target number %(found)s has no counterpart in the source")
BASIS_SWAPPED = N_("%(source)s means '%(expected)s', but the target says '%(found)s'")
BASIS_DROPPED = N_("%(source)s means '%(expected)s'; the target does not say so")
_BASIS_WORDS = {Basis.YEAR_ON_YEAR: "year on year", Basis.PREVIOUS_PERIOD: "on the previous period"}

_EXTRACTORS: dict[str, Callable[[str], list[Quantity]]] = {"zh": extract_zh_numbers, "en": extract_en_numbers}
_HEDGED_LANGUAGES = frozenset(_EXTRACTORS)
_NUMERIC_KINDS = frozenset({Kind.PLAIN, Kind.YEAR, Kind.DAY})
_CALENDAR_KINDS = frozenset({Kind.YEAR, Kind.MONTH, Kind.DAY})
# A rounding finer than this share of the value (four significant digits) is only noted, not warned.
_PRECISE_ENOUGH = Decimal("0.001")
_LOOSE_WITH_PLAIN = frozenset({Kind.PERCENT, Kind.PERCENTAGE_POINT, Kind.MULTIPLE})
_HEDGE_GROUPS = {
    Hedge.MORE_THAN: "up",
    Hedge.AT_LEAST: "up",
    Hedge.NEARLY: "down",
    Hedge.LESS_THAN: "down",
    Hedge.AT_MOST: "down",
    Hedge.ABOUT: "about",
}
# Years a translator may legitimately resolve from 今年/去年/明年 into digits.
_RELATIVE_YEAR = re.compile(r"今年|去年|明年|前年|上年|本年|同年|当年|this year|last year|next year", re.I)


def _compatible(first: Kind, second: Kind) -> bool:
    """Whether two kinds may stand for each other: a year or a day is a plain number, 15% may read "15"."""
    if first is second or (first in _NUMERIC_KINDS and second in _NUMERIC_KINDS):
        return True
    return (first is Kind.PLAIN and second in _LOOSE_WITH_PLAIN) or (
        second is Kind.PLAIN and first in _LOOSE_WITH_PLAIN
    )


def _readings(quantity: Quantity) -> Iterator[tuple[Kind, Decimal]]:
    """Every (kind, value) a quantity may be written as; both ends for a range."""
    yield quantity.kind, quantity.value
    if quantity.range_end is not None:
        yield quantity.kind, quantity.range_end
    else:
        yield from quantity.alternatives


def _same_digits(first: Decimal, second: Decimal) -> bool:
    """Whether two values differ only by a power of ten (13.56亿 versus 13.56 billion)."""
    if not first or not second:
        return False
    return first.normalize().as_tuple().digits == second.normalize().as_tuple().digits


def _transposed(first: Decimal, second: Decimal) -> bool:
    """Whether two values use the same digits in another order (3082 typed as 3028)."""
    first_digits, second_digits = first.normalize().as_tuple(), second.normalize().as_tuple()
    return first_digits.exponent == second_digits.exponent and sorted(first_digits.digits) == sorted(
        second_digits.digits
    )


@dataclass(frozen=True, slots=True)
class _Match:
    """How a source quantity was found in the target: status exact, rounded, kind, wrong or missing."""

    status: str
    target: Quantity | None = None


def _match(source: Quantity, targets: list[Quantity]) -> _Match:
    """Find the target quantity that renders a source quantity, the best status first."""
    ends = [source.value] if source.range_end is None else [source.value, source.range_end]
    if source.range_end is not None:
        found = [_match_value(source, end, targets) for end in ends]
        if all(m.status == "exact" for m in found):
            return found[0]
        half = next((m for m in found if m.status == "exact"), None)
        if half is not None and half.target is not None and half.target.is_range:
            return _Match("wrong", half.target)  # 1—5月 written "the first four months"
        return next(m for m in found if m.status != "exact")
    return _match_value(source, source.value, targets)


def _match_value(source: Quantity, value: Decimal, targets: list[Quantity]) -> _Match:
    """Match one value of a source quantity (one end of a range) against all target readings."""
    readings = [(source.kind, value)] if source.range_end is not None else list(_readings(source))
    exact = [
        t
        for t in targets
        if any(_compatible(k, tk) and v == tv for k, v in readings for tk, tv in _readings(t))
    ]
    if exact:
        same_hedge = [t for t in exact if _hedge_ok(source.hedge, t.hedge)]
        return _Match("exact", (same_hedge or exact)[0])
    for target in targets:
        for kind, reading in readings:
            for target_kind, target_value in _readings(target):
                if (
                    _compatible(kind, target_kind)
                    and not {kind, target_kind} & _CALENDAR_KINDS
                    and target.resolution > source.resolution
                    and abs(reading - target_value) <= target.resolution / 2
                ):
                    return _Match("rounded", target)
    for target in targets:
        if any(v == tv and k is not tk for k, v in readings for tk, tv in _readings(target)):
            return _Match("kind", target)
    return _Match("missing")


def _hedge_ok(source: Hedge, target: Hedge) -> bool:
    """Whether the target's hedge keeps the source's meaning (近 may be "nearly" or "about", not "over")."""
    if source is Hedge.NONE or source is target:
        return True
    if target is Hedge.NONE:
        return False
    if source is Hedge.NEARLY and target is Hedge.ABOUT:
        return True
    return _HEDGE_GROUPS[source] == _HEDGE_GROUPS[target]


class NumbersCheck(Check):
    """Numbers, units, percentages and hedges of the source must reappear, unchanged, in the target."""

    id = "numbers"
    name = N_("Numbers")
    description = N_(
        "Every number of the source appears in the target with the same value, kind (percent or "
        "percentage points) and hedge (nearly, more than, about), and the target adds no number."
    )
    severity = Severity.ERROR

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """Compare the numbers of one source/target pair and report what is missing, wrong or extra."""
        source_lang = primary_subtag(context.source_lang)
        target_lang = primary_subtag(context.target_lang)
        sources = _EXTRACTORS.get(source_lang, extract_digit_numbers)(source)
        targets = _EXTRACTORS.get(target_lang, extract_digit_numbers)(target)
        if not sources and not targets:
            return []
        findings = self._basis_findings(source, target) if (source_lang, target_lang) == ("zh", "en") else []
        compare_hedges = source_lang in _HEDGED_LANGUAGES and target_lang in _HEDGED_LANGUAGES
        describe = format_english if target_lang == "en" else _digits_only
        used: set[int] = set()
        unmatched: list[Quantity] = []
        for quantity in sources:
            match = _match(quantity, targets)
            if match.target is not None:
                used.add(id(match.target))
            if match.status == "missing":
                unmatched.append(quantity)
            else:
                findings.extend(self._judge_match(quantity, match, describe, compare_hedges))
        candidates = [t for t in targets if id(t) not in used and not _renders_any(t, sources)]
        for quantity in unmatched:
            if quantity.spelled_out:
                partner = _other_count(quantity, candidates)  # 两家 written "three companies"
                if partner is not None:
                    candidates.remove(partner)
                    findings.append(self._differs(quantity, partner, describe, Severity.ERROR))
                continue  # 两家 may be "both companies": a count in words may go unsaid
            partner = _closest_partner(quantity, candidates, len(source), len(target))
            if partner is None:
                findings.append(self._missing(quantity, describe))
                continue
            candidates.remove(partner)
            findings.append(self._differs(quantity, partner, describe, Severity.ERROR))
        relative_years = bool(_RELATIVE_YEAR.search(source))
        findings.extend(
            self.finding(EXTRA, Severity.WARNING, params={"found": t.text}, start=t.start, end=t.end)
            for t in candidates
            if not _is_incidental(t, relative_years)
        )
        return findings

    def _basis_findings(self, source: str, target: str) -> list[Finding]:
        """A change stated year on year (同比) rendered on the previous period (环比), or the other way round.

        Only a source with a single basis is judged; a dropped basis is advice (info), since English news
        often leaves "year on year" to the context.
        """
        source_bases = chinese_bases(source)
        if len(source_bases) != 1:
            return []
        ((expected, (source_start, source_end)),) = source_bases.items()
        found = english_bases(target)
        params = {"source": source[source_start:source_end], "expected": _BASIS_WORDS[expected]}
        spans = {"source_start": source_start, "source_end": source_end}
        if not found:
            return [self.finding(BASIS_DROPPED, Severity.INFO, params=params, **spans)]
        if expected in found:
            return []
        ((_, (start, end)),) = found.items()
        params["found"] = target[start:end]
        return [
            self.finding(
                BASIS_SWAPPED, params=params, start=start, end=end, suggestions=(params["expected"],), **spans
            )
        ]

    def _judge_match(
        self, quantity: Quantity, match: _Match, describe: Callable[[Quantity], str], compare_hedges: bool
    ) -> list[Finding]:
        """Findings for a source quantity that has a counterpart: wrong kind, rounding, changed hedge."""
        target = match.target
        assert target is not None  # a match that is not "missing" has a target
        if match.status in ("kind", "wrong"):
            return [self._differs(quantity, target, describe, Severity.ERROR)]
        findings: list[Finding] = []
        if match.status == "rounded":
            severity = Severity.INFO if _keeps_precision(target) else Severity.WARNING
            findings.append(self._differs(quantity, target, describe, severity, ROUNDED))
        if compare_hedges and not _hedge_ok(quantity.hedge, target.hedge):
            expected = hedge_words(quantity.hedge)
            spans = _spans(quantity, target)
            hedge = quantity.hedge_text or quantity.text
            if target.hedge is Hedge.NONE:
                params = {"hedge": hedge, "expected": expected}
                message = HEDGE_DROPPED
            else:
                params = {"hedge": hedge, "expected": expected, "found": target.hedge_text}
                message = HEDGE_CHANGED
            findings.append(
                self.finding(
                    message, Severity.WARNING, params=params, suggestions=(describe(quantity),), **spans
                )
            )
        return findings

    def _missing(self, quantity: Quantity, describe: Callable[[Quantity], str]) -> Finding:
        """The finding for a source number the target does not render at all."""
        suggestion = describe(quantity)
        return self.finding(
            MISSING,
            params={"source": quantity.text, "value": suggestion},
            source_start=quantity.start,
            source_end=quantity.end,
            suggestions=(suggestion,),
        )

    def _differs(
        self,
        quantity: Quantity,
        target: Quantity,
        describe: Callable[[Quantity], str],
        severity: Severity,
        message: str = DIFFERS,
    ) -> Finding:
        """The finding for a source number rendered with another value, kind or precision."""
        suggestion = describe(quantity)
        return self.finding(
            message,
            severity,
            params={"source": quantity.text, "expected": suggestion, "found": target.text},
            suggestions=(suggestion,),
            **_spans(quantity, target),
        )


def _keeps_precision(target: Quantity) -> bool:
    """Whether a rounded rendering still has four significant digits (296299亿 → "29.63 trillion").

    News English rounds long figures routinely; at one part in a thousand or finer the rounding loses
    nothing a reader needs, so it is only noted (info), while "1.356 billion" written "1.4 billion" warns.
    """
    return bool(target.value) and target.resolution <= abs(target.value) * _PRECISE_ENOUGH


def _spans(quantity: Quantity, target: Quantity) -> dict[str, int]:
    """Finding span keywords for a source quantity and its target counterpart."""
    return {
        "start": target.start,
        "end": target.end,
        "source_start": quantity.start,
        "source_end": quantity.end,
    }


def _digits_only(quantity: Quantity) -> str:
    """A quantity as plain digits, for targets that are not English."""
    text = f"{quantity.value.normalize():f}"
    return text if quantity.range_end is None else f"{text}-{quantity.range_end.normalize():f}"


def _closest_partner(
    quantity: Quantity, candidates: list[Quantity], source_length: int, target_length: int
) -> Quantity | None:
    """The unclaimed target number that most plausibly renders a missing source number wrongly.

    Plausible means the same digits at another magnitude or in another order, the same kind of number
    (a year for a year, a percentage for a percentage), or the same value with another kind (percent for
    percentage points).
    Among several, the one at the nearest relative position wins.
    """
    plausible = [
        t
        for t in candidates
        if not (t.spelled_out and t.kind is Kind.PLAIN and t.value <= 10)
        and (
            (
                (_same_digits(quantity.value, t.value) or _transposed(quantity.value, t.value))
                and _compatible(quantity.kind, t.kind)
            )
            or (quantity.kind is t.kind and quantity.kind is not Kind.PLAIN)
            or quantity.value == t.value
        )
    ]
    if not plausible:
        return None
    where = quantity.start / max(source_length, 1)
    return min(plausible, key=lambda t: abs(t.start / max(target_length, 1) - where))


def _other_count(quantity: Quantity, candidates: list[Quantity]) -> Quantity | None:
    """An unclaimed small whole number in the target that replaces a count in words (两家 → "three")."""
    return next(
        (
            t
            for t in candidates
            if t.kind is Kind.PLAIN
            and t.hedge is Hedge.NONE
            and 2 <= t.value <= 12
            and t.value == t.value.to_integral_value()
            and t.value != quantity.value
        ),
        None,
    )


def _renders_any(target: Quantity, sources: list[Quantity]) -> bool:
    """Whether a target number equals some source number (so a repeated 2021 is not "extra")."""
    return any(
        _compatible(k, tk) and v == tv
        for source in sources
        for k, v in _readings(source)
        for tk, tv in _readings(target)
    )


def _is_incidental(quantity: Quantity, relative_years: bool) -> bool:
    """Whether an unmatched target number is ordinary English wording rather than an invented value.

    Small numbers and fractions in words ("one of", "the first half", "twice"), and years resolved from
    去年/今年 are not reported.
    """
    if quantity.spelled_out and (quantity.value <= 10 or quantity.kind in (Kind.FRACTION, Kind.MULTIPLE)):
        return True
    return quantity.kind is Kind.YEAR and relative_years
