"""Write a quantity the way English trade news would: the suggestion shown next to a ``numbers`` finding.

13.56亿元 → "1.356 billion yuan", 1400万 → "14 million", 1.4万 → "14,000", 150余 → "more than 150",
近三成 → "nearly 30 percent", 2.3个百分点 → "2.3 percentage points", 1—5月 → "the first five months".
"""

from __future__ import annotations

from decimal import Decimal

from workflow.domain.numbers_en import MONTH_NAMES
from workflow.domain.numbers_types import Hedge, Kind, Quantity

__all__ = ["format_english", "format_value", "hedge_words"]

_HEDGE_WORDS = {
    Hedge.NONE: "",
    Hedge.MORE_THAN: "more than",
    Hedge.AT_LEAST: "at least",
    Hedge.NEARLY: "nearly",
    Hedge.LESS_THAN: "less than",
    Hedge.AT_MOST: "up to",
    Hedge.ABOUT: "about",
}
_UNIT_WORDS = {"元": "yuan", "人民币": "yuan", "美元": "US dollars", "港元": "Hong Kong dollars"}
_UNIT_WORDS |= {"港币": "Hong Kong dollars", "欧元": "euros", "日元": "yen", "英镑": "pounds"}
_SCALE_WORDS = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))
_COUNT_WORDS = [
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
]
_MULTIPLE_VERBS = {2: "doubled", 3: "tripled", 4: "quadrupled"}
_FRACTION_WORDS = {Decimal(1) / 2: "half", Decimal(1) / 3: "one-third", Decimal(2) / 3: "two-thirds"}
_FRACTION_WORDS |= {
    Decimal(1) / 4: "a quarter",
    Decimal(3) / 4: "three-quarters",
    Decimal(1) / 5: "one-fifth",
}


def hedge_words(hedge: Hedge) -> str:
    """The English words for a hedge: MORE_THAN → "more than", NEARLY → "nearly"."""
    return _HEDGE_WORDS[hedge]


def _plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros, digits grouped by thousands: 3082 → "3,082"."""
    normalised = number.normalize()
    if normalised == normalised.to_integral_value():
        return f"{int(normalised):,}"
    return f"{normalised:,f}"


def format_value(value: Decimal) -> str:
    """A number as English news writes it: millions and above in words (1.356 billion), else digits."""
    for size, word in _SCALE_WORDS:
        if abs(value) >= size:
            return f"{_plain(value / size)} {word}"
    return _plain(value)


def _format_core(quantity: Quantity, value: Decimal) -> str:
    """The number with its kind word but without hedge or unit."""
    kind = quantity.kind
    if kind is Kind.YEAR:
        return str(int(value))
    if kind is Kind.MONTH:
        return MONTH_NAMES[int(value) - 1] if 1 <= value <= 12 else format_value(value)
    if kind is Kind.PERCENT:
        return f"{format_value(value)} percent"
    if kind is Kind.PERCENTAGE_POINT:
        return f"{format_value(value)} percentage points"
    if kind is Kind.FRACTION:
        return _FRACTION_WORDS.get(value, format_value(value))
    if kind is Kind.MULTIPLE:
        return f"{format_value(value)} times"
    return format_value(value)


def format_english(quantity: Quantity) -> str:
    """The English a translator should write for a quantity, hedge and currency included."""
    if quantity.label:
        return quantity.label
    if quantity.kind is Kind.MULTIPLE and "番" in quantity.text and int(quantity.value) in _MULTIPLE_VERBS:
        return _MULTIPLE_VERBS[int(quantity.value)]
    if quantity.kind is Kind.MONTH and quantity.range_end is not None and quantity.value == 1:
        count = int(quantity.range_end)
        return f"the first {_COUNT_WORDS[count] if count < len(_COUNT_WORDS) else count} months"
    core = _format_core(quantity, quantity.value)
    if quantity.range_end is not None:
        separator = "-" if quantity.kind is Kind.MONTH else " to "
        core = f"{core}{separator}{_format_core(quantity, quantity.range_end)}"
    parts = [hedge_words(quantity.hedge), core, _UNIT_WORDS.get(quantity.unit, "")]
    return " ".join(part for part in parts if part)
