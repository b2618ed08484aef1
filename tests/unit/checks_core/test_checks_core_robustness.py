"""Every check in this family survives hostile input and stays fast on a realistic article."""

import datetime as dt
import time

import pytest

from workflow.checks.base import ArticleCheck, CheckContext
from workflow.checks.basic import EmptyCheck, LengthCheck, RepeatedWordCheck, UntranslatedCheck
from workflow.checks.consistency import ConsistencyCheck
from workflow.checks.punctuation import PunctuationCheck
from workflow.checks.tense import TenseDateCheck

CHECKS = [
    EmptyCheck(),
    UntranslatedCheck(),
    RepeatedWordCheck(),
    LengthCheck(),
    PunctuationCheck(),
    TenseDateCheck(),
]
CONTEXT = CheckContext(source_lang="zh", target_lang="en", article_date=dt.date(2022, 8, 30))
SOURCE = "2021年，园区产值达13.56亿元，公司已经建成3条生产线，将于2025年全面建成投产。"
TARGET = (
    "In 2021, the output value of the park will reach 1.356 billion yuan , the the company "
    "has built 3 lines，and it will be completed in 2025"
)

HOSTILE = [
    ("long", SOURCE * 2000, TARGET * 800),  # about 100k characters
    ("no spaces", "产" * 50_000, "a" * 100_000),
    ("punctuation run", "。" * 1000, ".," * 50_000),
    ("dots and spaces", "。", ". " * 50_000 + "   " * 10_000),
    ("control characters", "产值\x00\x01\x1b[31m\u200b\ufeff", "out\x00put\x07 will\x0b reach in 2021\x1f"),
    ("mixed scripts", "产值 ٢٠٢١ Ελλάδα 🚀 𠀀", "Output ٢٠٢١ Ελλάδα 🚀 𠀀 in 2021 will be 2021年 ニュース"),
    ("lone surrogates", "产值\ud800", "output\udfff will reach in 2021"),
    ("years everywhere", "2021年" * 5000, "In 2021 will " * 8000),
    ("quotes and brackets", "“" * 1000, "“([" * 30_000),
]


@pytest.mark.parametrize(("label", "source", "target"), HOSTILE, ids=[case[0] for case in HOSTILE])
@pytest.mark.parametrize("check", CHECKS, ids=[check.id for check in CHECKS])
def test_hostile_input_neither_crashes_nor_stalls(check, label, source, target):
    started = time.perf_counter()
    findings = check.check_pair(source, target, CONTEXT)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{check.id} took {elapsed:.2f}s on {label}"
    for finding in findings:
        assert finding.check == check.id
        if finding.start is not None:
            assert 0 <= finding.start <= finding.end <= len(target)
        assert finding.text  # placeholders all filled


def test_consistency_survives_a_huge_article():
    pairs = [(SOURCE[: i % 40] or "x", TARGET[: i % 70]) for i in range(20_000)]
    started = time.perf_counter()
    results = ConsistencyCheck().check_article(pairs, CONTEXT)
    assert time.perf_counter() - started < 1.0
    assert all(0 <= index < len(pairs) for index, _ in results)


def test_a_500_segment_article_runs_through_all_checks_quickly():
    sentences = [
        (
            "2021年，园区产值达13.56亿元。",
            "In 2021, the output value of the park will reach 1.356 billion yuan.",
        ),
        (
            "城东U谷是集创业孵化、企业加速、总部经济、服务配套于一体的生物医药专业孵化平台。",
            "Chengdong U Valley is a biomedical professional incubation platform integrating entrepreneurial "
            "incubation, enterprise acceleration, headquarters economy and service support.",
        ),
        ("该基地将于2025年全面建成投产。", "It will be fully completed and put into production in 2025."),
        (
            "他说：“我们将打造一站式全链条生物医药孵化体系。”",
            "He said: “We will build a one-stop full-chain biomedical incubation system.”",
        ),
        ("去年，出口增长10%。", "Last year, exports rose 10% , the the highest in years"),
    ]
    pairs = [sentences[i % len(sentences)] for i in range(500)]
    article_checks = [ConsistencyCheck()]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = sum(len(check.check_pair(s, t, CONTEXT)) for s, t in pairs for check in CHECKS)
        total += sum(len(check.check_article(pairs, CONTEXT)) for check in article_checks)
        best = min(best, time.perf_counter() - started)
    assert total > 0
    assert best < 0.1, f"500 segments took {best * 1000:.0f} ms"


def test_the_consistency_check_is_an_article_check():
    assert isinstance(ConsistencyCheck(), ArticleCheck)
