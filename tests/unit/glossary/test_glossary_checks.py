"""The glossary compliance checks: missing renderings, untranslated names and forbidden renderings."""

from __future__ import annotations

import pytest

from workflow.checks.base import CheckContext, Severity
from workflow.checks.glossary import GLOSSARY_CHECKS, ForbiddenTermCheck, GlossaryTermCheck
from workflow.glossary.matcher import GlossaryMatcher
from workflow.glossary.terms import TermData

TERMS = [
    TermData(
        "自由贸易试验区",
        "pilot free trade zone",
        variants=("FTZ",),
        forbidden=("free trade experimental zone",),
    ),
    TermData("一带一路", "Belt and Road", variants=("BRI",), forbidden=("One Belt One Road",)),
    TermData("人才", "talent", forbidden=("talents",)),
    TermData("高层次人才", "high-caliber talent", forbidden=("high-level talents",)),
    TermData("华为", "Huawei", do_not_translate=True, case_sensitive=True),
    TermData(
        "新质生产力",
        "new quality productive forces",
        forbidden=("new quality productivity",),
        status="proposed",
    ),
]
CONTEXT = CheckContext(source_lang="zh-CN", target_lang="en", glossary=GlossaryMatcher(TERMS, "zh-CN", "en"))


def _findings(check_class: type, source: str, target: str) -> list[tuple[str, str]]:
    findings = check_class().check_pair(source, target, CONTEXT)
    return [(f.text, f.suggestions[0]) for f in findings]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("湖北自由贸易试验区", "the Hubei Pilot Free Trade Zone", []),
        ("湖北自由贸易试验区", "the Hubei FTZ", []),  # accepted variant
        ("湖北自由贸易试验区", "the Hubei pilot free trade zones'", []),  # inflected
        (
            "湖北自由贸易试验区",
            "the Hubei trade area",
            [("The glossary renders “自由贸易试验区” as “pilot free trade zone”.", "pilot free trade zone")],
        ),
        # A forbidden rendering is reported by forbidden-term only, not twice.
        ("共建一带一路", "build One Belt One Road", []),
        ("华为手机", "Huawei phones", []),
        ("华为手机", "HUAWEI phones", [("“华为” is a name to keep unchanged in the translation.", "Huawei")]),
        (
            "华为手机",
            "Hua Wei phones",
            [("“华为” is a name to keep unchanged in the translation.", "Huawei")],
        ),
        ("新质生产力", "new productivity", []),  # proposed terms are not enforced
        ("没有术语", "no terms", []),
    ],
)
def test_glossary_check(source: str, target: str, expected: list[tuple[str, str]]) -> None:
    assert _findings(GlossaryTermCheck, source, target) == expected


def test_glossary_finding_points_at_the_source_term() -> None:
    [finding] = GlossaryTermCheck().check_pair("湖北自由贸易试验区", "Hubei zone", CONTEXT)
    assert (finding.check, finding.severity) == ("glossary", Severity.WARNING)
    assert (finding.source_start, finding.source_end) == (2, 9)


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (
            "共建一带一路",
            "jointly build the One Belt One Road",
            [
                (
                    "“One Belt One Road” is a forbidden rendering of “一带一路”; use “Belt and Road”.",
                    "Belt and Road",
                )
            ],
        ),
        ("共建一带一路", "jointly build the Belt and Road", []),
        ("引进人才", "attract talent", []),
        (
            "引进人才",
            "attract talents",
            [("“talents” is a forbidden rendering of “人才”; use “talent”.", "talent")],
        ),
        # The longer forbidden rendering is reported once, not again for the nested 人才.
        (
            "人才和高层次人才",
            "talent and high-level talents",
            [
                (
                    "“high-level talents” is a forbidden rendering of “高层次人才”; "
                    "use “high-caliber talent”.",
                    "high-caliber talent",
                )
            ],
        ),
        ("对外开放", "One Belt One Road", []),  # the term is not in the source
        ("新质生产力", "new quality productivity", []),  # proposed terms are not enforced
    ],
)
def test_forbidden_term_check(source: str, target: str, expected: list[tuple[str, str]]) -> None:
    assert _findings(ForbiddenTermCheck, source, target) == expected


def test_forbidden_finding_is_an_error_spanning_the_target() -> None:
    target = "the One Belt One Road plan"
    [finding] = ForbiddenTermCheck().check_pair("一带一路", target, CONTEXT)
    assert finding.severity == Severity.ERROR
    assert target[finding.start : finding.end] == "One Belt One Road"
    assert (finding.source_start, finding.source_end) == (0, 4)


@pytest.mark.parametrize("check_class", GLOSSARY_CHECKS)
def test_checks_do_nothing_without_a_glossary(check_class: type) -> None:
    assert check_class().check_pair("一带一路", "One Belt One Road", CheckContext(glossary=None)) == []


@pytest.mark.parametrize("check_class", GLOSSARY_CHECKS)
@pytest.mark.parametrize(("source", "target"), [("一带一路", ""), ("", "One Belt One Road")])
def test_checks_do_nothing_on_an_empty_side(check_class: type, source: str, target: str) -> None:
    assert check_class().check_pair(source, target, CONTEXT) == []


def test_check_ids_are_stable() -> None:
    assert [cls.id for cls in GLOSSARY_CHECKS] == ["glossary", "forbidden-term"]
