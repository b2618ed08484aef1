"""Fuzzy lookup in the in-process translation-memory index: ranking, threshold, context, add/remove."""

import random

import pytest

from workflow.memory.index import TranslationMemoryIndex
from workflow.memory.scoring import match_score

TRADE_NEWS = [
    (
        "今年前三季度，宜昌片区实现进出口总值917亿元。",
        "In the first three quarters, the Yichang Area's trade reached 91.7 billion yuan.",
    ),
    (
        "今年前三季度，宜昌片区实现进出口总值971亿元。",
        "In the first three quarters, the Yichang Area's trade reached 97.1 billion yuan.",
    ),
    (
        "1至8月，苏州工业园区新设外商投资企业86家。",
        "From January to August, 86 foreign-invested firms were set up in Suzhou Industrial Park.",
    ),
    (
        "海南自由贸易港发布《关于支持生物医药产业发展的若干措施》。",
        "The Hainan Free Trade Port issued measures to support biomedicine.",
    ),
    (
        "近日，厦门市举办跨境电商产业投资推介会。",
        "Xiamen recently held a cross-border e-commerce investment fair.",
    ),
]


def make_index(entries=TRADE_NEWS, language="zh-CN"):
    index = TranslationMemoryIndex(language)
    for entry_id, (source, target) in enumerate(entries, start=1):
        index.add(entry_id, source, target, meta={"article": entry_id})
    return index


def test_exact_match_scores_100_and_ranks_first():
    matches = make_index().lookup("今年前三季度，宜昌片区实现进出口总值917亿元。")
    assert [(m.entry_id, m.score) for m in matches[:2]] == [(1, 100), (2, 90.9)]
    assert matches[0].target.startswith("In the first three quarters")
    assert matches[0].meta == {"article": 1}


def test_punctuation_only_difference_scores_99():
    matches = make_index().lookup("今年前三季度 宜昌片区实现进出口总值917亿元")
    assert matches[0].entry_id == 1
    assert matches[0].score == 99


def test_fuzzy_match_found_with_score_of_the_scorer():
    query = "1至9月，苏州工业园区新设外资企业86家。"
    matches = make_index().lookup(query)
    assert matches[0].entry_id == 3
    assert matches[0].score == match_score(query, TRADE_NEWS[2][0], "zh")
    assert 70 <= matches[0].score < 100


@pytest.mark.parametrize(("threshold", "expected_ids"), [(70, [3]), (95, []), (0.0, [3])])
def test_threshold_filters_matches(threshold, expected_ids):
    matches = make_index().lookup("1至9月，苏州工业园区新设外资企业86家。", threshold=threshold)
    assert [m.entry_id for m in matches][:1] == expected_ids[:1]
    assert all(m.score >= threshold for m in matches)


def test_nothing_below_default_threshold():
    assert make_index().lookup("国家统计局今天公布了最新的居民消费价格指数。") == []


def test_limit_caps_the_number_of_matches():
    assert len(make_index().lookup("今年前三季度，宜昌片区实现进出口总值917亿元。", limit=1)) == 1


def test_context_match_ranks_first_at_101():
    index = TranslationMemoryIndex("zh")
    sentence = "宜昌片区实现进出口总值917亿元。"
    index.add(10, sentence, "Trade reached 91.7 billion yuan.", context_prev="今年前三季度数据公布。")
    index.add(11, sentence, "Foreign trade hit 91.7 billion yuan.", context_prev="另一篇文章的开头。")
    matches = index.lookup(sentence, context_prev="今年前三季度数据公布")
    assert [(m.entry_id, m.score, m.is_context_match) for m in matches] == [(10, 101, True), (11, 100, False)]


def test_context_does_not_lift_a_fuzzy_match():
    index = TranslationMemoryIndex("zh")
    index.add(1, "宜昌片区实现进出口总值917亿元。", "x", context_next="下一句。")
    (match,) = index.lookup("宜昌片区实现进出口总值971亿元。", context_next="下一句。")
    assert match.score < 100


def test_incremental_add_and_remove():
    index = make_index()
    assert len(index) == 5
    query = "国家统计局公布了最新的居民消费价格指数。"
    assert index.lookup(query) == []
    index.add(42, "国家统计局今天公布了最新的居民消费价格指数。", "The statistics bureau published the CPI.")
    assert [m.entry_id for m in index.lookup(query)] == [42]
    assert index.remove(42) is True
    assert index.remove(42) is False
    assert index.lookup(query) == []
    assert len(index) == 5 and 42 not in index


def test_adding_an_existing_id_replaces_the_entry():
    index = make_index()
    index.add(1, "全新的句子完全不同。", "A new sentence.")
    assert [m.entry_id for m in index.lookup("今年前三季度，宜昌片区实现进出口总值917亿元。")] == [2]
    assert index.lookup("全新的句子完全不同。")[0].target == "A new sentence."
    assert len(index) == 5


def test_many_removals_compact_and_keep_results_right():
    rng = random.Random(3)
    words = ["宜昌", "片区", "出口", "增长", "企业", "海关", "数据", "发布", "投资", "项目", "园区", "物流"]
    sentences = ["".join(rng.choice(words) for _ in range(8)) + f"{n}家。" for n in range(3000)]
    index = TranslationMemoryIndex("zh")
    for entry_id, sentence in enumerate(sentences):
        index.add(entry_id, sentence, f"target {entry_id}")
    for entry_id in range(0, 3000, 2):
        index.remove(entry_id)
    assert len(index) == 1500
    assert sorted(index.entry_ids()) == list(range(1, 3000, 2))
    for entry_id in (1, 777, 2999):
        assert index.lookup(sentences[entry_id])[0].entry_id == entry_id
    removed = index.lookup(sentences[10], threshold=100)
    assert all(m.entry_id % 2 == 1 for m in removed)


def test_english_index_scores_words():
    index = make_index(
        [("Exports rose 5% in May.", "Die Exporte stiegen im Mai um 5 %."), ("Imports fell in June.", "…")],
        language="en-US",
    )
    (match,) = index.lookup("Exports rose 5% in June.")
    assert (match.entry_id, match.score) == (1, 80)


def test_empty_query_and_empty_index_give_nothing():
    assert make_index().lookup("。，") == []
    assert TranslationMemoryIndex("zh").lookup("宜昌片区") == []


def test_recall_matches_an_exhaustive_scan_on_mutated_queries():
    rng = random.Random(11)
    phrases = [
        "今年前三季度",
        "宜昌片区",
        "苏州工业园区",
        "实现进出口总值",
        "新设外商投资企业",
        "同比增长",
        "生物医药",
        "跨境电商",
        "发布",
        "若干措施",
        "推动",
        "高质量发展",
        "营商环境",
        "进一步优化",
    ]
    sources = ["，".join(rng.sample(phrases, 4)) + f"{rng.randint(1, 999)}亿元。" for _ in range(2500)]
    index = TranslationMemoryIndex("zh-CN")
    for entry_id, source in enumerate(sources):
        index.add(entry_id, source, "")
    alphabet = "".join(sorted(set("".join(phrases))))
    scanned = agreed = 0
    for _ in range(60):
        origin = rng.randrange(len(sources))
        chars = list(sources[origin])
        for _edit in range(max(1, len(chars) * rng.randint(5, 30) // 100)):
            chars[rng.randrange(len(chars))] = rng.choice(alphabet)
        query = "".join(chars)
        exhaustive = sorted(
            ((match_score(query, source, "zh"), entry_id) for entry_id, source in enumerate(sources)),
            key=lambda pair: (-pair[0], -pair[1]),
        )
        top3 = [sources[entry_id] for score, entry_id in exhaustive[:3] if score >= 70]
        if sources[origin] in top3:
            scanned += 1
            agreed += sources[origin] in [m.source for m in index.lookup(query, limit=3)]
    assert scanned >= 30
    assert agreed / scanned >= 0.98
