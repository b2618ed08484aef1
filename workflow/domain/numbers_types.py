"""The shared vocabulary of number extraction: what a quantity is, its kind and its hedge.

Both the Chinese and the English extractor return :class:`Quantity` objects so the ``numbers`` check can
compare a source and a target number by value, kind (percent versus percentage points, year, month…) and
hedge ("nearly" versus "more than") without knowing which language either came from. The generic
digits-only extractor for other languages lives here too, because it needs nothing language-specific.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Kind(StrEnum):
    """What a number counts: a plain amount, a percentage, a point change, a calendar item, a ratio."""

    PLAIN = "plain"
    PERCENT = "percent"
    PERCENTAGE_POINT = "percentage_point"
    MULTIPLE = "multiple"
    FRACTION = "fraction"
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class Hedge(StrEnum):
    """How exactly the text commits to a number: 近 is NEARLY, 余/多/超 MORE_THAN, 约/左右 ABOUT."""

    NONE = "none"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    NEARLY = "nearly"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    ABOUT = "about"


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number found in a text, with the facts needed to compare it across languages.

    ``value`` is the full value (13.56亿 → 1356000000); ``range_end`` is set for ranges (3至5年 → 3 and 5);
    ``resolution`` is the size of one step in the last written digit (13.56亿 → 1000000), used to tell a
    rounded rendering from a wrong one; ``alternatives`` lists other (kind, value) readings a translation
    may legitimately use (三成 may become "30 percent" or "three-tenths"); ``spelled_out`` marks numbers
    written only in words ("three"), which English news style adds freely; ``start``/``end`` index ``text``'s
    position in the analysed string.
    """

    value: Decimal
    kind: Kind
    start: int
    end: int
    text: str
    hedge: Hedge = Hedge.NONE
    hedge_text: str = ""
    range_end: Decimal | None = None
    unit: str = ""
    resolution: Decimal = Decimal(1)
    alternatives: tuple[tuple[Kind, Decimal], ...] = ()
    spelled_out: bool = False
    label: str = ""

    @property
    def is_range(self) -> bool:
        """Whether the quantity is a range such as 3至5年 or "3 to 5 years"."""
        return self.range_end is not None


def resolution_of(mantissa: Decimal, scale: Decimal = Decimal(1)) -> Decimal:
    """The size of one step in the last significant written digit: 13.56 × 10⁸ → 10⁶, 1400 × 10⁴ → 10⁶.

    Trailing zeros of an integer are treated as rounding, so "14 million" counts as precise to a million.
    """
    if mantissa == 0:
        return scale
    exponent = mantissa.normalize().as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    return step * scale


_DIGITS = re.compile(
    r"(?<![\w.,])\d{1,3}(?:([,.\u202f\u00a0 ])\d{3})(?:\1\d{3})*(?:[.,]\d+)?(?![\w])|\d+(?:[.,]\d+)?"
)
_GROUP_SEPARATORS = ",.\u202f\u00a0 "


def parse_digits(raw: str) -> Decimal:
    """Read digits written with any common grouping: "1,356.5", "1.356,5", "14 000" → a Decimal."""
    text = raw.strip()
    last_dot, last_comma = text.rfind("."), text.rfind(",")
    decimal_mark = ""
    if last_dot >= 0 and last_comma >= 0:
        decimal_mark = "." if last_dot > last_comma else ","
    elif last_dot >= 0 or last_comma >= 0:
        mark = "." if last_dot >= 0 else ","
        parts = text.split(mark)
        # A single mark followed by exactly three digits is a group separator ("3,082"), else a decimal.
        if not (len(parts) >= 2 and all(len(p) == 3 for p in parts[1:]) and (len(parts) > 2 or mark == ",")):
            decimal_mark = mark
    integer, fraction = text.rsplit(decimal_mark, 1) if decimal_mark else (text, "")
    digits = "".join(ch for ch in integer if ch not in _GROUP_SEPARATORS)
    return Decimal(f"{digits}.{fraction}" if fraction else digits)


def extract_digit_numbers(text: str) -> list[Quantity]:
    """Numbers written with Arabic digits in a text of any language, separators normalised.

    The fallback for language pairs without a dedicated extractor: it knows no units, hedges or words.
    """
    found: list[Quantity] = []
    for match in _DIGITS.finditer(text):
        raw = match.group(0)
        value = parse_digits(raw)
        found.append(
            Quantity(value, Kind.PLAIN, match.start(), match.end(), raw, resolution=resolution_of(value))
        )
    return found
