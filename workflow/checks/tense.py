"""Tense against the article date: the future used for a period already over, or the past for a plan.

Machine translation of Chinese news has no tense to copy, so it guesses: "2021年，园区产值达13.56亿元" in
an August 2022 article becomes "In 2021, the output value of the park will reach 1.356 billion yuan". The
check finds time anchors in each English sentence (years, months, "last year", "the first half") and, when
the sentence has none, borrows the time expressions of the matching Chinese sentence (去年, 已经, 将于…);
then it compares them with the English verb forms found by regular expressions. It stays silent when the
anchors disagree, since a sentence can mix a past and a future period.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from workflow.checks.base import N_, Check, CheckContext, Finding
from workflow.domain.dates_zh import (
    ENGLISH_MONTHS,
    TimeRef,
    classify_period,
    find_time_references,
    month_end,
    plan_markers,
    split_source_sentences,
)


def _words(text: str) -> list[str]:
    """The space-separated words of a table written as one string."""
    return text.split()


# base past participle, for the irregular verbs of trade news.
_IRREGULAR_TABLE = """
be was been; have had had; do did done; go went gone; make made made; take took taken; become became become;
begin began begun; build built built; bring brought brought; buy bought bought; come came come; get got got;
give gave given; grow grew grown; hit hit hit; hold held held; keep kept kept; lead led led; put put put;
rise rose risen; run ran run; see saw seen; sell sold sold; set set set; spend spent spent; fall fell fallen;
win won won; break broke broken; cut cut cut; draw drew drawn; meet met met; seek sought sought;
show showed shown; undertake undertook undertaken
"""
_IRREGULAR = {
    base: (past, participle)
    for base, past, participle in (entry.split() for entry in _IRREGULAR_TABLE.split(";"))
}
# Verbs whose simple past is trusted as a tense form (not an adjective) in trade news.
_NEWS_VERBS = _words(
    "reach exceed complete achieve rise grow increase total hit surpass top realize realise produce generate "
    "invest attract open start begin launch build finish export import sell decline fall drop double"
)
_FILLERS = (
    r"also|further|still|soon|then|even|only|again|gradually|fully|first|eventually|officially|basically"
)
_FILLERS += r"|successfully|formally|finally|already|continue\s+to|not"
_FILLER_RUN = rf"(?P<adv>(?:\s+(?:{_FILLERS}))*)"
_NOT_VERBS = frozenset(
    [
        "of",
        "and",
        "or",
        "the",
        "a",
        "an",
        "to",
        "that",
        "for",
        "in",
        "on",
        "with",
        "by",
        "as",
        "at",
        "from",
        "power",
    ]
)

_FUTURE = re.compile(
    r"\b(?P<aux>will|shall|(?:is|are|am)\s+(?:expected|set|going|projected|likely|scheduled|poised|slated|due"
    r"|estimated|forecast|planned|about)\s+to|plans?\s+to|intends?\s+to|aims?\s+to)"
    rf"{_FILLER_RUN}\s+(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"\b(?:said|says|announced|stated|noted|pointed out|added|expects?|expected|predicted|forecast|decided"
    r"|agreed|signed|approved|promised|pledged|plans?|planned|proposed|that|which|whose|when)\b",
    re.IGNORECASE,
)

_MONTH_ALT = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ALT += r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_YEAR = r"(?:19|20)\d{2}"
_COUNTS = {w: i for i, w in enumerate(_words("one two three four five six seven eight nine ten eleven"), 1)}
_RELATIVE = re.compile(
    r"\b(?:(?P<last>last)\s+(?P<lastunit>year|month|week)(?!'s)|(?P<yesterday>yesterday)"
    r"|(?P<next>next|the\s+coming)\s+(?P<nextunit>years?|months?|weeks?)|(?P<tomorrow>tomorrow)"
    r"|(?P<now>(?:so\s+far\s+)?this\s+(?:year|month|week)|at\s+present|currently|today)"
    r"|(?:the\s+)?first\s+(?P<firstn>half|quarter|(?:two|three|four|five|six|seven|eight|nine|ten|eleven"
    rf"|\d{{1,2}})\s+(?:quarters|months))(?:\s+of\s+(?:(?:this|the)\s+year|(?P<firstyear>{_YEAR})))?"
    rf"|(?:from\s+)?(?P<m1>{_MONTH_ALT})\.?\s*(?:-|–|—|to|through)\s*(?P<m2>{_MONTH_ALT})\b\.?"
    rf"(?:,?\s+(?P<mryear>{_YEAR}))?)",
    re.IGNORECASE,
)
_MONTH_DATE = re.compile(
    rf"\b(?P<month>{_MONTH_ALT})\b\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>{_YEAR})\b)?"
)
_YEAR_RANGE = re.compile(rf"\b(?:from\s+)?(?P<y1>{_YEAR})\s*(?:-|–|—|to|through)\s*(?P<y2>{_YEAR})\b")
_BARE_YEAR = re.compile(rf"(?<![\w$.,/-])(?P<year>{_YEAR})(?![\w%/-]|\.\d|,\d|'s)")
_ADVERBIAL_BEFORE = re.compile(
    r"(?:\b(?P<prep>in|during|throughout|by|until|till|as\s+of|since|on|early|late|mid|end\s+of)\s+"
    r"(?:(?:the\s+)?(?:end|beginning|start|middle|close|rest|remainder|whole|first\s+half|second\s+half)"
    r"\s+of\s+)?|^\s*)$",
    re.IGNORECASE,
)
_COMPARISON_BEFORE = re.compile(
    r"\b(?:than|over|from|versus|vs\.?|compared\s+(?:with|to)|same\s+period\s+(?:of|in)|those\s+of|that\s+of)"
    r"\s+(?:in\s+)?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;]+[\"”’)]*(?=\s|$)")


@dataclass(frozen=True, slots=True)
class _Anchor:
    """A time expression found in the English target; ``years`` is set when it names a year explicitly."""

    start: int
    end: int
    is_past: bool | None
    label: str
    years: range | None = None


def past_tense(verb: str) -> str:
    """The simple past of an English verb ("reach" → "reached", "plan" → "planned", "grow" → "grew")."""
    lower = verb.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower][0]
    if lower.endswith("e"):
        return lower + "d"
    if lower.endswith("y") and len(lower) > 2 and lower[-2] not in "aeiou":
        return lower[:-1] + "ied"
    if len(lower) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", lower):
        return lower + lower[-1] + "ed"
    return lower + "ed"


_BASE_BY_FORM = {past_tense(v): v for v in _NEWS_VERBS} | {p: b for b, (_, p) in _IRREGULAR.items()}
_BASE_BY_FORM |= {past: base for base, (past, _) in _IRREGULAR.items()}

_PARTICIPLE = r"[a-z]+ed|" + "|".join(sorted({p for _, p in _IRREGULAR.values()}, key=len, reverse=True))
_SIMPLE_PAST = "|".join(sorted({past_tense(verb) for verb in _NEWS_VERBS}, key=len, reverse=True))
_SIMPLE_PAST_INITIALS = "".join(sorted({verb[0] for verb in _SIMPLE_PAST.split("|")}))
_PAST = re.compile(
    rf"\b(?=[wh{_SIMPLE_PAST_INITIALS}])"  # a cheap first-letter filter: most positions fail here
    rf"(?:(?P<aux>was|were|(?:has|have|had)\s+been){_FILLER_RUN}(?:\s+(?P<part>{_PARTICIPLE}))?\b"
    rf"|(?P<perf>has|have|had){_FILLER_RUN.replace('adv', 'adv2')}\s+(?P<part2>{_PARTICIPLE})\b"
    rf"|(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )(?P<simple>{_SIMPLE_PAST})\b)",
    re.IGNORECASE,
)


def _month_number(name: str) -> int:
    """1–12 for a full or abbreviated English month name."""
    return next(i for i, full in enumerate(ENGLISH_MONTHS[1:], 1) if full.startswith(name[:3]))


def period_label(first: dt.date, last: dt.date) -> str:
    """Name a period in English: "2021", "July 2022", "January–May 2022", "July 1, 2022", "2021–2025"."""
    if first == last:
        return f"{ENGLISH_MONTHS[first.month]} {first.day}, {first.year}"
    if first.year != last.year:
        return f"{first.year}–{last.year}"
    if (first.month, last.month) == (1, 12):
        return str(first.year)
    if first.month == last.month:
        return f"{ENGLISH_MONTHS[first.month]} {first.year}"
    return f"{ENGLISH_MONTHS[first.month]}–{ENGLISH_MONTHS[last.month]} {first.year}"


def _period_anchor(span: tuple[int, int], first: dt.date, last: dt.date, today: dt.date) -> _Anchor:
    """An anchor for a period, classified against the article date."""
    return _Anchor(*span, classify_period(first, last, today), period_label(first, last))


def _relative_anchor(match: re.Match[str], today: dt.date) -> _Anchor:
    """Classify "last year", "the first half of 2021", "January-May" and the like."""
    span, year, words = match.span(), today.year, " ".join(match.group(0).lower().split())
    if match["last"] or match["yesterday"]:
        label = f"last year ({year - 1})" if words == "last year" else words
        return _Anchor(*span, True, label)
    if match["next"] or match["tomorrow"] or match["now"]:
        return _Anchor(*span, False if match["now"] is None else None, words)
    if match["m1"]:
        year = int(match["mryear"] or year)
        first, last = (
            dt.date(year, _month_number(match["m1"]), 1),
            month_end(year, _month_number(match["m2"])),
        )
        return _period_anchor(span, first, last, today)
    year = int(match["firstyear"] or year)
    count_word, *unit = match["firstn"].split()
    if count_word in ("half", "quarter"):
        months = 6 if count_word == "half" else 3
    else:
        count = int(count_word) if count_word.isdigit() else _COUNTS[count_word]
        months = min(12, max(1, count * (3 if unit == ["quarters"] else 1)))
    return _period_anchor(span, dt.date(year, 1, 1), month_end(year, months), today)


def find_target_anchors(target: str, today: dt.date) -> list[_Anchor]:
    """Time anchors in an English text that say when its verbs happen (not comparisons: "than 2021")."""
    anchors: list[_Anchor] = []
    taken = bytearray(len(target) + 1)

    def usable(match: re.Match[str], need_preposition: bool) -> re.Match[str] | bool | None:
        if any(taken[match.start() : match.end()]):
            return False
        window = max(0, match.start() - 40)
        if _COMPARISON_BEFORE.search(target, window, match.start()):
            return False
        before = _ADVERBIAL_BEFORE.search(target, window, match.start())
        return before if need_preposition else (before or True)

    def take(match: re.Match[str]) -> None:
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())

    for match in _RELATIVE.finditer(target):
        if usable(match, False):
            anchor = _relative_anchor(match, today)
            explicit = match["firstyear"] or match["mryear"]
            anchors.append(
                _replace_years(anchor, range(int(explicit), int(explicit) + 1)) if explicit else anchor
            )
            take(match)
    for match in _YEAR_RANGE.finditer(target):
        if usable(match, False):
            first, last = int(match["y1"]), int(match["y2"])
            anchor = _period_anchor(match.span(), dt.date(first, 1, 1), dt.date(last, 12, 31), today)
            anchors.append(_replace_years(anchor, range(first, last + 1)))
            take(match)
    for pattern in (_MONTH_DATE, _BARE_YEAR):
        for match in pattern.finditer(target):
            before = usable(match, pattern is _BARE_YEAR or not (match["day"] or match["year"]))
            if not before:
                continue
            year = int(match["year"] or today.year)
            month = _month_number(match["month"]) if pattern is _MONTH_DATE else None
            day = int(match["day"]) if month and match["day"] and 1 <= int(match["day"]) <= 28 else None
            first = dt.date(year, month or 1, day or 1)
            last = first if day else month_end(year, month or 12)
            anchor = _period_anchor(match.span(), first, last, today)
            since = isinstance(before, re.Match) and (before["prep"] or "").lower() == "since"
            if since or (not match["year"] and anchor.is_past is False):  # "in December" said in August
                anchor = _Anchor(anchor.start, anchor.end, None, anchor.label)
            anchors.append(_replace_years(anchor, range(year, year + 1)) if match["year"] else anchor)
            take(match)
    return sorted(anchors, key=lambda anchor: anchor.start)


def _nearest_anchor(anchors: list[_Anchor], position: int) -> _Anchor:
    """The anchor closest to ``position`` (anchors are sorted by start)."""
    index = bisect.bisect_left([anchor.start for anchor in anchors], position)
    neighbours = anchors[max(0, index - 1) : index + 1]
    return min(neighbours, key=lambda anchor: min(abs(anchor.start - position), abs(anchor.end - position)))


def _replace_years(anchor: _Anchor, years: range) -> _Anchor:
    """The same anchor, marked as naming ``years`` explicitly."""
    return _Anchor(anchor.start, anchor.end, anchor.is_past, anchor.label, years)


def split_target_sentences(target: str) -> list[tuple[int, int]]:
    """Spans of the sentences of an English text (a stop followed by a space ends one; "1.356" does not)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(target):
        if target[start : match.end()].strip():
            spans.append((start, match.end()))
        start = match.end()
    if target[start:].strip():
        spans.append((start, len(target)))
    return spans


def _past_suggestion(match: re.Match[str]) -> str | None:
    """The past form of a future phrase ("will reach" → "reached", "will be" → "was")."""
    adverbs = " ".join(match["adv"].split())
    adverbs = adverbs.replace("continue to", "continued to").replace("not", "did not")
    verb = match["verb"].lower()
    aux = match["aux"].lower()
    if aux.startswith(("plan", "intend", "aim")):
        head = past_tense(aux.split()[0].rstrip("s")) + " to"
        return " ".join(part for part in (head, adverbs, verb) if part)
    if verb in _NOT_VERBS:
        return None
    if "did not" in adverbs:
        return " ".join(part for part in (adverbs, verb) if part)
    plural = aux.startswith("are")
    form = ("were" if plural else "was") if verb == "be" else past_tense(verb)
    return " ".join(part for part in (adverbs, form) if part)


def _future_suggestion(match: re.Match[str]) -> str | None:
    """The future form of a past phrase ("was completed" → "will be completed", "reached" → "will reach")."""
    adverbs = " ".join((match["adv"] or match["adv2"] or "").split())
    if match["aux"]:
        participle = match["part"] or ""
        return " ".join(part for part in ("will be", adverbs, participle) if part)
    form = (match["part2"] or match["simple"]).lower()
    base = _BASE_BY_FORM.get(form)
    return " ".join(part for part in ("will", adverbs, base) if part) if base else None


def _aligned_source_range(
    source_spans: list[tuple[int, int]], source_length: int, start: int, end: int, target_length: int
) -> tuple[int, int]:
    """The source text [from, to) whose sentences sit at the same relative position as target [start, end).

    Sentences are matched by where they fall in the segment, which survives the splits and merges of MT.
    """
    low, high = start / target_length, end / target_length
    ends = [s_end / source_length for _, s_end in source_spans]
    first = bisect.bisect_right(ends, low)
    chosen = []
    for s_start, s_end in source_spans[first:]:
        s_low, s_high = s_start / source_length, s_end / source_length
        if s_low >= high:
            break
        if min(high, s_high) - max(low, s_low) > 0.25 * min(high - low, s_high - s_low):
            chosen.append((s_start, s_end))
    return (chosen[0][0], chosen[-1][1]) if chosen else (0, 0)


class TenseDateCheck(Check):
    """Future forms for periods past on the article date, or past forms for plans and future periods."""

    id = "tense-date"
    name = N_("Tense versus article date")
    description = N_(
        "The target uses the future for a period that is already over when the article is published, "
        "or the past for something the source presents as a plan or a future period."
    )
    source_langs = frozenset({"zh"})
    target_langs = frozenset({"en"})

    FUTURE_FOR_PAST = N_(
        "The source refers to %(period)s, which is past on the article date %(date)s, but the target uses "
        "the future ('%(phrase)s')."
    )
    PAST_FOR_FUTURE = N_(
        "The source refers to %(period)s, which is still ahead on the article date %(date)s, but the target "
        "uses a past form ('%(phrase)s')."
    )
    FUTURE_FOR_DONE = N_(
        "The source marks this as already done ('%(marker)s'), but the target uses the future ('%(phrase)s')."
    )
    PAST_FOR_PLAN = N_(
        "The source presents this as a plan ('%(marker)s'), but the target uses a past form ('%(phrase)s')."
    )

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """Compare the verb forms of each English sentence with the time it refers to."""
        today = context.article_date
        if today is None or not source.strip() or not (_FUTURE.search(target) or _PAST.search(target)):
            return []
        refs = [ref for ref in find_time_references(source, today) if not ref.comparison]
        plans = plan_markers(source)
        ref_starts = [ref.start for ref in refs]
        source_years = {
            year
            for ref in refs
            if ref.period_start and ref.period_end
            for year in range(ref.period_start.year, min(ref.period_end.year, ref.period_start.year + 50) + 1)
        }
        source_spans = split_source_sentences(source)
        findings: list[Finding] = []
        for start, end in split_target_sentences(target):
            futures = [m for m in _FUTURE.finditer(target, start, end) if m["verb"].lower() not in _NOT_VERBS]
            pasts = [] if futures else list(_PAST.finditer(target, start, end))
            if not futures and not pasts:
                continue
            anchors = find_target_anchors(target[start:end], today)
            if anchors:
                findings += self._judge_by_anchors(
                    target, start, anchors, futures or pasts, source_years, today
                )
                continue
            low, high = _aligned_source_range(source_spans, len(source), start, end, len(target))
            local_refs = refs[bisect.bisect_left(ref_starts, low) : bisect.bisect_left(ref_starts, high)]
            local_plans = plans[bisect.bisect_left(plans, (low, 0)) : bisect.bisect_left(plans, (high, 0))]
            findings += self._judge_by_source(source, futures, pasts, local_refs, local_plans, today)
        return findings

    def _judge_by_anchors(
        self,
        target: str,
        offset: int,
        anchors: list[_Anchor],
        verb_phrases: list[re.Match[str]],
        source_years: set[int],
        today: dt.date,
    ) -> list[Finding]:
        """Judge a sentence with its own time anchors; all of them must agree before anything is said."""
        verdicts = {anchor.is_past for anchor in anchors}
        is_future = verb_phrases[0].re is _FUTURE
        if verdicts != ({True} if is_future else {False}):
            return []
        findings = []
        for match in verb_phrases:
            anchor = _nearest_anchor(anchors, match.start() - offset)
            if anchor.years and not source_years.intersection(anchor.years):
                continue  # the target's year is not one the source talks about: no evidence either way
            reported = anchor.start + offset < match.start() and _REPORTING.search(
                target, anchor.end + offset, match.start()
            )
            if is_future and reported:
                continue  # "In 2021 the firm announced that it will build…": the future is relative
            params = {"period": anchor.label, "date": today.isoformat()}
            message = self.FUTURE_FOR_PAST if is_future else self.PAST_FOR_FUTURE
            findings.append(self._verb_finding(message, params, match, None))
        return findings

    def _judge_by_source(
        self,
        source: str,
        futures: list[re.Match[str]],
        pasts: list[re.Match[str]],
        refs: list[TimeRef],
        plans: list[tuple[int, int]],
        today: dt.date,
    ) -> list[Finding]:
        """Judge an anchorless English sentence by the time words of the matching Chinese sentence."""
        past_refs = [r for r in refs if r.is_past is True]
        future_refs = [r for r in refs if r.is_past is False]
        date = today.isoformat()
        if futures and past_refs and not future_refs and not plans:
            ref = next((r for r in past_refs if r.period_start), past_refs[0])
            message = self.FUTURE_FOR_PAST if ref.period_start else self.FUTURE_FOR_DONE
            params = {"period": ref.label, "date": date, "marker": ref.marker}
            return [self._verb_finding(message, params, match, (ref.start, ref.end)) for match in futures]
        if pasts and (plans or future_refs) and not past_refs:
            if plans:
                marker_span, message = plans[0], self.PAST_FOR_PLAN
                params = {"marker": source[marker_span[0] : marker_span[1]]}
            else:
                marker_span, message = (future_refs[0].start, future_refs[0].end), self.PAST_FOR_FUTURE
                params = {"period": future_refs[0].label, "date": date}
            return [self._verb_finding(message, params, match, marker_span) for match in pasts]
        return []

    def _verb_finding(
        self, message: str, params: dict[str, str], match: re.Match[str], source_span: tuple[int, int] | None
    ) -> Finding:
        """A finding on one verb phrase, suggesting the tense the period calls for."""
        suggestion = _past_suggestion(match) if match.re is _FUTURE else _future_suggestion(match)
        return self.finding(
            message,
            params=params | {"phrase": match.group(0)},
            start=match.start(),
            end=match.end(),
            source_start=source_span[0] if source_span else None,
            source_end=source_span[1] if source_span else None,
            suggestions=(suggestion,) if suggestion else (),
        )
