"""Chinese number extraction: value, kind, hedge and range for every unit, approximation and date form."""

from decimal import Decimal

import pytest

from workflow.domain.numbers_types import Hedge, Kind
from workflow.domain.numbers_zh import extract_zh_numbers, parse_chinese_numeral

P, PCT, PP, MUL, FR = Kind.PLAIN, Kind.PERCENT, Kind.PERCENTAGE_POINT, Kind.MULTIPLE, Kind.FRACTION
NONE, MORE, NEAR, ABOUT = Hedge.NONE, Hedge.MORE_THAN, Hedge.NEARLY, Hedge.ABOUT


@pytest.mark.parametrize(
    ("text", "value", "kind", "hedge"),
    [
        ("产值达13.56亿元", "1356000000", P, NONE),
        ("3.3万", "33000", P, NONE),
        ("1400万", "14000000", P, NONE),
        ("1.4万", "14000", P, NONE),
        ("2万亿", "2000000000000", P, NONE),
        ("三千五百人", "3500", P, NONE),
        ("两千家", "2000", P, NONE),
        ("三千五", "3500", P, NONE),
        ("一万五", "15000", P, NONE),
        ("一千零五", "1005", P, NONE),
        ("三点五亿", "350000000", P, NONE),
        ("3,082名", "3082", P, NONE),
        ("１２３家", "123", P, NONE),
        ("二〇二二年", "2022", Kind.YEAR, NONE),
        ("2021年", "2021", Kind.YEAR, NONE),
        ("8月", "8", Kind.MONTH, NONE),
        ("十二月份", "12", Kind.MONTH, NONE),
        ("百分之十五", "15", PCT, NONE),
        ("15%", "15", PCT, NONE),
        ("15％", "15", PCT, NONE),
        ("2.3个百分点", "2.3", PP, NONE),
        ("三成", "30", PCT, NONE),
        ("近三成", "30", PCT, NEAR),
        ("翻一番", "2", MUL, NONE),
        ("翻番", "2", MUL, NONE),
        ("翻两番", "4", MUL, NONE),
        ("增长2倍", "2", MUL, NONE),
        ("两倍", "2", MUL, NONE),
        ("150余家", "150", P, MORE),
        ("80多家", "80", P, MORE),
        ("一千多人", "1000", P, MORE),
        ("逾万人", "10000", P, MORE),
        ("超过3000人", "3000", P, MORE),
        ("突破3.75亿元", "375000000", P, MORE),
        ("近千家", "1000", P, NEAR),
        ("约5亿", "500000000", P, ABOUT),
        ("5亿元左右", "500000000", P, ABOUT),
        ("3000人以上", "3000", P, Hedge.AT_LEAST),
        ("不超过3000人", "3000", P, Hedge.AT_MOST),
        ("不到100家", "100", P, Hedge.LESS_THAN),
        ("三分之一", str(Decimal(1) / 3), FR, NONE),
        ("“十四五”规划", "14", P, NONE),
        ("第15届", "15", P, NONE),
        ("41度高温", "41", P, NONE),
    ],
)
def test_single_quantity(text: str, value: str, kind: Kind, hedge: Hedge) -> None:
    (quantity,) = extract_zh_numbers(text)
    assert (quantity.value, quantity.kind, quantity.hedge) == (Decimal(value), kind, hedge)


@pytest.mark.parametrize(
    ("text", "low", "high", "kind"),
    [
        ("3至5年", "3", "5", P),
        ("10～20家", "10", "20", P),
        ("1—5月", "1", "5", Kind.MONTH),
        ("1-5月份", "1", "5", Kind.MONTH),
        ("3至5万元", "30000", "50000", P),
        ("三至五年", "3", "5", P),
        ("2020—2022年", "2020", "2022", Kind.YEAR),
        ("10%-20%", "10", "20", PCT),
    ],
)
def test_ranges(text: str, low: str, high: str, kind: Kind) -> None:
    (quantity,) = extract_zh_numbers(text)
    assert (quantity.value, quantity.range_end, quantity.kind) == (Decimal(low), Decimal(high), kind)


@pytest.mark.parametrize(
    "text",
    [
        "一家一批一站式统一进一步",
        "一带一路",
        "这十分重要，千万不要忘记",
        "七八个人三三两两",
        "数百家企业",
        "两岸之间",
        "5G网络和COVID-19",
        "第一，三大领域",
        "万一出现问题",
    ],
)
def test_words_containing_numerals_are_not_numbers(text: str) -> None:
    assert extract_zh_numbers(text) == []


def test_full_date_splits_into_year_month_and_day() -> None:
    quantities = extract_zh_numbers("2022年8月30日")
    assert [(q.kind, q.value) for q in quantities] == [
        (Kind.YEAR, 2022),
        (Kind.MONTH, 8),
        (Kind.DAY, 30),
    ]


def test_recent_years_is_not_a_hedge() -> None:
    (quantity,) = extract_zh_numbers("近5年来")
    assert quantity.hedge is Hedge.NONE


def test_growth_by_times_accepts_tripled_and_percent() -> None:
    (quantity,) = extract_zh_numbers("增长2倍")
    assert (Kind.MULTIPLE, 3) in quantity.alternatives and (Kind.PERCENT, 200) in quantity.alternatives


def test_spans_and_currency_point_into_the_text() -> None:
    text = "2021年，园区产值达13.56亿元。"
    quantities = extract_zh_numbers(text)
    amount = quantities[1]
    assert text[amount.start : amount.end] == amount.text == "13.56亿元"
    assert amount.unit == "元"
    assert amount.resolution == Decimal(1_000_000)


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("十五", 15), ("一百一十", 110), ("二十", 20), ("一亿三千万", 130_000_000), ("二〇二二", 2022)],
)
def test_parse_chinese_numeral(numeral: str, value: int) -> None:
    assert parse_chinese_numeral(numeral) == value


@pytest.mark.parametrize("numeral", ["七八十", "一五一十", "三百千"])
def test_malformed_numerals_are_rejected(numeral: str) -> None:
    assert parse_chinese_numeral(numeral) is None
