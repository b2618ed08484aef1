"""Data-table tests for the punctuation check on Latin-script targets."""

import pytest

from workflow.checks.base import CheckContext
from workflow.checks.punctuation import PunctuationCheck

ZH_EN = CheckContext(source_lang="zh", target_lang="en")
SOURCE = "园区产值达13.56亿元。"


def flagged(target, source=SOURCE, context=ZH_EN):
    """(flagged text, first suggestion) for every finding."""
    return [
        (target[f.start : f.end], f.suggestions[0] if f.suggestions else None)
        for f in PunctuationCheck().check_pair(source, target, context)
    ]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("Output rose，exports fell.", [("，", ",")]),
        ("Output rose。", [("。", ".")]),
        ("Note：exports（mainly drugs）rose.", [("：", ":"), ("（", "("), ("）", ")")]),
        ("Drugs、devices and tools.", [("、", ",")]),
        ("Really！Really？", [("！", "!"), ("？", "?")]),
        ("The 《People's Daily》 said so.", [("《", '"'), ("》", '"')]),
        (
            "The 【Notice】 and 「this」 and 『that』.",
            [("【", "["), ("】", "]"), ("「", '"'), ("」", '"'), ("『", '"'), ("』", '"')],
        ),
        ("Output\u3000rose.", [("\u3000", " ")]),
        ("Up 5％.", [("％", "%")]),
        ("Innovation——the key.", [("——", "—")]),
        ("And so on…….", [("……", "...")]),
    ],
)
def test_chinese_and_full_width_marks_are_flagged_with_a_replacement(target, expected):
    assert flagged(target) == expected


@pytest.mark.parametrize(
    "target",
    [
        "He said, “The park’s output rose.”",
        "It’s ‘good’ — or not – and the 2021–2022 figures rose.",
        "Output rose... and rose.",
        "Prices rose (mainly drugs) and [sic] fell.",
        "Items: a) drugs, b) devices.",
        "Did it rise?! Yes.",
        "The U.S., Japan, etc., rose.",
        "At 10:30, output rose 1,356.5 tons.",
        'He said "yes" and left.',
    ],
)
def test_normal_english_typography_is_never_flagged(target):
    assert flagged(target) == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("Output rose,, then fell.", [(",,", ",")]),
        ("Output rose.. then fell.", [("..", ".")]),
        ("Output rose,. Then fell.", [(",.", ",")]),
        ("Output  rose.", [("  ", " ")]),
        ("felt the high temperature here , and also", [(" ", ""), ("", ".")]),
        ("Output rose . Then fell ; and ?", [(" ", ""), (" ", ""), (" ", "")]),
    ],
)
def test_doubled_marks_spaces_and_space_before_a_mark(target, expected):
    assert flagged(target) == expected


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("他说：“好。”", "He said, “Good.", [("“", None)]),
        ("他说：“好。”", "He said, Good.”", [("”", None)]),
        ("他说：“好。”", 'He said, "Good.', [('"', None)]),
        (
            "他说：“好。",
            'He said, "Good.',
            [],
        ),  # the source leaves its quote open too: a multi-paragraph quote
        ("产值（亿元）。", "Output (100 million yuan.", [("(", None)]),
        ("产值。", "Output ] rose.", [("]", None)]),
    ],
)
def test_unbalanced_quotes_and_brackets(source, target, expected):
    assert flagged(target, source) == expected


@pytest.mark.parametrize(
    ("source", "target", "fires"),
    [
        ("园区产值达13.56亿元。", "Output reached 1.356 billion yuan", True),
        ("产值增长了吗？", "Did output grow", True),
        ("他说：“好。”", "He said: “Good”", True),
        (
            "宜昌片区：创新让生物医药发展迸发活力",
            "Yichang: innovation energizes biomedicine",
            False,
        ),  # heading
        ("园区产值达13.56亿元。", "Output reached 1.356 billion yuan.", False),
        ("园区产值达13.56亿元。", "Output reached 1.356 billion yuan:", False),
    ],
)
def test_missing_final_stop_only_when_the_source_has_one(source, target, fires):
    findings = [f for f in PunctuationCheck().check_pair(source, target, ZH_EN) if "full stop" in f.text]
    assert bool(findings) is fires
    if fires:
        assert findings[0].start == findings[0].end  # an insertion point
        assert target[findings[0].start - 1].isalnum()


def test_cjk_targets_are_left_alone():
    context = CheckContext(source_lang="en", target_lang="zh-Hans")
    assert PunctuationCheck().check_pair("Output rose.", "产值增长，出口下降。", context) == []


def test_space_before_a_mark_is_english_only():
    french = CheckContext(source_lang="zh", target_lang="fr")
    assert flagged("Vraiment ? Oui.", context=french) == []
    assert flagged("Really ? Yes.") == [(" ", "")]
