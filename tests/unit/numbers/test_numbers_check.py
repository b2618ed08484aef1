"""The ``numbers`` check on source/target pairs: clean tricky pairs stay quiet, defects are named."""


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflow.checks.base import CheckContext, Severity
from workflow.checks.numbers import (
    BASIS_DROPPED,
    BASIS_SWAPPED,
    DIFFERS,
    EXTRA,
    HEDGE_CHANGED,
    HEDGE_DROPPED,
    MISSING,
    ROUNDED,
    NumbersCheck,
)

CHECK = NumbersCheck()
ZH_EN = CheckContext(source_lang="zh", target_lang="en")

CLEAN_PAIRS = [
    ("园区产值达13.56亿元", "The park's output value reached 1.356 billion yuan"),
    ("1.4万人", "14,000 people"),
    ("1400万元", "14 million yuan"),
    ("3.3万", "33,000"),
    ("近三成", "nearly 30 percent"),
    ("近三成", "almost 30%"),
    ("150余家企业", "more than 150 companies"),
    ("150余家企业", "over 150 companies"),
    ("提高2.3个百分点", "up 2.3 percentage points"),
    ("同比增长15%", "up 15 percent year on year"),
    ("同比增长15%", "a year-on-year increase of 15 per cent"),
    ("产值翻一番", "output doubled"),
    ("产值翻番", "output grew 100%"),
    ("引进人才3082名", "introduced 3,082 talents"),
    ("3家企业", "three companies"),
    ("1家企业", "one enterprise"),
    ("2022年8月30日", "August 30, 2022"),
    ("2022年8月30日", "30 August 2022"),
    ("1—5月，出口增长", "In the first five months, exports grew"),
    ("1—5月，出口增长", "From January to May, exports grew"),
    ("“十四五”规划", "the 14th Five-Year Plan"),
    ("增长2倍", "tripled"),
    ("增长2倍", "grew two times"),
    ("增长2倍", "rose 200%"),
    ("三分之一", "a third"),
    ("3至5年", "3 to 5 years"),
    ("3至5年", "three to five years"),
    ("约5亿元", "about 500 million yuan"),
    ("5亿元左右", "around 500 million yuan"),
    ("逾万人", "more than 10,000 people"),
    ("超过3000人", "over 3,000 people"),
    ("近5年来", "in the past five years"),
    ("统一大市场进一步建设一站式服务", "a unified market, a one-stop service"),
    ("2021年产值增长，2021年利润增长", "In 2021, output and profit rose"),
    ("去年产值增长", "Output rose in 2021"),
    ("三大细分领域", "the three sub-sectors"),
    ("上半年", "in the first half"),
    ("5G网络", "5G networks"),
]


@pytest.mark.parametrize(("source", "target"), CLEAN_PAIRS)
def test_clean_pairs_have_no_findings(source: str, target: str) -> None:
    assert CHECK.check_pair(source, target, ZH_EN) == []


DEFECTIVE_PAIRS = [
    ("13.56亿元", "13.56 billion yuan", DIFFERS, Severity.ERROR, "1.356 billion yuan"),
    ("1400万", "1.4 billion", DIFFERS, Severity.ERROR, "14 million"),
    ("近三成", "more than 30 percent", HEDGE_CHANGED, Severity.WARNING, "nearly 30 percent"),
    ("150余家", "150 companies", HEDGE_DROPPED, Severity.WARNING, "more than 150"),
    ("提高2.3个百分点", "up 2.3 percent", DIFFERS, Severity.ERROR, "2.3 percentage points"),
    ("增长15%", "up 15 percentage points", DIFFERS, Severity.ERROR, "15 percent"),
    ("共有23家企业", "there are many companies", MISSING, Severity.ERROR, "23"),
    ("三成", "three percent", DIFFERS, Severity.ERROR, "30 percent"),
    ("2021年", "in 2020", DIFFERS, Severity.ERROR, "2021"),
    ("8月", "in July", DIFFERS, Severity.ERROR, "August"),
    ("13.56亿元", "1.36 billion yuan", ROUNDED, Severity.WARNING, "1.356 billion yuan"),
    ("1—5月", "in the first four months", DIFFERS, Severity.ERROR, "the first five months"),
    ("约5亿元", "more than 500 million yuan", HEDGE_CHANGED, Severity.WARNING, "about 500 million yuan"),
]


@pytest.mark.parametrize(("source", "target", "message", "severity", "suggestion"), DEFECTIVE_PAIRS)
def test_defects_are_reported_with_the_correct_english(
    source: str, target: str, message: str, severity: Severity, suggestion: str
) -> None:
    (finding,) = CHECK.check_pair(source, target, ZH_EN)
    assert (finding.check, finding.message, finding.severity) == ("numbers", message, severity)
    assert finding.suggestions == (suggestion,)


def test_extra_target_number_is_a_warning() -> None:
    (finding,) = CHECK.check_pair("共有企业", "there are 23 companies", ZH_EN)
    assert (finding.message, finding.severity) == (EXTRA, Severity.WARNING)
    assert finding.text == "Target number 23 has no counterpart in the source"


def test_findings_point_at_both_numbers() -> None:
    source, target = "2021年，园区产值达13.56亿元。", "In 2021, output reached 13.56 billion yuan."
    (finding,) = CHECK.check_pair(source, target, ZH_EN)
    assert source[finding.source_start : finding.source_end] == "13.56亿元"
    assert target[finding.start : finding.end] == "13.56 billion"
    assert finding.text == "13.56亿元 means 1.356 billion yuan, but the target says 13.56 billion"


def test_hedge_message_names_the_chinese_word() -> None:
    (finding,) = CHECK.check_pair("近三成", "more than 30 percent", ZH_EN)
    assert finding.text == "近 means 'nearly', but the target says 'more than'"


def test_missing_message_gives_source_and_english_value() -> None:
    (finding,) = CHECK.check_pair("投资60亿元", "a large investment", ZH_EN)
    assert finding.text == "Source number 60亿元 (6 billion yuan) is missing from the target"
    assert finding.as_dict()["source_start"] == 2


@pytest.mark.parametrize(
    ("source", "target", "expected_count"),
    [
        ("Sales rose 1.5% to 3,082 units", "Les ventes ont augmenté de 1,5 % à 3 082 unités", 0),
        ("Sales rose 15% to 3,082 units", "Les ventes ont augmenté de 15 % à 3 028 unités", 1),
    ],
)
def test_other_language_pairs_compare_digits(source: str, target: str, expected_count: int) -> None:
    context = CheckContext(source_lang="en", target_lang="fr")
    assert CHECK.applies_to("en", "fr")
    assert len(CHECK.check_pair(source, target, context)) == expected_count


def test_english_to_chinese_direction() -> None:
    context = CheckContext(source_lang="en", target_lang="zh-Hans")
    assert CHECK.check_pair("output of 1.356 billion yuan", "产值13.56亿元", context) == []
    (finding,) = CHECK.check_pair("nearly 30 percent", "超过30%", context)
    assert finding.message == HEDGE_CHANGED


def test_a_typical_clean_segment_gives_no_finding() -> None:
    source = "2021年，园区产值达13.56亿元，同比增长15%，引进企业150余家，其中近三成为高新技术企业。"
    target = (
        "In 2021, the park's output value reached 1.356 billion yuan, up 15 percent year on year, and it "
        "brought in more than 150 companies, nearly 30 percent of them high-tech enterprises."
    )
    assert CHECK.check_pair(source, target, ZH_EN) == []


_ZH_ALPHABET = (
    "〇零一二两三四五六七八九十百千万亿点分之成倍番翻年月日%％.,，-—至近约超逾余多左右以上个第元0123456789 G"
)
_EN_WORDS = ["1", "3,082", "1.4", " million", " percent", " more than ", " nearly ", " one", " third", " to "]


@given(
    source=st.text(alphabet=_ZH_ALPHABET, max_size=20),
    target=st.lists(st.sampled_from(_EN_WORDS), max_size=8).map("".join),
)
@settings(max_examples=300, deadline=None)
def test_any_text_gives_well_formed_findings(source: str, target: str) -> None:
    for finding in CHECK.check_pair(source, target, ZH_EN):
        assert finding.check == "numbers" and finding.text
        if finding.start is not None:
            assert 0 <= finding.start < finding.end <= len(target)
        if finding.source_start is not None:
            assert 0 <= finding.source_start < finding.source_end <= len(source)


NEWS_CLEAN_PAIRS = [
    ("前5个月，出口增长4.7%。", "In the first five months, exports grew 4.7 percent."),
    ("前两个月，进口8.6万吨。", "In the first two months, imports reached 86,000 tonnes."),
    ("前10个月，出口增长。", "Exports rose from January to October."),
    ("十余个国家", "more than 10 countries"),
    ("十余个国家", "more than ten countries"),
    ("十多年来", "for more than a decade"),
    ("年营收超百亿元", "annual revenue of more than 10 billion yuan"),
    ("新增3个万吨级泊位", "add three 10,000-tonne berths"),
    ("带动投资20多亿元", "more than 2 billion yuan of investment"),
    ("总投资1亿2000万元", "a total investment of 120 million yuan"),
    ("出台了十条措施", "introduced 10 measures"),
    ("两家企业签署协议", "Both companies signed an agreement"),
    ("两家企业签署协议", "The two companies signed an agreement"),
    ("签约5个项目", "signed agreements on five projects"),
    ("签约5个项目", "signed agreements on 5 projects"),
    ("同比增长9.2%", "up 9.2 percent from a year earlier"),
    ("环比增长0.1%", "up 0.1 percent month on month"),
    ("比上月上升0.4个百分点", "up 0.4 percentage points from the previous month"),
]


@pytest.mark.parametrize(("source", "target"), NEWS_CLEAN_PAIRS)
def test_news_idioms_are_matched(source: str, target: str) -> None:
    assert [f for f in CHECK.check_pair(source, target, ZH_EN) if f.severity != Severity.INFO] == []


NEWS_DEFECTS = [
    ("两家企业签署协议", "The three companies signed an agreement", DIFFERS, "2"),
    ("三个项目", "five projects", DIFFERS, "3"),
    ("近五年来", "over the past three years", DIFFERS, "5"),
    ("十余个国家", "more than 20 countries", MISSING, "more than 10"),
    ("20多亿元", "more than 20 million yuan", DIFFERS, "more than 2 billion yuan"),
    ("1亿2000万元", "102 million yuan", MISSING, "120 million yuan"),
    ("前5个月", "in the first four months", DIFFERS, "the first five months"),
    ("约占全省的55%", "accounted for 55 percent", HEDGE_DROPPED, "about 55 percent"),
    ("同比增长9.2%", "rose 9.2 percent month on month", BASIS_SWAPPED, "year on year"),
    ("环比增长0.1%", "rose 0.1 percent year on year", BASIS_SWAPPED, "on the previous period"),
]


@pytest.mark.parametrize(("source", "target", "message", "suggestion"), NEWS_DEFECTS)
def test_news_number_defects(source: str, target: str, message: str, suggestion: str) -> None:
    findings = [f for f in CHECK.check_pair(source, target, ZH_EN) if f.severity != Severity.INFO]
    assert (findings[0].message, findings[0].suggestions) == (message, (suggestion,))
    assert all(f.message in (message, EXTRA) for f in findings)


def test_a_dropped_basis_is_only_advice() -> None:
    (finding,) = CHECK.check_pair("出口同比增长5%", "Exports rose 5 percent", ZH_EN)
    assert (finding.message, finding.severity) == (BASIS_DROPPED, Severity.INFO)
