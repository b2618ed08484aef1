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


@pytest.mark.parametrize(
    ("text", "value", "hedge", "soft"),
    [
        ("十余个国家", "10", MORE, False),  # a bare 十 before 余 counts
        ("百余家企业", "100", MORE, False),
        ("千多名员工", "1000", MORE, False),
        ("十多年来", "10", MORE, False),
        ("超百亿元", "10000000000", MORE, False),  # 百亿 stands for 一百亿
        ("逾千亿元", "100000000000", MORE, False),
        ("万吨级泊位", "10000", NONE, False),  # a size class: 10,000-tonne
        ("十万吨级码头", "100000", NONE, False),
        ("20多亿元", "2000000000", MORE, False),  # 多 between the number and its unit
        ("三百余万人", "3000000", MORE, False),
        ("二十多万人", "200000", MORE, False),
        ("1亿2000万元", "120000000", NONE, False),  # one number written in two parts
        ("3万5千人", "35000", NONE, False),
        ("两家企业", "2", NONE, True),  # a count in words, which English may render as "both"
        ("三个项目", "3", NONE, True),
        ("十条措施", "10", NONE, True),
        ("五年来", "5", NONE, True),
    ],
)
def test_bare_units_counts_and_split_numbers(text: str, value: str, hedge: Hedge, soft: bool) -> None:
    (quantity,) = extract_zh_numbers(text)
    assert (quantity.value, quantity.kind, quantity.hedge) == (Decimal(value), P, hedge)
    assert quantity.spelled_out is soft


@pytest.mark.parametrize(
    ("text", "last"),
    [("前5个月", 5), ("前两个月", 2), ("今年前10个月", 10), ("前11个月", 11), ("前三个月", 3)],
)
def test_first_months_are_a_month_range(text: str, last: int) -> None:
    (quantity,) = extract_zh_numbers(text)
    assert (quantity.kind, quantity.value, quantity.range_end) == (Kind.MONTH, 1, last)


@pytest.mark.parametrize(
    ("text", "value"),
    [("提前5个月完成", "5"), ("目前3个月", "3")],  # five months ahead of schedule: not January-May
)
def test_months_ahead_are_not_the_first_months(text: str, value: str) -> None:
    (quantity,) = extract_zh_numbers(text)
    assert (quantity.kind, quantity.value, quantity.range_end) == (P, Decimal(value), None)


@pytest.mark.parametrize(
    "text", ["签约5个项目", "预约3次", "节约20%", "制约3家", "合约2份", "履约5年", "纽约3家"]
)
def test_yue_inside_a_word_is_no_hedge(text: str) -> None:
    assert all(quantity.hedge is NONE for quantity in extract_zh_numbers(text))


@pytest.mark.parametrize(
    ("text", "hedge"), [("约5亿", ABOUT), ("大约300家", ABOUT), ("约占全省的55%", ABOUT)]
)
def test_yue_on_its_own_is_about(text: str, hedge: Hedge) -> None:
    assert [quantity.hedge for quantity in extract_zh_numbers(text)] == [hedge]


@pytest.mark.parametrize("text", ["第三家企业", "三大领域", "两国企业", "一家企业", "三三两两"])
def test_ordinals_and_set_phrases_are_not_counts(text: str) -> None:
    assert extract_zh_numbers(text) == []
