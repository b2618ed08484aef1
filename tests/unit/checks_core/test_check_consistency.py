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


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        (  # a company name rendered by meaning in one segment and by pinyin in another
            [
                (
                    "宜昌人福医药是当地龙头企业之一。",
                    "Yichang Humanwell Pharmaceutical is a leading company.",
                ),
                (
                    "自2020年以来，人福医药招聘人才3082人。",
                    "Since 2020, Renfu Pharmaceutical has hired 3,082.",
                ),
            ],
            [(1, "人福医药", "Renfu Pharmaceutical", "Yichang Humanwell Pharmaceutical")],
        ),
        (  # a park name: pinyin, then a literal rendering
            [
                ("城东U谷是孵化平台。", "Chengdong U Valley is an incubator."),
                ("城东U谷副总经理吴鹏介绍。", "Wu Peng, deputy general manager of East City U Valley, said."),
            ],
            [(1, "城东U谷", "East City U Valley", "Chengdong U Valley")],
        ),
    ],
)
def test_a_name_rendered_two_ways_is_reported(pairs, expected):
    results = ConsistencyCheck().check_article(pairs, CONTEXT)
    assert [
        (index, f.params["name"], f.params["found"], f.params["rendering"]) for index, f in results
    ] == expected
    assert all(f.severity == "warning" for _, f in results)


@pytest.mark.parametrize(
    "pairs",
    [
        [  # the same rendering throughout
            ("城东U谷是孵化平台。", "Chengdong U Valley is an incubator."),
            ("城东U谷副总经理介绍。", "The deputy general manager of Chengdong U Valley said."),
        ],
        [  # a short form after the full name
            ("宜昌人福医药是龙头企业。", "Yichang Humanwell Pharmaceutical is a leader."),
            ("人福医药招聘人才。", "Humanwell Pharmaceutical hired staff."),
        ],
        [  # two different zones: the differing words render the differing Chinese before the shared name
            ("湖北自贸试验片区成立。", "The Hubei Pilot Free Trade Area was set up."),
            ("广东自贸试验片区成立。", "The Guangdong Pilot Free Trade Area was set up."),
        ],
        [  # a common word, not a name, in both segments
            ("生物医药产业发展迅速。", "The biomedical industry grew fast."),
            ("生物医药企业达150家。", "There are 150 Biomedical Companies."),
        ],
        [  # the later segment does not name it at all
            ("宜昌人福医药是龙头企业。", "Yichang Humanwell Pharmaceutical is a leader."),
            ("人福医药招聘人才。", "The company hired staff."),
        ],
    ],
)
def test_consistent_or_unrelated_names_stay_quiet(pairs):
    assert ConsistencyCheck().check_article(pairs, CONTEXT) == []


class _OneTermGlossary:
    """A stand-in for the glossary matcher: one term with two accepted renderings."""

    class Term:
        source_term = "一带一路"

    def terms_in(self, text):
        return [(self.Term, None)] if "一带一路" in text else []

    def target_occurrences(self, term, target):
        for rendering in ("Belt and Road Initiative", "BRI"):
            if rendering in target:
                start = target.index(rendering)
                return [(start, start + len(rendering))]
        return []


def test_glossary_variants_across_segments_are_advice():
    pairs = [
        ("一带一路倡议", "the Belt and Road Initiative"),
        ("一带一路沿线", "countries along the BRI"),
    ]
    context = CheckContext(glossary=_OneTermGlossary())
    ((index, finding),) = ConsistencyCheck().check_article(pairs, context)
    assert (index, finding.severity, finding.suggestions) == (1, "info", ("Belt and Road Initiative",))
