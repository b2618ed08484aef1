"""Every check in this family survives hostile input without crashing or hanging.

Speed itself is measured in ``bench/qa_speed.py``; the only clock here is a generous hang guard (a check
that takes seconds on one segment would freeze the editor's live checking), not a performance target.
"""

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
HANG_GUARD_SECONDS = 5.0
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
    assert elapsed < HANG_GUARD_SECONDS, f"{check.id} hung for {elapsed:.2f}s on {label}"
    for finding in findings:
        assert finding.check == check.id
        if finding.start is not None:
            assert 0 <= finding.start <= finding.end <= len(target)
        assert finding.text  # placeholders all filled


def test_consistency_survives_a_huge_article():
    pairs = [(SOURCE[: i % 40] or "x", TARGET[: i % 70]) for i in range(20_000)]
    started = time.perf_counter()
    results = ConsistencyCheck().check_article(pairs, CONTEXT)
    assert time.perf_counter() - started < HANG_GUARD_SECONDS
    assert all(0 <= index < len(pairs) for index, _ in results)


def test_a_500_segment_article_gets_the_expected_findings():
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
    found = {f.check for s, t in pairs for check in CHECKS for f in check.check_pair(s, t, CONTEXT)}
    assert {"tense-date", "punctuation", "repeated-word"} <= found
    assert not ConsistencyCheck().check_article(pairs, CONTEXT)  # identical sources, identical targets


def test_the_consistency_check_is_an_article_check():
    assert isinstance(ConsistencyCheck(), ArticleCheck)
