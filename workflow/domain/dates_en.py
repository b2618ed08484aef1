"""English time expressions and verb forms, for the tense check: when a sentence happens and in what tense.

The counterpart of :mod:`workflow.domain.dates_zh` for the target side of the ``tense-date`` check. It
finds time anchors in English sentences ("in 2021", "last month", "the first half of this year",
"From January to May"), classifies them against the article date, finds verb phrases in the future
("will reach", "is expected to grow"), the past ("reached", "was completed") and the present progressive
("is growing"), and turns a phrase into the tense a period calls for ("will reach" → "reached").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from workflow.domain.dates_zh import ENGLISH_MONTHS, classify_period, month_end

__all__ = [
    "FUTURE",
    "NOT_VERBS",
    "PAST",
    "PRESENT_MARKERS",
    "PROGRESSIVE",
    "Anchor",
    "find_target_anchors",
    "future_suggestion",
    "nearest_anchor",
    "past_suggestion",
    "past_tense",
    "period_label",
    "progressive_past_suggestion",
    "split_target_sentences",
]


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
    "invest attract open start begin launch build finish export import sell decline fall drop double "
    "hold host sign release issue announce unveil introduce establish approve adopt handle deliver ship "
    "expand extend recruit receive welcome resume surge jump soar climb"
)
_FILLERS = (
    r"also|further|still|soon|then|even|only|again|gradually|fully|first|eventually|officially|basically"
)
_FILLERS += r"|successfully|formally|finally|already|continue\s+to|not"
_FILLER_RUN = rf"(?P<adv>(?:\s+(?:{_FILLERS}))*)"
NOT_VERBS = frozenset(
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

FUTURE = re.compile(
    r"\b(?P<aux>will|shall|(?:is|are|am)\s+(?:expected|set|going|projected|likely|scheduled|poised|slated|due"
    r"|estimated|forecast|planned|about)\s+to|plans?\s+to|intends?\s+to|aims?\s+to)"
    rf"{_FILLER_RUN}\s+(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
# The present progressive ("is growing", "are being built"): an action under way, wrong for a closed period.
_NOT_PARTICIPLES = "during|nothing|something|anything|everything|thing|king|bring|spring|string|ring|sing"
_NOT_PARTICIPLES += "|wing|interesting|willing|according|amazing|outstanding|missing|lacking"
PROGRESSIVE = re.compile(
    rf"\b(?P<aux>is|are|am)(?P<adv>(?:\s+(?:also|further|gradually|steadily|rapidly|quickly|not))*)"
    rf"\s+(?!(?:{_NOT_PARTICIPLES})\b)(?P<verb>[a-z]{{2,}}ing)\b(?!\s+to\b)",
    re.IGNORECASE,
)
# Words that put a progressive sentence in the present whatever else it names.
PRESENT_MARKERS = re.compile(r"\b(?:now|currently|still|at\s+present|ongoing|these\s+days)\b", re.I)
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
# A sentence-opening participle phrase ("Founded in 2010, …", "Established in May, …").
_MODIFIER_START = re.compile(r"(?:^|[.;]\s+)[A-Z][a-z]+ed\s+(?:in|on|since|during)\s+$")
_SENTENCE_END = re.compile(r"[.!?;]+[\"”’)]*(?=\s|$)")


@dataclass(frozen=True, slots=True)
class Anchor:
    """A time expression found in the English target; ``years`` is set when it names a year explicitly.

    ``since`` marks "since 2020" with a start already past: a period running up to the article date.
    """

    start: int
    end: int
    is_past: bool | None
    label: str
    years: range | None = None
    since: bool = False


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
PAST = re.compile(
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


def _period_anchor(span: tuple[int, int], first: dt.date, last: dt.date, today: dt.date) -> Anchor:
    """An anchor for a period, classified against the article date."""
    return Anchor(*span, classify_period(first, last, today), period_label(first, last))


def _relative_anchor(match: re.Match[str], today: dt.date) -> Anchor:
    """Classify "last year", "the first half of 2021", "January-May" and the like."""
    span, year, words = match.span(), today.year, " ".join(match.group(0).lower().split())
    if match["last"] or match["yesterday"]:
        label = f"last year ({year - 1})" if words == "last year" else words
        return Anchor(*span, True, label)
    if match["next"] or match["tomorrow"] or match["now"]:
        return Anchor(*span, False if match["now"] is None else None, words)
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


def find_target_anchors(target: str, today: dt.date) -> list[Anchor]:
    """Time anchors in an English text that say when its verbs happen (not comparisons: "than 2021")."""
    anchors: list[Anchor] = []
    taken = bytearray(len(target) + 1)

    def usable(match: re.Match[str], need_preposition: bool) -> re.Match[str] | bool | None:
        if any(taken[match.start() : match.end()]):
            return False
        window = max(0, match.start() - 40)
        if _COMPARISON_BEFORE.search(target, window, match.start()):
            return False
        if (
            _MODIFIER_START.search(target, window, match.start())
            and "," in target[match.end() : match.end() + 3]
        ):
            return False  # "Founded in 2010, the firm is…": the date belongs to the participle, not the verb
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
                began = since and first < today
                anchor = Anchor(anchor.start, anchor.end, None, anchor.label, since=began)
            anchors.append(_replace_years(anchor, range(year, year + 1)) if match["year"] else anchor)
            take(match)
    return _without_year_qualifiers(sorted(anchors, key=lambda anchor: anchor.start), target)


# "this year" right after a month or period only says which year it is: "January to May this year".
_QUALIFIER_GAP = re.compile(r"\s*,?\s*(?:of\s+)?", re.IGNORECASE)


def _without_year_qualifiers(anchors: list[Anchor], target: str) -> list[Anchor]:
    """Drop a "this year" anchor that only qualifies the period named just before it.

    "From January to May this year" is one closed period; left as two anchors, the open "this year" would
    contradict the past months and silence the check.
    """
    kept: list[Anchor] = []
    for anchor in anchors:
        qualifies_previous = (
            kept
            and anchor.label == "this year"
            and kept[-1].is_past is not None
            and _QUALIFIER_GAP.fullmatch(target, kept[-1].end, anchor.start) is not None
        )
        if not qualifies_previous:
            kept.append(anchor)
    return kept


def nearest_anchor(anchors: list[Anchor], position: int) -> Anchor:
    """The anchor closest to ``position`` (anchors are sorted by start)."""
    index = bisect.bisect_left([anchor.start for anchor in anchors], position)
    neighbours = anchors[max(0, index - 1) : index + 1]
    return min(neighbours, key=lambda anchor: min(abs(anchor.start - position), abs(anchor.end - position)))


def _replace_years(anchor: Anchor, years: range) -> Anchor:
    """The same anchor, marked as naming ``years`` explicitly."""
    return Anchor(anchor.start, anchor.end, anchor.is_past, anchor.label, years, anchor.since)


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


def past_suggestion(match: re.Match[str]) -> str | None:
    """The past form of a future phrase ("will reach" → "reached", "will be" → "was")."""
    adverbs = " ".join(match["adv"].split())
    adverbs = adverbs.replace("continue to", "continued to").replace("not", "did not")
    verb = match["verb"].lower()
    aux = match["aux"].lower()
    if aux.startswith(("plan", "intend", "aim")):
        head = past_tense(aux.split()[0].rstrip("s")) + " to"
        return " ".join(part for part in (head, adverbs, verb) if part)
    if verb in NOT_VERBS:
        return None
    if "did not" in adverbs:
        return " ".join(part for part in (adverbs, verb) if part)
    plural = aux.startswith("are")
    form = ("were" if plural else "was") if verb == "be" else past_tense(verb)
    return " ".join(part for part in (adverbs, form) if part)


def base_of_participle(participle: str) -> str:
    """The base form behind an -ing participle: "growing" → "grow", "making" → "make", "hitting" → "hit"."""
    stem = participle.lower().removesuffix("ing")
    if stem in _IRREGULAR or stem in _NEWS_VERBS:
        return stem
    for candidate in (stem + "e", stem[:-1]):
        if candidate in _IRREGULAR or candidate in _NEWS_VERBS:
            return candidate
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]  # planning → plan
    return stem


def progressive_past_suggestion(match: re.Match[str]) -> str:
    """The simple past for a progressive phrase: "is growing" → "grew", "are being built" → "were"."""
    adverbs = " ".join(match["adv"].split())
    verb = match["verb"].lower()
    if verb == "being":
        form = "were" if match["aux"].lower() == "are" else "was"
    else:
        base = base_of_participle(verb)
        form = _IRREGULAR[base][0] if base in _IRREGULAR else past_tense(base)
    if "not" in adverbs.split():
        return " ".join(("did not", base_of_participle(verb)))
    return " ".join(part for part in (adverbs, form) if part)


def future_suggestion(match: re.Match[str]) -> str | None:
    """The future form of a past phrase ("was completed" → "will be completed", "reached" → "will reach")."""
    adverbs = " ".join((match["adv"] or match["adv2"] or "").split())
    if match["aux"]:
        participle = match["part"] or ""
        return " ".join(part for part in ("will be", adverbs, participle) if part)
    form = (match["part2"] or match["simple"]).lower()
    base = _BASE_BY_FORM.get(form)
    return " ".join(part for part in ("will", adverbs, base) if part) if base else None
