"""Find the numbers of an English text: digits, scale words, number words, percents, hedges, dates, ranges.

The counterpart of :mod:`workflow.domain.numbers_zh` for the target side of the ``numbers`` check: it
reads "1.356 billion", "14,000", "twenty-three", "30 percent", "2.3 percentage points", "more than 150",
"nearly", "doubled", "August 30, 2022", "the first five months" and "3 to 5" into :class:`Quantity`
objects, and leaves product codes such as 5G, G20 and COVID-19 alone.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from workflow.domain.numbers_types import Hedge, Kind, Quantity, resolution_of

__all__ = ["MONTH_NAMES", "extract_en_numbers", "parse_number_words"]

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SHORT_SCALES = {"bn": 10**9, "mn": 10**6, "mln": 10**6}
_WORD_VALUES = {word: value for value, word in enumerate(_SMALL)}
_WORD_VALUES |= {word: 20 + 10 * index for index, word in enumerate(_TENS)}
_WORD_VALUES["dozen"] = 12
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_NUMBERS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTH_NUMBERS |= {name[:3]: number for name, number in list(_MONTH_NUMBERS.items()) if name != "May"}
_MONTH_NUMBERS["Sept"] = 9
_FRACTION_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6}
_FRACTION_DENOMINATORS |= {"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_MULTIPLE_WORDS = {"doubl": 2, "twofold": 2, "two-fold": 2, "twice": 2, "tripl": 3, "trebl": 3}
_MULTIPLE_WORDS |= {"threefold": 3, "three-fold": 3, "quadrupl": 4, "fourfold": 4, "four-fold": 4}

_WORD = "|".join(sorted([*_WORD_VALUES, *_SCALES], key=len, reverse=True))
_TOKEN = re.compile(
    r"(?P<first_months>\bfirst\s+(?P<months_count>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})"
    r"\s+months\b)"
    r"|(?P<periods>\b(?P<periods_count>a|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?P<period>decades?|century|centuries)\b)"
    r"|(?P<fraction>\b(?:(?P<numerator>a|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?"
    r"(?P<denominator>half|halves|(?:third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)s?)\b)"
    r"|(?P<multiple>\b(?:doubl(?:ed|ing|es)|tripl(?:ed|ing|es)|trebl(?:ed|ing|es)|quadrupl(?:ed|ing|es)"
    r"|twofold|two-fold|threefold|three-fold|fourfold|four-fold|twice)\b)"
    r"|(?P<digits>(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?)(?P<ordinal>st|nd|rd|th)?"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn|mln)\b)?"
    rf"|(?P<words>\b(?:a\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?(?:{_WORD})"
    rf"(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*\b)",
    re.IGNORECASE,
)
_MONTH = re.compile(
    r"\b(?P<name>"
    + "|".join(MONTH_NAMES)
    + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![\w])"
    # Holidays and movements named after a month are names, not dates: "the May Day holiday".
    + r"(?!\s+(?:Day|Fourth)\b)"
)
_PERCENT = re.compile(r"\s*(?:%|percent\b|per\s+cent\b|pct\b(?!\s+points?))", re.IGNORECASE)
_POINTS = re.compile(r"\s*(?:percentage|pct\.?)?\s*points?\b", re.IGNORECASE)
_TIMES = re.compile(r"(?:\s*-?\s*fold\b|\s+times\b)", re.IGNORECASE)
_CURRENCY = r"(?:RMB|CNY|USD|US\$|HK\$|\$|€|£|¥|yuan)?\s*"
_LEADING_HEDGES = (
    (r"at most|no more than|not more than|up to|a maximum of", Hedge.AT_MOST),
    (r"at least|no less than|not less than|no fewer than|a minimum of", Hedge.AT_LEAST),
    (r"less than|fewer than|under|below|lower than", Hedge.LESS_THAN),
    (
        r"more than|over|above|upwards of|in excess of|greater than|higher than|beyond"
        r"|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|top(?:s|ped)?",
        Hedge.MORE_THAN,
    ),
    (r"nearly|almost|close to|nearing|approaching|just under|just shy of", Hedge.NEARLY),
    (r"about|around|approximately|approx\.|roughly|some|circa|an estimated|estimated", Hedge.ABOUT),
)
_LEADING = tuple(
    (re.compile(rf"\b({words})\s+{_CURRENCY}$", re.IGNORECASE), hedge) for words, hedge in _LEADING_HEDGES
)
_TRAILING = (
    (
        re.compile(r"\s*(?:\+|-plus\b|\s+or\s+more\b|\s+and\s+above\b|\s+or\s+above\b)", re.IGNORECASE),
        Hedge.AT_LEAST,
    ),
    (re.compile(r"\s+or\s+so\b|-odd\b", re.IGNORECASE), Hedge.ABOUT),
)
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|through)\s*|\s+and\s+", re.IGNORECASE)


def parse_number_words(words: str) -> int | None:
    """Value of English number words: "twenty-three" → 23, "one hundred and fifty" → 150, "a dozen" → 12."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("and", "a", ""):
            continue
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _latin_neighbour(text: str, start: int, end: int) -> bool:
    """Whether digits are glued to letters as in 5G, G20, A380 or COVID-19 (currency codes excepted)."""
    before = re.search(r"([A-Za-z]+)-?$", text[max(0, start - 8) : start])
    if before and before.group(1).upper() not in ("RMB", "CNY", "USD", "US", "HK", "EUR", "GBP", "JPY"):
        return True
    return bool(re.match(r"[A-Za-z]", text[end : end + 1]))


def extract_en_numbers(text: str) -> list[Quantity]:
    """Every number of an English text as a :class:`Quantity`, in order of appearance.

    Small numbers written in words ("three companies") are returned with ``spelled_out`` set, since news
    style writes them freely; ordinals in digits ("14th") count as their number, ordinal words do not.
    """
    found: list[tuple[Quantity, Decimal]] = []
    months = [
        Quantity(
            Decimal(_MONTH_NUMBERS[m.group("name").rstrip(".")]), Kind.MONTH, m.start(), m.end(), m.group(0)
        )
        for m in _MONTH.finditer(text)
    ]
    for match in _TOKEN.finditer(text):
        read = _read_token(match, text)
        if read is not None:
            found.append(read)
    found.extend((month, Decimal(1)) for month in months)
    found.sort(key=lambda item: item[0].start)
    return _merge_ranges(_mark_days(found, months, text), text)


def _read_token(match: re.Match[str], text: str) -> tuple[Quantity, Decimal] | None:
    """Turn one token match into a quantity with its kind, hedge and scale."""
    start, end = match.span()
    scale = Decimal(1)
    spelled_out = True
    alternatives: tuple[tuple[Kind, Decimal], ...] = ()
    kind = Kind.PLAIN
    if match.group("first_months"):
        count = match.group("months_count")
        last = int(count) if count.isdigit() else _WORD_VALUES[count.lower()]
        quantity = Quantity(Decimal(1), Kind.MONTH, start, end, match.group(0), range_end=Decimal(last))
        return quantity, scale
    if match.group("periods"):
        count = match.group("periods_count").lower()
        years = 100 if match.group("period").lower().startswith("centur") else 10
        value = Decimal(years * (1 if count in ("a", "one") else _WORD_VALUES[count]))
        hedge, hedge_text, hedge_start = _read_hedge(text, start, end)
        quantity = Quantity(
            value, Kind.PLAIN, hedge_start, end, text[hedge_start:end], hedge, hedge_text, spelled_out=True
        )
        return quantity, scale  # "a decade" is 10 years, "more than a century" more than 100
    if match.group("fraction"):
        numerator = match.group("numerator")
        denominator = match.group("denominator").lower().rstrip("s")
        if numerator is None and denominator != "half":
            return None  # "third quarter" is an ordinal, not a fraction
        top = 1 if numerator is None or numerator.lower() in ("a", "one") else _WORD_VALUES[numerator.lower()]
        value = Decimal(top) / Decimal(_FRACTION_DENOMINATORS.get(denominator, 2))
        alternatives = ((Kind.PERCENT, value * 100),)
        hedge, hedge_text, hedge_start = _read_hedge(text, start, end)  # "about one-third"
        return Quantity(
            value,
            Kind.FRACTION,
            hedge_start,
            end,
            text[hedge_start:end],
            hedge,
            hedge_text,
            resolution=Decimal("0.001"),
            alternatives=alternatives,
            spelled_out=True,
        ), scale
    if match.group("multiple"):
        word = match.group("multiple").lower()
        value = Decimal(next(v for stem, v in _MULTIPLE_WORDS.items() if word.startswith(stem)))
        alternatives = ((Kind.PERCENT, (value - 1) * 100),)
        hedge, hedge_text, hedge_start = _read_hedge(text, start, end)  # "nearly doubled"
        return Quantity(
            value,
            Kind.MULTIPLE,
            hedge_start,
            end,
            text[hedge_start:end],
            hedge,
            hedge_text,
            alternatives=alternatives,
            spelled_out=True,
        ), scale
    if match.group("digits"):
        digits_end = match.end("digits")
        if (
            _latin_neighbour(text, start, digits_end)
            and not match.group("ordinal")
            and not match.group("scale")
        ):
            return None
        mantissa = Decimal(match.group("digits").replace(",", ""))
        scale_word = (match.group("scale") or "").lower()
        scale = Decimal(_SCALES.get(scale_word) or _SHORT_SCALES.get(scale_word) or 1)
        value, resolution, spelled_out = mantissa * scale, resolution_of(mantissa, scale), False
        raw_digits = match.group("digits")
        if (
            scale == 1
            and not match.group("ordinal")
            and len(raw_digits) == 4
            and raw_digits.isdigit()
            and 1900 <= mantissa <= 2100
        ):
            kind, resolution = Kind.YEAR, Decimal(1)
    else:
        parsed = parse_number_words(match.group("words"))
        if parsed is None:
            return None
        value = Decimal(parsed)
        resolution = resolution_of(value)
    kind, end = _read_kind(text, end, kind)
    hedge, hedge_text, hedge_start = _read_hedge(text, start, end)
    for pattern, trailing_hedge in _TRAILING:
        trailing = pattern.match(text, end)
        if trailing and hedge is Hedge.NONE:
            hedge, hedge_text, end = trailing_hedge, trailing.group(0).strip(), trailing.end()
    quantity = Quantity(
        value=value,
        kind=kind,
        start=hedge_start,
        end=end,
        text=text[hedge_start:end],
        hedge=hedge,
        hedge_text=hedge_text,
        resolution=resolution,
        spelled_out=spelled_out,
    )
    return quantity, scale


def _read_kind(text: str, end: int, kind: Kind) -> tuple[Kind, int]:
    """The kind given by what follows a number: percent, percentage points or "times"."""
    for pattern, suffix_kind in (
        (_PERCENT, Kind.PERCENT),
        (_POINTS, Kind.PERCENTAGE_POINT),
        (_TIMES, Kind.MULTIPLE),
    ):
        suffix = pattern.match(text, end)
        if suffix:
            return suffix_kind, suffix.end()
    return kind, end


def _read_hedge(text: str, start: int, end: int) -> tuple[Hedge, str, int]:
    """The hedge words right before a number ("more than", "nearly", "about RMB"), and where they start."""
    before = text[max(0, start - 32) : start]
    for pattern, hedge in _LEADING:
        match = pattern.search(before)
        if match:
            return hedge, match.group(1).lower(), start - len(before) + match.start()
    return Hedge.NONE, "", start


def _mark_days(
    found: list[tuple[Quantity, Decimal]], months: list[Quantity], text: str
) -> list[tuple[Quantity, Decimal]]:
    """Turn a small number written next to a month name ("August 30", "30 August") into a day."""
    month_edges = {m.end for m in months} | {m.start for m in months}
    marked: list[tuple[Quantity, Decimal]] = []
    for quantity, scale in found:
        if quantity.kind is Kind.PLAIN and not quantity.spelled_out and 1 <= quantity.value <= 31:
            gap_before = text[: quantity.start].rstrip()
            after = re.match(r"\s*(?:of\s+)?", text[quantity.end :]).end() + quantity.end
            if len(gap_before) in month_edges or after in month_edges:
                quantity = replace(quantity, kind=Kind.DAY)
        marked.append((quantity, scale))
    return marked


def _merge_ranges(found: list[tuple[Quantity, Decimal]], text: str) -> list[Quantity]:
    """Join "3 to 5", "3-5", "between 3 and 5", "January-May" into one quantity with ``range_end``."""
    merged: list[Quantity] = []
    index = 0
    while index < len(found):
        first, first_scale = found[index]
        if index + 1 < len(found):
            second, second_scale = found[index + 1]
            gap = _RANGE_GAP.fullmatch(text, first.end, second.start) if first.end < second.start else None
            is_and = gap is not None and "and" in gap.group(0).lower()
            if gap and is_and and not text[: first.start].rstrip().lower().endswith("between"):
                gap = None
            if gap and not first.is_range and (first.kind is Kind.PLAIN or first.kind is second.kind):
                low = first.value
                if first_scale == 1 and second_scale > 1 and low * second_scale <= second.value:
                    low *= second_scale  # "3 to 5 million"
                merged.append(
                    replace(
                        first,
                        value=low,
                        kind=second.kind,
                        end=second.end,
                        text=text[first.start : second.end],
                        range_end=second.value,
                        spelled_out=first.spelled_out and second.spelled_out,
                    )
                )
                index += 2
                continue
        merged.append(first)
        index += 1
    return merged
