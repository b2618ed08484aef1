"""English number extraction: digits, scale words, number words, percents, hedges, dates and ranges."""

from decimal import Decimal

import pytest

from workflow.domain.numbers_en import extract_en_numbers, parse_number_words
from workflow.domain.numbers_format import format_english
from workflow.domain.numbers_types import Hedge, Kind, parse_digits
from workflow.domain.numbers_zh import extract_zh_numbers

P, PCT, PP, MUL, FR = Kind.PLAIN, Kind.PERCENT, Kind.PERCENTAGE_POINT, Kind.MULTIPLE, Kind.FRACTION
NONE, MORE, NEAR, ABOUT = Hedge.NONE, Hedge.MORE_THAN, Hedge.NEARLY, Hedge.ABOUT


@pytest.mark.parametrize(
    ("text", "value", "kind", "hedge"),
    [
        ("1,356", "1356", P, NONE),
        ("1.356 billion yuan", "1356000000", P, NONE),
        ("14 million", "14000000", P, NONE),
        ("3.3 thousand", "3300", P, NONE),
        ("14,000", "14000", P, NONE),
        ("RMB5 billion", "5000000000", P, NONE),
        ("1.4bn", "1400000000", P, NONE),
        ("twenty-three companies", "23", P, NONE),
        ("one hundred and fifty", "150", P, NONE),
        ("a dozen", "12", P, NONE),
        ("30 percent", "30", PCT, NONE),
        ("30%", "30", PCT, NONE),
        ("30 per cent", "30", PCT, NONE),
        ("fifteen percent", "15", PCT, NONE),
        ("2.3 percentage points", "2.3", PP, NONE),
        ("more than 150", "150", P, MORE),
        ("over 3,000", "3000", P, MORE),
        ("exceed 375 million yuan", "375000000", P, MORE),
        ("150 or more", "150", P, Hedge.AT_LEAST),
        ("nearly 30 percent", "30", PCT, NEAR),
        ("almost 1,000", "1000", P, NEAR),
        ("about 500 million yuan", "500000000", P, ABOUT),
        ("approximately RMB 5 billion", "5000000000", P, ABOUT),
        ("no more than 3,000", "3000", P, Hedge.AT_MOST),
        ("doubled", "2", MUL, NONE),
        ("tripled", "3", MUL, NONE),
        ("two-fold", "2", MUL, NONE),
        ("2 times", "2", MUL, NONE),
        ("one-third", str(Decimal(1) / 3), FR, NONE),
        ("a third", str(Decimal(1) / 3), FR, NONE),
        ("2021", "2021", Kind.YEAR, NONE),
        ("14th", "14", P, NONE),
    ],
)
def test_single_quantity(text: str, value: str, kind: Kind, hedge: Hedge) -> None:
    (quantity,) = extract_en_numbers(text)
    assert (quantity.value, quantity.kind, quantity.hedge) == (Decimal(value), kind, hedge)


@pytest.mark.parametrize(
    ("text", "low", "high", "kind"),
    [
        ("3 to 5 years", "3", "5", P),
        ("3-5", "3", "5", P),
        ("between 3 and 5", "3", "5", P),
        ("3 to 5 million", "3000000", "5000000", P),
        ("the first five months", "1", "5", Kind.MONTH),
        ("January-May", "1", "5", Kind.MONTH),
        ("2020-2022", "2020", "2022", Kind.YEAR),
    ],
)
def test_ranges(text: str, low: str, high: str, kind: Kind) -> None:
    (quantity,) = extract_en_numbers(text)
    assert (quantity.value, quantity.range_end, quantity.kind) == (Decimal(low), Decimal(high), kind)


@pytest.mark.parametrize(
    "text", ["5G networks, the G20 and COVID-19", "the A380", "the third quarter", "exports and imports"]
)
def test_codes_and_ordinal_words_are_not_numbers(text: str) -> None:
    assert extract_en_numbers(text) == []


@pytest.mark.parametrize("text", ["August 30, 2022", "30 August 2022", "30th of August, 2022"])
def test_dates_split_into_month_day_and_year(text: str) -> None:
    kinds = sorted((q.kind, q.value) for q in extract_en_numbers(text))
    assert kinds == sorted([(Kind.MONTH, 8), (Kind.DAY, 30), (Kind.YEAR, 2022)])


def test_small_words_are_marked_spelled_out() -> None:
    (quantity,) = extract_en_numbers("a one-stop platform")
    assert quantity.spelled_out and quantity.value == 1


@pytest.mark.parametrize(
    ("words", "value"), [("ninety-nine", 99), ("two million", 2_000_000), ("a hundred", 100)]
)
def test_parse_number_words(words: str, value: int) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    ("raw", "value"), [("3,082", "3082"), ("1.356", "1.356"), ("1.356,5", "1356.5"), ("14 000", "14000")]
)
def test_parse_digits_with_any_grouping(raw: str, value: str) -> None:
    assert parse_digits(raw) == Decimal(value)


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("13.56亿元", "1.356 billion yuan"),
        ("1400万", "14 million"),
        ("3.3万", "33,000"),
        ("1.4万", "14,000"),
        ("150余家", "more than 150"),
        ("近三成", "nearly 30 percent"),
        ("三成", "30 percent"),
        ("2.3个百分点", "2.3 percentage points"),
        ("翻一番", "doubled"),
        ("1—5月", "the first five months"),
        ("8月", "August"),
        ("3至5年", "3 to 5"),
        ("“十四五”规划", "14th Five-Year Plan"),
        ("三分之一", "one-third"),
        ("2021年", "2021"),
    ],
)
def test_format_english_suggestions(chinese: str, english: str) -> None:
    (quantity,) = extract_zh_numbers(chinese)
    assert format_english(quantity) == english


@pytest.mark.parametrize(
    ("text", "value", "hedge"),
    [
        ("more than a decade", "10", MORE),
        ("over the past two decades", "20", NONE),
        ("nearly a century", "100", NEAR),
        ("three decades", "30", NONE),
    ],
)
def test_decades_and_centuries_count_years(text: str, value: str, hedge: Hedge) -> None:
    (quantity,) = extract_en_numbers(text)
    assert (quantity.value, quantity.kind, quantity.hedge) == (Decimal(value), P, hedge)
