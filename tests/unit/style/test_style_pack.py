"""The shipped Chinglish rule pack: every rule's own examples, coverage of the rule families, the real MT
sample and clean news English."""

from pathlib import Path

import pytest

from workflow.checks.base import CheckContext, Severity
from workflow.checks.style import RuleSet, StyleCheck, default_rule_set
from workflow.checks.style_rules import compile_rule, load_shipped_rules

# A copy of the real MT sample /work/shared/seed/000_94adfa73b4be7a3d.txt.
SEED = Path(__file__).with_name("seed_mt_sample.txt")
SHIPPED = load_shipped_rules()
CALQUED_WORDS = (
    "活力",
    "人才",
    "入库",
    "存量",
    "挂牌",
    "大力",
    "进一步",
    "推动",
    "打造",
    "助力",
    "赋能",
    "落地",
    "抓手",
)
REQUIRED_FAMILIES = (
    "boilerplate",
    "intensifier",
    "slogan",
    "nominalisation",
    "countability",
    "tense",
    "political",
)


@pytest.mark.parametrize("rule", SHIPPED, ids=[rule.id for rule in SHIPPED])
def test_rule_examples_match_and_clean_examples_do_not(rule):
    compiled = compile_rule(rule, check_examples=False)
    assert rule.examples_match and rule.examples_clean, "every shipped rule carries both kinds of example"
    for example in rule.examples_match:
        assert compiled.spans(example), f"{rule.id} should match {example!r}"
    for example in rule.examples_clean:
        assert not compiled.spans(example), f"{rule.id} should not match {example!r}"


@pytest.mark.parametrize("rule", SHIPPED, ids=[rule.id for rule in SHIPPED])
def test_combined_rule_set_finds_each_rule_on_its_examples(rule):
    """The one-pass screen over the whole pack must not lose any rule's matches."""
    for example in rule.examples_match:
        assert rule.id in {m.rule.id for m in default_rule_set().find(example)}, example


def test_pack_has_at_least_a_hundred_rules_with_unique_ids():
    ids = [rule.id for rule in SHIPPED]
    assert len(ids) >= 100
    assert len(ids) == len(set(ids))


def test_pack_covers_every_required_family():
    families = {rule.family for rule in SHIPPED}
    assert set(REQUIRED_FAMILIES) <= families


@pytest.mark.parametrize("word", CALQUED_WORDS)
def test_each_calqued_word_has_a_rule(word):
    assert any(rule.calque_of == word for rule in SHIPPED)


def test_shipped_rules_are_warning_or_info_and_marked_shipped():
    assert {rule.severity for rule in SHIPPED} <= {Severity.WARNING, Severity.INFO}
    assert {rule.source for rule in SHIPPED} == {"shipped"}


# (awkward phrase as it appears in the seed, a rule expected to flag it — or None for "any rule")
SEED_EXPECTATIONS = [
    ("burst with vitality", "vitality-burst"),
    ("3,082 talents", "talents-countable"),
    ("high-end talents", "high-end-talent"),
    ("introduction of high-level talents", "introduce-talent"),
    ("enterprises in the warehouse", "enterprises-in-warehouse"),
    ("listed companies on the board", "listed-on-the-board"),
    ("specialized and special new", "srdi-calque"),
    ("little giant", "little-giant"),
    ("stock innovation resources", "stock-resources"),
    ("revitalize", "revitalize-idle"),
    ("the development dividends", "development-dividends"),
    ("settle down", "settle-down-enterprises"),
    ("a microcosm", "microcosm"),
    ("shared thinking", "shared-thinking"),
    ("the Party Working Committee", "party-working-committee"),
    ("Central Media Pilot Free Trade Zone interview team", "interview-with-reporters"),
    ("walked into", "walked-into"),
    ("not only felt the high temperature here , and also", "not-only-and-also"),
    ('"double-through"', "double-slogan"),
    ("build the world's most advanced", "worlds-most-advanced"),
    ("top three in the US market share", "top-three-market-share"),
    ("The above is", "the-above-is"),
    ("we have listed for you", "listed-for-you"),
    ("You can submit the following form to obtain more industry information", "submit-the-form"),
    ("industrial chain", "industrial-chain"),
    ("leading enterprises", "leading-enterprises"),
    ("so as to", "so-as-to"),
    ("further enhance", "further-verb"),
    ("build a one-stop full-chain biomedical incubation system", "build-a-platform"),
    ("promote the sharing of", "promote-the-x-of"),
    ("realize upstream and downstream supporting cooperation", "realize-abstract"),
    ("effectively identify", "effectively-verb"),
    ("and other aspects", "and-other-aspects"),
    ("and other fields", "and-other-aspects"),
    ("various types of", "various-types-of"),
    ("This series of policies", "a-series-of"),
    ("reserve cadre", "reserve-cadre"),
    ("in the process of", "in-the-process-of"),
    ("At present", "at-present"),
    ("so that enterprises in the park", "so-that-chain"),
    ("helps enterprises to", "help-enterprises-to"),
    ("innovative vitality", "innovation-vitality"),
    ("In 2021, the output value of the park will reach", "past-year-will"),
    ("with bachelor's degree", "headed-degree"),
    ("Home> Industry Information>", "page-chrome"),
]


def _seed_paragraphs() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(("phrase", "rule_id"), SEED_EXPECTATIONS, ids=[p for p, _ in SEED_EXPECTATIONS])
def test_every_awkward_line_of_the_seed_sample_lights_up(phrase, rule_id):
    check = StyleCheck()
    paragraph = next(p for p in _seed_paragraphs() if phrase in p)
    start = paragraph.index(phrase)
    end = start + len(phrase)
    findings = check.check_pair("", paragraph, CheckContext())
    covering = [f for f in findings if f.start < end and start < f.end]
    assert rule_id in {f.params["rule"] for f in covering}


CLEAN_NEWS = [
    "China's exports rose 7.1% in August from a year earlier, beating forecasts, customs data showed.",
    "The central bank kept its benchmark lending rate unchanged for a third straight month.",
    "Shares of the Hong Kong-listed drugmaker jumped 12% after it won approval to sell its drug in Europe.",
    "The company said it would invest 6 billion yuan ($830 million) in a new headquarters, due in 2025.",
    "More than 150 biotech firms have set up in the park since it opened five years ago, officials said.",
    "Analysts polled by Reuters had expected a smaller rise, citing weak demand from Europe.",
    "The ministry said it would cut red tape for exporters and speed up tax rebates.",
    "Factory activity contracted for a second month in September as new orders fell, a survey showed.",
    "The firm, which employs about 3,000 people, said it was struggling to hire experienced engineers.",
    "The government vigorously denied the report, calling it groundless.",
]


def test_clean_news_english_triggers_no_warning():
    check = StyleCheck()
    warnings = [
        (sentence, f.params["rule"], f.params["match"])
        for sentence in CLEAN_NEWS
        for f in check.check_pair("", sentence, CheckContext())
        if f.severity is not Severity.INFO
    ]
    assert warnings == []


def test_disabled_shipped_rule_is_not_applied():
    rule_set = RuleSet.build(disabled=["talents-countable"])
    found = {m.rule.id for m in rule_set.find("We recruited 3,082 talents.")}
    assert "talents-countable" not in found
    assert "talents-countable" in {m.rule.id for m in default_rule_set().find("We recruited 3,082 talents.")}
