"""The basis of a change: 同比 (year on year) and 环比 (on the previous period) in Chinese and English."""

import pytest

from workflow.domain.numbers_basis import Basis, chinese_bases, english_bases

YOY, POP = Basis.YEAR_ON_YEAR, Basis.PREVIOUS_PERIOD


@pytest.mark.parametrize(
    ("text", "bases"),
    [
        ("出口同比增长5%", {YOY}),
        ("比去年同期增加1.6万辆", {YOY}),
        ("较上年同期下降3%", {YOY}),
        ("零售总额环比增长0.1%", {POP}),
        ("比上月上升0.4个百分点", {POP}),
        ("同比增长5%，环比增长1%", {YOY, POP}),
        ("出口增长5%", set()),
    ],
)
def test_chinese_bases(text, bases):
    assert set(chinese_bases(text)) == bases


@pytest.mark.parametrize(
    ("text", "bases"),
    [
        ("up 5 percent year on year", {YOY}),
        ("a year-on-year increase", {YOY}),
        ("up 5% from a year earlier", {YOY}),
        ("than in the same period last year", {YOY}),
        ("rose 0.1 percent month on month", {POP}),
        ("a quarter-on-quarter rise", {POP}),
        ("up 0.4 points from the previous month", {POP}),
        ("rose 2 percent sequentially", {POP}),
        ("exports rose 5 percent", set()),
        ("the year ahead", set()),
    ],
)
def test_english_bases(text, bases):
    assert set(english_bases(text)) == bases


def test_spans_point_at_the_words():
    text = "In October, throughput rose 9.2 percent month on month."
    ((basis, (start, end)),) = english_bases(text).items()
    assert (basis, text[start:end]) == (POP, "month on month")
