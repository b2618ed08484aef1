"""Chinese numerals as values: 三千五百 → 3500, 二〇二二 → 2022, 三点五亿 → 350000000, 一亿三千万 → 130000000.

The reading of one written numeral, apart from the finding of numbers in running text (which lives
in :mod:`workflow.domain.numbers_zh`): digits and the units 十/百/千/万/亿, colloquial 三千五 (3500),
digit-by-digit years, decimals with 点, and the rejection of strings that are no numeral (七八十).
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["DIGIT_VALUES", "UNIT_VALUES", "parse_chinese_numeral", "scale_of"]

DIGIT_VALUES = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
DIGIT_VALUES |= {"八": 8, "九": 9}
UNIT_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def _parse_integer_numeral(text: str) -> int | None:
    """Value of an integer Chinese numeral (三千五百, 一万三千, 两千, 一千零五, 三千五); None if malformed."""
    if text and all(ch in DIGIT_VALUES for ch in text):
        if len(text) == 1:
            return DIGIT_VALUES[text]
        return int("".join(str(DIGIT_VALUES[ch]) for ch in text))  # digit by digit: 二〇二二
    total = section = 0
    digit: int | None = None
    smallest_unit = 10_000  # the last 十/百/千 unit seen in this section, which must keep decreasing
    last_unit = 0
    after_zero = wan_seen = False
    for index, ch in enumerate(text):
        if ch in "零〇":
            if digit is not None:
                return None
            after_zero = True
            continue
        if ch in DIGIT_VALUES:
            if digit is not None:
                return None  # two digits in a row: 七八十, 一五一十
            digit = DIGIT_VALUES[ch]
            continue
        unit = UNIT_VALUES[ch]
        if unit < 10_000:
            if digit is None:
                if unit != 10 or (index and not after_zero and text[index - 1] not in "万亿"):
                    return None
                digit = 1  # 十五, 一百一十 → the 十 stands for 一十
            if unit >= smallest_unit:
                return None
            section += digit * unit
            smallest_unit = unit
        elif unit == 10_000:
            if wan_seen or (digit is None and section == 0):
                return None
            section = (section + (digit or 0)) * unit
            wan_seen = True
            smallest_unit = 10_000
        else:
            if digit is None and section == 0 and total == 0:
                return None
            total = (total + section + (digit or 0)) * unit
            section = 0
            wan_seen = False
            smallest_unit = 10_000
        last_unit, digit, after_zero = unit, None, False
    if digit is not None:
        # 三千五 and 一万五 are colloquial for 3500 and 15000; after 零 the digit is a plain unit digit.
        if last_unit >= 100 and not after_zero and text[-2] in UNIT_VALUES:
            return total + section + digit * last_unit // 10
        return total + section + digit
    return total + section


def parse_chinese_numeral(text: str) -> Decimal | None:
    """Value of a Chinese numeral including decimals and trailing units (三点五亿 → 350000000), or None."""
    integer_part, _, rest = text.partition("点")
    if not rest:
        value = _parse_integer_numeral(text)
        return None if value is None else Decimal(value)
    fraction = "".join(str(DIGIT_VALUES[ch]) for ch in rest if ch in DIGIT_VALUES)
    units = rest[len(fraction) :]
    integer = _parse_integer_numeral(integer_part) if integer_part else 0
    if integer is None or not fraction:
        return None
    return Decimal(f"{integer}.{fraction}") * scale_of(units)


def scale_of(units: str) -> Decimal:
    """The multiplier of a run of unit characters after digits: 亿 → 10⁸, 万亿 → 10¹², 千万 → 10⁷."""
    scale = Decimal(1)
    for ch in units:
        scale *= UNIT_VALUES[ch]
    return scale
