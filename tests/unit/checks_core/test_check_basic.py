"""Data-table tests for the basic checks: empty, untranslated, repeated-word and length."""

import pytest

from workflow.checks.base import CheckContext, Severity
from workflow.checks.basic import (
    EmptyCheck,
    LengthCheck,
    RepeatedWordCheck,
    UntranslatedCheck,
    expected_length,
)

ZH_EN = CheckContext(source_lang="zh", target_lang="en")
ZH_JA = CheckContext(source_lang="zh", target_lang="ja")


@pytest.mark.parametrize(
    ("source", "target", "fires"),
    [
        ("园区产值达13.56亿元。", "", True),
        ("园区产值达13.56亿元。", "   \n\t", True),
        ("", "", False),
        ("  ", "", False),
        ("园区产值达13.56亿元。", "The park's output reached 1.356 billion yuan.", False),
    ],
)
def test_empty_fires_only_for_a_blank_target_of_a_real_source(source, target, fires):
    findings = EmptyCheck().check_pair(source, target, ZH_EN)
    assert bool(findings) is fires
    assert all(f.severity is Severity.ERROR for f in findings)


@pytest.mark.parametrize(
    ("source", "target", "context", "expected_runs"),
    [
        ("宜昌片区的产值", "The output of the 宜昌片区 area", ZH_EN, ["宜昌片区"]),
        ("城东U谷和人福医药", "城东 U Valley and 人福医药", ZH_EN, ["城东", "人福医药"]),
        ("日本のニュース", "News from ニュース", ZH_EN, ["ニュース"]),
        ("한국 뉴스", "Korean 뉴스", ZH_EN, ["뉴스"]),
        ("宜昌片区的产值", "宜昌片区的产值很高", ZH_JA, []),  # Han is normal in a Japanese target
        ("宜昌片区的产值", "The output of the Yichang area", ZH_EN, []),
        ("2022", "2022", ZH_EN, []),  # numbers only
        ("ABC", "ABC", ZH_EN, []),  # a code or proper name
        ("Hubei Jingrui Tianheng Biotechnology", "Hubei Jingrui Tianheng Biotechnology", ZH_EN, []),
        ("Bank of China", "bank of china", ZH_EN, []),
        ("www.example.com", "www.example.com", ZH_EN, []),
    ],
)
def test_untranslated_reports_each_run_of_source_script(source, target, context, expected_runs):
    findings = UntranslatedCheck().check_pair(source, target, context)
    assert [target[f.start : f.end] for f in findings] == expected_runs
    assert all(f.params["text"] == target[f.start : f.end] for f in findings)


@pytest.mark.parametrize(
    ("source", "target", "fires"),
    [
        ("宜昌片区的产值很高。", "宜昌片区的产值很高。", True),
        ("宜昌片区的产值很高。", "宜昌片区的 产值很高。", True),  # whitespace ignored
        ("the output value rose sharply", "The Output Value rose sharply", True),  # case ignored
        ("2022年8月30日", "2022年8月30日", True),
        ("8.30", "8.30", False),
    ],
)
def test_untranslated_reports_a_copy_of_the_source_once(source, target, fires):
    findings = UntranslatedCheck().check_pair(source, target, ZH_EN)
    assert len(findings) == (1 if fires else 0)
    if fires:
        assert (findings[0].start, findings[0].end) == (0, len(target))
        assert "identical" in findings[0].text


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("The the park is big.", ["The the"]),
        ("the value of of the park", ["of of"]),
        ("output reached the\nthe record", ["the\nthe"]),
        ("He had had enough.", []),
        ("He said that that plan works.", []),
        ("In 20 20 days", []),  # numbers are not words
        ("They visited Bora Bora and Walla Walla.", []),
        ("the theme of the them", []),
        ("It is is wrong.", ["is is"]),
    ],
)
def test_repeated_word_spans_both_words_and_suggests_one(target, expected):
    findings = RepeatedWordCheck().check_pair("源文", target, ZH_EN)
    assert [target[f.start : f.end] for f in findings] == expected
    for finding in findings:
        assert finding.suggestions == (target[finding.start : finding.end].split()[0],)


NORMAL_PAIRS = [
    ("2021年，园区产值达13.56亿元。", "In 2021, the output value of the park reached 1.356 billion yuan."),
    ("2021年，园区产值达13.56亿元。", "The park's 2021 output: 1.356 billion yuan."),
    (
        "城东U谷是集创业孵化、企业加速、总部经济、服务配套于一体的生物医药专业孵化平台。",
        "Chengdong U Valley is a biomedical incubation platform that combines start-up incubation, "
        "business acceleration, headquarters economy and support services.",
    ),
    (
        "湖北宜昌41度的烈日似火。中央媒体自贸试验区采访团走进位于湖北自贸试验区宜昌片区生物产业园的城东U谷"
        "（宜昌生物医药孵化器），不仅感受到了这里的高温，也从生物制剂、新药研发、医疗器械等方面感受到了这里迸发"
        "的创新活力。",
        "The 41-degree scorching sun in Yichang, Hubei Province was like fire. The Central Media Pilot Free "
        "Trade Zone interview team walked into the Chengdong U Valley (Yichang Biomedical Incubator) located "
        "in the Bio-Industrial Park of the Yichang Area of Hubei Pilot Free Trade Zone, and not only felt "
        "the high temperature here, and also felt the burst of innovative vitality here from biological "
        "preparations, new drug research and development, medical devices and other aspects.",
    ),
    ("宜昌片区：“创新+”让生物医药发展迸发活力", 'Yichang: "Innovation +" energizes biomedicine'),
    ("2022年8月30日", "August 30, 2022"),
    ("分享到：", "Share to:"),
    ("发送询价", "Send Inquiry"),
]


@pytest.mark.parametrize(("source", "target"), NORMAL_PAIRS)
def test_length_is_silent_on_normal_translations(source, target):
    assert LengthCheck().check_pair(source, target, ZH_EN) == []


@pytest.mark.parametrize(
    ("source", "target", "word"),
    [
        (NORMAL_PAIRS[3][0], "The sun in Yichang was like fire.", "shorter"),
        (NORMAL_PAIRS[2][0], "A platform.", "shorter"),
        (NORMAL_PAIRS[0][0], NORMAL_PAIRS[3][1], "longer"),
        (NORMAL_PAIRS[1][0], NORMAL_PAIRS[0][1] * 4, "longer"),
    ],
)
def test_length_flags_omissions_and_additions(source, target, word):
    findings = LengthCheck().check_pair(source, target, ZH_EN)
    assert len(findings) == 1
    assert f"much {word}" in findings[0].text


def test_length_ignores_short_sources_and_empty_targets():
    assert (
        LengthCheck().check_pair("分享", "Share this article with all of your friends and family", ZH_EN)
        == []
    )
    assert LengthCheck().check_pair(NORMAL_PAIRS[3][0], "", ZH_EN) == []


def test_length_uses_the_pair_ratio_table():
    assert expected_length("中国" * 10, "zh", "en") > expected_length("中国" * 10, "zh", "de")
    assert expected_length("a" * 30, "en", "zh") < 30
    assert expected_length("Guten Tag", "de", "en") == len("Guten Tag")
