"""Glossary matching: CJK longest-match, English word boundaries and inflections, case flags, targets."""

from __future__ import annotations

import pytest

from workflow.glossary.matcher import GlossaryMatcher, fold_case, inflected_forms
from workflow.glossary.terms import TermData


def _zh_matcher(*terms: TermData) -> GlossaryMatcher:
    return GlossaryMatcher(list(terms), "zh-CN", "en")


def _found(matcher: GlossaryMatcher, text: str) -> list[str]:
    return [text[m.start : m.end] for m in matcher.find(text)]


CJK_TERMS = (
    TermData("自由贸易试验区", "pilot free trade zone"),
    TermData("贸易", "trade"),
    TermData("试验", "test"),
    TermData("片区", "area"),
    TermData("自贸试验区", "pilot free trade zone"),
    TermData("专精特新“小巨人”企业", 'specialized and sophisticated "little giant" enterprise'),
    TermData("小巨人", "little giant"),
    TermData("GDP", "GDP", case_sensitive=True),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "湖北自由贸易试验区宜昌片区",
            ["自由贸易试验区", "片区"],
        ),  # nested 贸易/试验 lose to the longer term
        ("对外贸易和自贸试验区", ["贸易", "自贸试验区"]),
        ("4家省级专精特新“小巨人”企业", ["专精特新“小巨人”企业"]),
        ('专精特新"小巨人"企业', ['专精特新"小巨人"企业']),  # straight quotes find the curly-quoted term
        ("“小巨人”", ["小巨人"]),
        ("GDP增长，GDPR不是", ["GDP"]),  # a Latin term inside a longer Latin word is not a match
        ("gdp增长", []),  # case-sensitive term
        ("没有术语的句子", []),
    ],
)
def test_cjk_matching_is_leftmost_longest(text: str, expected: list[str]) -> None:
    assert _found(_zh_matcher(*CJK_TERMS), text) == expected


def test_cjk_match_reports_term_and_offsets() -> None:
    matcher = _zh_matcher(TermData("片区", "area", id=7))
    [match] = matcher.find("宜昌片区")
    assert (match.term_id, match.source_term, match.target_term, match.start, match.end) == (
        7,
        "片区",
        "area",
        2,
        4,
    )


EN_TERMS = (
    TermData("company", "公司"),
    TermData("tax", "税"),
    TermData("policy", "政策"),
    TermData("supply chain", "供应链"),
    TermData("supply", "供应"),
    TermData("WTO", "世贸组织", case_sensitive=True),
    TermData("Apple", "苹果公司", case_sensitive=True),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The company's taxes", ["company's", "taxes"]),
        ("Companies and their policies", ["Companies", "policies"]),
        ("the companies’ tax", ["companies’", "tax"]),
        ("Syntax and taxonomy", []),  # no match inside words
        ("global supply chains", ["supply chains"]),  # multi-word term, last word inflected
        ("supply and demand", ["supply"]),
        ("the WTO's rules, not wto", ["WTO's"]),
        ("Apple sells apples", ["Apple"]),
        ("TAX POLICY", ["TAX", "POLICY"]),
    ],
)
def test_english_matching_respects_words_inflections_and_case(text: str, expected: list[str]) -> None:
    matcher = GlossaryMatcher(list(EN_TERMS), "en-US", "zh")
    assert _found(matcher, text) == expected


def test_rejected_candidate_does_not_hide_a_valid_term() -> None:
    matcher = GlossaryMatcher([TermData("ex", "x"), TermData("export tax", "出口税")], "en", "zh")
    assert _found(matcher, "index export taxes") == ["export taxes"]


def test_offsets_survive_characters_whose_lower_case_is_longer() -> None:
    matcher = GlossaryMatcher([TermData("tax", "税")], "en", "zh")
    text = "İİ tax"
    [match] = matcher.find(text)
    assert text[match.start : match.end] == "tax"
    assert len(fold_case(text)) == len(text)


def test_inflected_forms_cover_plural_and_possessive() -> None:
    assert {"policy", "policies", "policy's", "policies’"} <= set(inflected_forms("policy"))
    assert {"tax", "taxes", "tax's"} <= set(inflected_forms("tax"))


@pytest.mark.parametrize(
    ("term", "target", "expected"),
    [
        (TermData("人才", "talent", forbidden=("talents",)), "attract talent", ["talent"]),
        (TermData("人才", "talent"), "attract talents", ["talents"]),
        (TermData("政策", "policy"), "new policies", ["policies"]),
        (TermData("企业", "company", ("firm",)), "the firm's plan", ["firm's"]),
        (TermData("自贸区", "free trade zone"), "a free  trade\nzone", ["free  trade\nzone"]),
        (TermData("小巨人", '"little giant"'), "“little giant” firms", ["“little giant”"]),
        (TermData("华为", "Huawei", case_sensitive=True), "huawei phones", []),
        (TermData("税", "tax"), "syntax", []),
    ],
)
def test_target_occurrences_are_inflection_tolerant(term: TermData, target: str, expected: list[str]) -> None:
    matcher = _zh_matcher(term)
    assert [target[s:e] for s, e in matcher.target_occurrences(term, target)] == expected


def test_forbidden_inside_an_accepted_rendering_is_not_reported() -> None:
    term = TermData("自由贸易试验区", "pilot free trade zone", forbidden=("free trade zone",))
    matcher = _zh_matcher(term)
    target = "the Hubei Pilot Free Trade Zone, a free trade zone"
    assert [target[s:e] for s, e in matcher.forbidden_occurrences(term, target)] == ["free trade zone"]
    assert matcher.forbidden_occurrences(term, target)[0][0] == target.rindex("free trade zone")


def test_english_target_for_chinese_glossary_is_matched_as_substrings() -> None:
    term = TermData("company", "公司")
    matcher = GlossaryMatcher([term], "en", "zh-CN")
    assert matcher.target_occurrences(term, "这家公司的税") == [(2, 4)]


def test_empty_glossary_and_empty_text_find_nothing() -> None:
    assert GlossaryMatcher([], "zh", "en").find("自由贸易试验区") == []
    assert _zh_matcher(*CJK_TERMS).find("") == []
