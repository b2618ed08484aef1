"""Tests for Chinese time expressions resolved against the article date."""

import datetime as dt

import pytest

from workflow.domain.dates_zh import chinese_numeral_value, find_time_references, plan_markers

ARTICLE = dt.date(2022, 8, 30)


@pytest.mark.parametrize(
    ("source", "marker", "start", "end", "is_past"),
    [
        ("2021年，园区产值达13.56亿元", "2021年", dt.date(2021, 1, 1), dt.date(2021, 12, 31), True),
        ("二〇二一年产值", "二〇二一年", dt.date(2021, 1, 1), dt.date(2021, 12, 31), True),
        ("2025年全面建成投产", "2025年", dt.date(2025, 1, 1), dt.date(2025, 12, 31), False),
        ("2022年7月出口", "2022年7月", dt.date(2022, 7, 1), dt.date(2022, 7, 31), True),
        ("2022年8月15日开幕", "2022年8月15日", dt.date(2022, 8, 15), dt.date(2022, 8, 15), True),
        ("7月份出口", "7月份", dt.date(2022, 7, 1), dt.date(2022, 7, 31), True),
        ("1—5月，进出口额", "1—5月", dt.date(2022, 1, 1), dt.date(2022, 5, 31), True),
        ("1-8月出口", "1-8月", dt.date(2022, 1, 1), dt.date(2022, 8, 31), None),  # August not over yet
        ("今年前三季度出口", "今年前三季度", dt.date(2022, 1, 1), dt.date(2022, 9, 30), None),
        ("2021年前三季度出口", "2021年前三季度", dt.date(2021, 1, 1), dt.date(2021, 9, 30), True),
        ("上半年出口", "上半年", dt.date(2022, 1, 1), dt.date(2022, 6, 30), True),
        ("一季度出口", "一季度", dt.date(2022, 1, 1), dt.date(2022, 3, 31), True),
        ("去年以来", "去年", dt.date(2021, 1, 1), dt.date(2021, 12, 31), True),
        ("明年投产", "明年", dt.date(2023, 1, 1), dt.date(2023, 12, 31), False),
        ("上周举行", "上周", dt.date(2022, 8, 22), dt.date(2022, 8, 28), True),
        ("昨日发布", "昨日", dt.date(2022, 8, 29), dt.date(2022, 8, 29), True),
        ("上月出口", "上月", dt.date(2022, 7, 1), dt.date(2022, 7, 31), True),
        ("2021—2025年规划", "2021—2025年", dt.date(2021, 1, 1), dt.date(2025, 12, 31), None),
        ("12月出口", "12月", dt.date(2022, 12, 1), dt.date(2022, 12, 31), None),  # maybe last December
    ],
)
def test_periods_are_resolved_against_the_article_date(source, marker, start, end, is_past):
    refs = find_time_references(source, ARTICLE)
    assert [(r.marker, r.period_start, r.period_end, r.is_past) for r in refs] == [
        (marker, start, end, is_past)
    ]
    assert source[refs[0].start : refs[0].end] == marker


@pytest.mark.parametrize(
    ("source", "marker"), [("已经完成", "已经"), ("此前已投产", "此前"), ("早已建成", "早已")]
)
def test_completed_aspect_markers_are_past_without_a_period(source, marker):
    ref = find_time_references(source, ARTICLE)[0]
    assert (ref.marker, ref.is_past, ref.period_start) == (marker, True, None)


@pytest.mark.parametrize("source", ["统一月度报表", "赞叹不已", "而已", "三个月内", "产值达13.56亿元"])
def test_words_that_only_look_like_time_expressions_are_ignored(source):
    assert find_time_references(source, ARTICLE) == []


@pytest.mark.parametrize(
    ("source", "comparison"),
    [
        ("出口比去年增长10%", True),
        ("较2021年增长", True),
        ("去年同期", True),
        ("与2021年相比", True),
        ("去年出口", False),
    ],
)
def test_comparison_baselines_are_marked(source, comparison):
    assert find_time_references(source, ARTICLE)[0].comparison is comparison


@pytest.mark.parametrize(
    ("source", "markers"),
    [
        ("将于2025年全面建成投产", ["将于"]),
        ("公司计划投资10亿元", ["计划"]),
        ("预计明年投产", ["预计"]),
        ("拟投资5亿元", ["拟"]),
        ("有望突破20亿元", ["有望"]),
        ("力争到2025年实现", ["力争", "到2025年"]),
        ("将企业打造成标杆", []),  # 将 as the object marker, not the future
        ("模拟测试", []),
        ("园区产值达13.56亿元", []),
    ],
)
def test_plan_markers(source, markers):
    assert [source[start:end] for start, end in plan_markers(source)] == markers


@pytest.mark.parametrize(
    ("text", "value"), [("12", 12), ("十二", 12), ("三", 3), ("二十", 20), ("二〇二一", 2021), ("十", 10)]
)
def test_chinese_numerals(text, value):
    assert chinese_numeral_value(text) == value


@pytest.mark.parametrize(
    ("source", "marker", "end"),
    [
        ("前两个月，出口", "前两个月", dt.date(2022, 2, 28)),
        ("今年前两个月", "今年前两个月", dt.date(2022, 2, 28)),
    ],
)
def test_two_written_liang_is_a_count_of_months(source, marker, end):
    (ref,) = find_time_references(source, ARTICLE)
    assert (ref.marker, ref.period_end, ref.is_past) == (marker, end, True)
