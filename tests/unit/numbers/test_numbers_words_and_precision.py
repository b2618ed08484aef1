"""Hedged number words, holiday names and fine rounding: cases where a correct translation was flagged.

"about one-third" keeps the hedge of 约三分之一, "the May Day holiday" names a holiday rather than the
month of May, and 296299亿元 written "29.63 trillion yuan" is ordinary news rounding; a coarse rounding
("1.4 billion" for 13.56亿) still warns.
"""

from decimal import Decimal

import pytest

from workflow.checks.base import CheckContext, Severity
from workflow.checks.numbers import ROUNDED, NumbersCheck
from workflow.domain.numbers_en import extract_en_numbers
from workflow.domain.numbers_types import Hedge, Kind

CHECK = NumbersCheck()
ZH_EN = CheckContext(source_lang="zh", target_lang="en")


@pytest.mark.parametrize(
    ("text", "kind", "hedge"),
    [
        ("about one-third of exports", Kind.FRACTION, Hedge.ABOUT),
        ("more than half of the firms", Kind.FRACTION, Hedge.MORE_THAN),
        ("nearly two-thirds", Kind.FRACTION, Hedge.NEARLY),
        ("output nearly doubled", Kind.MULTIPLE, Hedge.NEARLY),
        ("more than tripled", Kind.MULTIPLE, Hedge.MORE_THAN),
        ("a quarter of sales", Kind.FRACTION, Hedge.NONE),
    ],
)
def test_hedges_before_fraction_and_multiple_words_are_read(text, kind, hedge):
    (quantity,) = extract_en_numbers(text)
    assert (quantity.kind, quantity.hedge) == (kind, hedge)


@pytest.mark.parametrize("text", ["during the May Day holiday", "the May Fourth Movement"])
def test_holidays_named_after_a_month_are_not_dates(text):
    assert extract_en_numbers(text) == []


def test_the_month_may_is_still_a_date():
    (month, day) = extract_en_numbers("on May 4")
    assert (month.kind, month.value, day.kind) == (Kind.MONTH, Decimal(5), Kind.DAY)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("外资企业贡献了全国约三分之一的进出口。", "Foreign firms account for about one-third of trade."),
        ("五一假期，边检机关共保障1075.1万人次出入境。",
         "Border police handled 10.751 million trips during the May Day holiday."),
        ("一季度国内生产总值296299亿元。", "GDP reached 29.63 trillion yuan in the first quarter."),
        ("产量近翻一番。", "Output nearly doubled."),
    ],
)  # fmt: skip
def test_correct_translations_draw_no_error_or_warning(source, target):
    findings = CHECK.check_pair(source, target, ZH_EN)
    assert [f.text for f in findings if f.severity is not Severity.INFO] == []


def test_fine_rounding_is_noted_as_info():
    findings = CHECK.check_pair("一季度国内生产总值296299亿元。", "GDP reached 29.63 trillion yuan.", ZH_EN)
    assert [(f.message, f.severity) for f in findings] == [(ROUNDED, Severity.INFO)]


def test_coarse_rounding_still_warns():
    findings = CHECK.check_pair("园区产值达13.56亿元。", "Output reached 1.4 billion yuan.", ZH_EN)
    assert [(f.message, f.severity) for f in findings] == [(ROUNDED, Severity.WARNING)]


def test_a_dropped_hedge_on_a_fraction_still_warns():
    findings = CHECK.check_pair(
        "贡献了全国约三分之一的进出口。", "It accounts for one-third of trade.", ZH_EN
    )
    assert [f.severity for f in findings] == [Severity.WARNING]
