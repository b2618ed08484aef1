"""The style rule engine: refusing unsafe or broken rules, phrase matching, the admin try-it box, custom and
disabled rules, and the findings the ``style`` check emits."""

import pytest

import workflow.checks.style_rules as style_rules
from workflow.checks.base import CheckContext, Severity
from workflow.checks.style import RuleSet, StyleCheck
from workflow.checks.style_rules import (
    InvalidRule,
    StyleRule,
    compile_rule,
    rule_from_mapping,
    validate_pattern,
)


def make_rule(**fields) -> StyleRule:
    values = {
        "id": "custom-rule",
        "family": "custom",
        "message": "Avoid “%(match)s”.",
        "phrases": ("synergy",),
    }
    values.update(fields)
    return rule_from_mapping(values)


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(a+)+", "nests quantifiers"),
        ("(a*)*b", "nests quantifiers"),
        (r"(\w+\s?)+$", "nests quantifiers"),
        (r"((ab)+c)*", "nests quantifiers"),
        (r"(x+y){2,50}", "nests quantifiers"),
        (r"foo(?=bar)", "lookahead"),
        (r"(?<!not )good", "lookbehind"),
        (r"(\w+) \1", "backreference"),
        (r"(?>abc)", "atomic group"),
        ("(unclosed", "not a valid RE2"),
        ("[z-a]", "not a valid RE2"),
        ("a*", "empty text"),
        (r"\b", "empty text"),
        ("(?:talent)?", "empty text"),
        ("   ", "empty"),
        ("a" * 2001, "limit is 2000"),
    ],
)
def test_unsafe_or_broken_patterns_are_refused_with_a_reason(pattern, reason):
    with pytest.raises(InvalidRule, match=reason):
        validate_pattern(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\btalents\b",
        r"(\w+\s+){0,3}talents",
        r"[(+*]+x",
        r"\(a+\)+",
        r"a{2,5}b",
        r"\p{Han}+",
        r"(?i:so)\s+as",
    ],
)
def test_safe_patterns_are_accepted(pattern):
    validate_pattern(pattern)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Realise synergy now", ["synergy"]),
        ("SYNERGY", ["SYNERGY"]),
        ("synergy-driven growth", ["synergy"]),
        ("synergyless", []),
        ("anti synergy, synergy.", ["synergy", "synergy"]),
    ],
)
def test_phrases_match_case_insensitively_on_word_boundaries(text, expected):
    assert [span.text for span in style_rules.test_rule(make_rule(), text)] == expected


def test_multi_word_phrase_tolerates_any_whitespace():
    rule = make_rule(phrases=("so as to",))
    assert [s.text for s in style_rules.test_rule(rule, "so  as\nto")] == ["so  as\nto"]


def test_test_rule_reports_character_offsets_after_chinese_text():
    rule = make_rule(phrases=("talents",))
    text = "人才 means talents"
    (span,) = style_rules.test_rule(rule, text)
    assert text[span.start : span.end] == "talents"


def test_unless_pattern_suppresses_accepted_uses():
    rule = make_rule(phrases=(), pattern=r"\btalents\b", unless=r"\bhis\s+talents\b")
    assert style_rules.test_rule(rule, "his talents") == []
    assert len(style_rules.test_rule(rule, "300 talents")) == 1


def test_test_rule_ignores_failing_examples_so_admins_can_experiment():
    draft = make_rule(examples_match=("nothing here",))
    assert [s.text for s in style_rules.test_rule(draft, "synergy")] == ["synergy"]
    with pytest.raises(InvalidRule, match="does not match 'nothing here'"):
        compile_rule(draft)


def test_rule_whose_clean_example_matches_is_refused():
    with pytest.raises(InvalidRule, match="wrongly matches 'synergy'"):
        compile_rule(make_rule(examples_clean=("synergy",)))


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"id": "Bad Id"}, "kebab-case"),
        ({"family": ""}, "family"),
        ({"severity": "error"}, "severity"),
        ({"severity": "loud"}, "severity"),
        ({"colour": "red"}, "Unknown rule field"),
        ({"phrases": "synergy"}, "list of strings"),
        ({"enabled": "yes"}, "true or false"),
    ],
)
def test_malformed_rule_fields_are_refused(fields, reason):
    with pytest.raises(InvalidRule, match=reason):
        make_rule(**fields)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"pattern": "synergy"}, "either phrases or a pattern"),
        ({"phrases": ()}, "either phrases or a pattern"),
        ({"message": "  "}, "message explaining"),
        ({"message": "Up 100% (%(text)s)"}, "only use %\\(match\\)s"),
        ({"phrases": (), "pattern": "(a+)+"}, "custom-rule: The pattern nests"),
        ({"unless": "(?=x)"}, "lookahead"),
    ],
)
def test_inconsistent_rules_are_refused_before_saving(fields, reason):
    with pytest.raises(InvalidRule, match=reason):
        compile_rule(make_rule(**fields))


def test_custom_rule_applies_at_once_next_to_shipped_rules():
    rule_set = RuleSet.build(custom=[make_rule(severity="warning")])
    found = {m.rule.id: m.text for m in rule_set.find("We seek synergy with 30 talents.")}
    assert found["custom-rule"] == "synergy"
    assert found["talents-countable"] == "talents"


def test_disabled_custom_rule_and_disabled_id_are_skipped():
    assert RuleSet.build(custom=[make_rule(enabled=False)]).find("synergy") == []
    assert RuleSet.build(custom=[make_rule()], disabled=["custom-rule"]).find("synergy") == []


def test_custom_rule_cannot_replace_a_shipped_rule():
    with pytest.raises(InvalidRule, match="taken by a shipped rule"):
        RuleSet.build(custom=[make_rule(id="talents-countable")])


def test_duplicate_custom_ids_are_refused():
    with pytest.raises(InvalidRule, match="unique"):
        RuleSet.build(custom=[make_rule(), make_rule()])


def test_empty_rule_set_finds_nothing():
    assert RuleSet([]).find("30 talents") == []


def test_style_check_turns_matches_into_findings_with_rule_id_and_suggestions():
    rule_set = RuleSet.build(
        custom=[make_rule(severity="warning", suggestions=("cooperation",))], disabled=[]
    )
    target = "她说 We seek synergy."
    (finding,) = [
        f
        for f in StyleCheck().check_pair("我们寻求协同。", target, CheckContext(style_rules=rule_set))
        if f.params["rule"] == "custom-rule"
    ]
    assert finding.check == "style"
    assert finding.severity is Severity.WARNING
    assert target[finding.start : finding.end] == "synergy"
    assert finding.text == "Avoid “synergy”."
    assert finding.suggestions == ("cooperation",)
    assert finding.as_dict()["message"] == "Avoid “synergy”."


def test_style_check_uses_shipped_rules_without_a_context_rule_set():
    findings = StyleCheck().check_pair("", "The above is the news we have listed for you.", CheckContext())
    assert {"the-above-is", "listed-for-you"} <= {f.params["rule"] for f in findings}
    assert all(f.severity is Severity.WARNING for f in findings)


def test_style_check_applies_only_to_english_targets():
    check = StyleCheck()
    assert check.applies_to("zh-Hans", "en-GB")
    assert not check.applies_to("en", "zh")


def test_style_check_finds_nothing_in_empty_text():
    assert StyleCheck().check_pair("源文", "", CheckContext()) == []


def test_cached_rule_set_reflects_an_edited_custom_rule_at_once():
    from workflow.checks.style import cached_rule_set

    first = cached_rule_set((make_rule(),), frozenset())
    edited = cached_rule_set((make_rule(phrases=("paradigm shift",)),), frozenset())
    assert cached_rule_set((make_rule(),), frozenset()) is first
    assert [m.text for m in edited.find("a paradigm shift in synergy") if m.rule.id == "custom-rule"] == [
        "paradigm shift"
    ]
