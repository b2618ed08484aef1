"""Tests for the article-level consistency check."""

import pytest

from workflow.checks.base import CheckContext
from workflow.checks.consistency import ConsistencyCheck

CONTEXT = CheckContext()
TITLE = "宜昌片区：“创新+”让生物医药发展迸发活力"


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        (  # the breadcrumb repeats the headline with another rendering
            [
                (TITLE, "Yichang: Innovation energizes biomedicine"),
                ("正文。", "Body."),
                (TITLE, "Yichang area: innovation makes biomedicine burst with vitality"),
            ],
            [(2, 1, "Yichang: Innovation energizes biomedicine")],
        ),
        (  # three copies, two deviating: both later ones are reported against the first
            [("发送询价", "Send Inquiry"), ("发送询价", "Send inquiry now"), ("发送询价", "Submit inquiry")],
            [(1, 1, "Send Inquiry"), (2, 1, "Send Inquiry")],
        ),
        ([("发送询价", "Send Inquiry"), ("发送询价", "send  inquiry ")], []),  # case and spacing only
        ([("发送询价", ""), ("发送询价", "Send Inquiry")], []),  # untranslated first copy: nothing to compare
        ([("2022", "2022"), ("2022", "2,022")], []),  # no letters in the source
        ([("分享到：", "Share to:"), ("发送询价", "Send Inquiry")], []),
        ([], []),
    ],
)
def test_identical_sources_translated_differently(pairs, expected):
    results = ConsistencyCheck().check_article(pairs, CONTEXT)
    assert [(index, f.params["segment"], f.suggestions[0]) for index, f in results] == expected


def test_single_pairs_are_not_judged():
    assert ConsistencyCheck().check_pair(TITLE, "Yichang", CONTEXT) == []
