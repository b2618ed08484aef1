"""Tense cases found by the held-out set: "January to May this year", "since 2020 … will", 预期目标.

"this year" after a closed period only names the year, so the period decides; a plain "will" governed by
"since <past date>" is wrong; 预期目标 ("the expected target") names a target, not a plan, so "has set"
is fine; and common trade-news verbs such as "expanded" count as past forms.
"""

import datetime as dt

import pytest

from workflow.checks.base import CheckContext
from workflow.checks.tense import TenseDateCheck
from workflow.domain.dates_en import find_target_anchors
from workflow.domain.dates_zh import plan_markers

CHECK = TenseDateCheck()


def _context(day: str) -> CheckContext:
    return CheckContext(source_lang="zh", target_lang="en", article_date=dt.date.fromisoformat(day))


FIRES = [
    ("今年1-5月，全省出口同比增长6.1%。",
     "From January to May this year, exports will grow 6.1 percent.", "2024-06-20", "will grow"),
    ("今年一季度，出口增长4%。",
     "In the first quarter of this year, exports will rise 4 percent.", "2024-05-02", "will rise"),
    ("2020年以来，公司累计引进各类人才3082人。",
     "Since 2020, the company will recruit 3,082 people.", "2022-09-15", "will recruit"),
    ("自2019年起，该港吞吐量持续增长。",
     "Since 2019, the port's throughput will keep growing.", "2023-03-01", "will keep"),
    ("2026年，商务部将继续扩大高水平对外开放。",
     "In 2026, the Ministry of Commerce expanded high-level opening-up.", "2025-01-15", "expanded"),
]  # fmt: skip

SILENT = [
    ("今年我国经济增长预期目标为5%左右。",
     "China has set its economic growth target for this year at around 5 percent.", "2025-03-05"),
    ("2020年以来，公司已引进人才3000人，今年还将引进500人。",
     "Since 2020, the company has hired 3,000 people and will hire 500 more this year.", "2022-09-15"),
    ("自2023年起，公司将每年发布报告。",
     "Since 2023, the company said it will publish a report every year.", "2024-01-10"),
    ("今年1-5月，全省出口同比增长6.1%。",
     "From January to May this year, exports grew 6.1 percent.", "2024-06-20"),
    ("今年7-12月，出口有望增长。", "From July to December this year, exports will grow.", "2024-06-20"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "target", "day", "phrase"), FIRES)
def test_wrong_tense_is_reported_on_the_verb(source, target, day, phrase):
    findings = CHECK.check_pair(source, target, _context(day))
    assert [f.params["phrase"] for f in findings] == [phrase]


@pytest.mark.parametrize(("source", "target", "day"), SILENT)
def test_right_tense_is_not_reported(source, target, day):
    assert CHECK.check_pair(source, target, _context(day)) == []


def test_this_year_after_a_month_range_is_absorbed_into_the_range():
    anchors = find_target_anchors("From January to May this year, exports grew.", dt.date(2024, 6, 20))
    assert [(a.label, a.is_past) for a in anchors] == [("January–May 2024", True)]


def test_since_anchor_marks_a_period_that_began_before_the_article():
    (anchor,) = find_target_anchors("Since 2020, exports have grown.", dt.date(2022, 9, 15))
    assert anchor.since and anchor.is_past is None


@pytest.mark.parametrize(("source", "is_plan"), [("预期目标为5%左右", False), ("预期全年增长5%", True)])
def test_expected_target_is_not_a_plan_marker(source, is_plan):
    assert bool(plan_markers(source)) is is_plan
