"""The officialese rules catch fresh wordings of each calque family, and leave ordinary English alone.

The sentences here are not the rules' own examples: they are other phrasings of the same Chinese
officialese (在…领导下, 取得明显成效, 稳中向好, 形成合力, 新赛道…), so a rule that only matched its examples
would fail, and ordinary English that shares a word with a calque (sports results, music tracks, a
wartime propaganda campaign) must draw no warning.
"""

import pytest

from workflow.checks.base import CheckContext, Severity
from workflow.checks.style import StyleCheck, default_rule_set

CHINGLISH = [
    ("Under the strong leadership of the municipal Party committee, the port expanded.",
     "under-the-guidance-of"),
    ("In accordance with the unified deployment of the provincial government, the city cut fees.",
     "accordance-with-requirements"),
    ("Related departments will step up market supervision.", "relevant-departments-bare"),
    ("During the process of reform, the city simplified approvals.", "process-of-opener"),
    ("Officials must conscientiously implement the decisions.", "earnestly-implement"),
    ("Exporters should firmly seize the historic opportunity.", "firmly-grasp"),
    ("The subsidy effectively boosted the recovery of consumption.", "effectively-promote"),
    ("The county has achieved obvious results in attracting investment.", "remarkable-results"),
    ("The economy showed a stable and improving trend in May.", "stable-and-good-momentum"),
    ("The city will create a favorable atmosphere for innovation and entrepreneurship.", "good-atmosphere"),
    ("The pilot zone gave play to its radiating role in the region.", "demonstration-role"),
    ("Small firms face difficult and costly financing.", "difficult-financing"),
    ("All departments should form a strong synergy to stabilize employment.", "joint-force"),
    ("Digital technology puts forward new requirements for regulators.", "higher-requirements"),
    ("The province realized a rapid growth in imports.", "realize-growth"),
    ("The city is brewing the establishment of a trading centre.", "explore-establishment-of"),
    ("Imports stepped up to a new stage last year.", "step-onto-new-level"),
    ("Export enterprises in the province received tax rebates faster.", "foreign-trade-enterprises"),
    ("The tax bureau will carry out propaganda on the new rebate policy.", "policy-propaganda"),
    ("Officials should strengthen their risk consciousness.", "service-consciousness"),
    ("People's sense of gain keeps growing.", "service-consciousness"),
    ("The company provides multi-channel and all-round services.", "multi-level-all-round"),
    ("Cooperation has become deeper and more practical.", "deeper-and-more-solid"),
    ("Companies are racing into the new track of the low-carbon economy.", "new-tracks"),
    ("Cross-border e-commerce parks are blooming everywhere in Zhejiang.", "blossom-everywhere"),
    ("Using the east wind of the free trade agreement, exporters expanded.", "east-wind"),
    ("Tea has become the fist product of the county.", "fist-products"),
    ("Trade built the stage and culture performed the show.", "stage-and-opera"),
    ("The county sent delegations abroad to snatch orders.", "grab-orders"),
    ("The forum was grandly opened in Haikou.", "grandly-held"),
    ("The county cultivated a batch of leading brands.", "a-batch-of"),
    ("The park has carried out registration work for 300 firms.", "carry-out-work-of"),
    ("The province will build a system with enterprises as the main body.", "basic-plate-main-body"),
]  # fmt: skip

ORDINARY_ENGLISH = [
    "The company realized a gain of 3 million yuan on the sale.",
    "He realized growth would slow in the second half.",
    "The stadium has a good atmosphere on match days.",
    "She worked under the guidance of a senior engineer.",
    "The new tracks are part of a high-speed rail line.",
    "The album has two new tracks like the single released in May.",
    "Cherry blossoms bloom in early April in Tokyo.",
    "The east wind brought rain to the coast.",
    "He raised his fist in celebration.",
    "Shoppers grabbed bargains on the first day of the sale.",
    "The ceremony was held in Nanning on Saturday.",
    "The patient regained consciousness after surgery.",
    "Brand awareness among young shoppers has risen.",
    "Officials are studying the formation of a new agency.",
    "Export controls on chips were tightened in October.",
    "The regime stepped up its propaganda during the war.",
    "The car park is multi-level and has 500 spaces.",
    "In accordance with the law, the firm paid the fine.",
    "The relevant authorities have opened an investigation.",
    "The firm is in the process of selling its stake.",
    "The measure was fully implemented last year.",
    "Investors firmly believe the market will recover.",
    "The first batch of vaccines arrived on Monday.",
    "Crews carried out maintenance work on the line.",
    "The drug effectively reduces the risk of infection.",
    "The team achieved good results in the tournament.",
    "The trial produced positive results.",
    "Foreign-invested enterprises account for a third of exports.",
    "Exporters are the province's mainstay.",
]


@pytest.mark.parametrize(("sentence", "rule_id"), CHINGLISH)
def test_fresh_wording_of_each_calque_draws_a_warning_from_its_rule(sentence, rule_id):
    warned = {m.rule.id for m in default_rule_set().find(sentence) if m.rule.severity is Severity.WARNING}
    assert rule_id in warned


@pytest.mark.parametrize("sentence", ORDINARY_ENGLISH)
def test_ordinary_english_sharing_a_word_with_a_calque_draws_no_warning(sentence):
    findings = StyleCheck().check_pair("", sentence, CheckContext())
    assert [f.params["rule"] for f in findings if f.severity is not Severity.INFO] == []


def test_a_relevant_departments_calque_is_reported_once_not_twice():
    """The warning rule took "departments" over from the info rule, so the editor sees one finding."""
    found = [m.rule.id for m in default_rule_set().find("Relevant departments will act.")]
    assert found == ["relevant-departments-bare"]
