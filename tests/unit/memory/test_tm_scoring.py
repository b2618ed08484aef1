"""Match percentages, diff highlighting and number differences for translation-memory matches."""

import pytest

from workflow.memory.diffing import diff_spans
from workflow.memory.scoring import (
    context_hash,
    is_character_scored,
    match_score,
    number_differences,
    numbers_in,
)


@pytest.mark.parametrize(
    ("query", "stored", "language", "low", "high"),
    [
        # identical → 100; typography-only differences → 99
        ("今年出口增长了5%。", "今年出口增长了5%。", "zh-CN", 100, 100),
        ("今年出口增长了5%。", "今年出口增长了5%", "zh-CN", 99, 99),
        ("今年出口增长了５％。", "今年出口增长了5%。", "zh-CN", 99, 99),
        ("今年 出口 增长了 5%。", "今年出口增长了5%。", "zh-CN", 99, 99),
        ("“创新+”让生物医药迸发活力", '"创新+"让生物医药迸发活力', "zh", 99, 99),
        # one character of eight changed (the % is punctuation and not counted) → 87.5
        ("今年出口增长了5%", "今年进口增长了5%", "zh", 87, 88),
        # a third of the characters changed → below the default threshold of 70
        ("宜昌片区生物医药产业", "宜昌高新区医疗器械业", "zh", 0, 69),
        ("完全不同的句子", "海关总署发布数据", "zh", 0, 20),
        # English is scored per word: one changed word of six costs one sixth, whatever its length
        ("The cat sat on the mat.", "The cat sat on the mat!", "en", 99, 99),
        ("the cat sat on the mat", "The cat sat on the mat", "en-US", 99, 99),
        ("The cat sat on the mat", "The dog sat on the mat", "en", 83, 84),
        ("Exports rose 5% in May", "Exports rose 5% in June", "en", 80, 80),
        ("Exports rose sharply in May", "Imports fell slightly in June", "en", 20, 20),
    ],
)
def test_match_score_ranges(query, stored, language, low, high):
    assert low <= match_score(query, stored, language) <= high


@pytest.mark.parametrize(
    ("language", "by_characters"),
    [("zh", True), ("zh-CN", True), ("ZH_tw", True), ("ja-JP", True), ("en", False), ("de-DE", False)],
)
def test_cjk_scored_per_character_others_per_word(language, by_characters):
    assert is_character_scored(language) is by_characters


def test_context_hash_ignores_typography_but_not_content():
    assert context_hash("今年出口增长了5%。", "zh") == context_hash("今年出口增长了5%", "zh")
    assert context_hash("今年出口增长了5%。", "zh") != context_hash("今年进口增长了5%。", "zh")
    assert context_hash(None, "zh") is None


@pytest.mark.parametrize(
    ("query", "match_source", "only_in_query", "only_in_match"),
    [
        ("进出口总值达到917亿元", "进出口总值达到971亿元", ("917",), ("971",)),
        ("同比增长3.5%", "同比增长3.5%", (), ()),
        ("新设企业三十家", "新设企业二十家", ("三十",), ("二十",)),
        ("签约项目5个，总投资20亿元", "签约项目5个，总投资2,000亿元", ("20",), ("2,000",)),
        ("增长５％", "增长5%", (), ()),  # full-width digits are the same number
        ("统一大市场", "全国大市场", (), ()),  # 一 inside a word is not a number
        ("5年内", "五年内", ("5",), ("五",)),
    ],
)
def test_number_differences(query, match_source, only_in_query, only_in_match):
    difference = number_differences(query, match_source)
    assert difference.only_in_query == only_in_query
    assert difference.only_in_match == only_in_match
    assert bool(difference) is bool(only_in_query or only_in_match)


def test_numbers_in_keeps_order_and_grouping():
    assert numbers_in("1至8月，进出口1,234.5亿元，增长十二个百分点") == ["1", "8", "1,234.5", "十二"]


@pytest.mark.parametrize(
    ("query", "match_source", "language", "expected"),
    [
        (
            "今年出口增长了5%",
            "今年进口增长了5%",
            "zh",
            [("equal", "今年"), ("delete", "进"), ("insert", "出"), ("equal", "口增长了5%")],
        ),
        (
            "The dog sat on the mat",
            "The cat sat on the mat",
            "en",
            [("equal", "The "), ("delete", "cat"), ("insert", "dog"), ("equal", " sat on the mat")],
        ),
        ("Exports rose", "Exports rose", "en", [("equal", "Exports rose")]),
        ("Exports rose sharply", "Exports rose", "en", [("equal", "Exports rose"), ("insert", " sharply")]),
    ],
)
def test_diff_spans(query, match_source, language, expected):
    assert diff_spans(query, match_source, language) == expected


@pytest.mark.parametrize("language", ["zh", "en"])
def test_diff_spans_rebuild_both_texts(language):
    query, match_source = "宜昌片区：创新让生物医药迸发活力", "宜昌高新区：创新让医疗器械迸发新活力"
    spans = diff_spans(query, match_source, language)
    assert "".join(text for op, text in spans if op != "delete") == query
    assert "".join(text for op, text in spans if op != "insert") == match_source
