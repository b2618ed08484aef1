"""The shipped zh→en starter glossary: size, provenance notes, no duplicates, and sensible findings."""

from __future__ import annotations

from pathlib import Path

import pytest

import workflow
from workflow.checks.base import CheckContext
from workflow.checks.glossary import ForbiddenTermCheck, GlossaryTermCheck
from workflow.formats.glossary_csv import parse_glossary_csv
from workflow.glossary.matcher import GlossaryMatcher
from workflow.glossary.terms import term_key

DATA = Path(workflow.__file__).parent / "data"
STARTER = DATA / "glossary" / "starter_zh_en.csv"


@pytest.fixture(scope="module")
def starter():
    return parse_glossary_csv(STARTER.read_bytes())


def test_starter_glossary_is_valid_and_large_enough(starter) -> None:
    assert starter.errors == []
    assert starter.layout == "copydesk"
    assert len(starter.terms) >= 80


def test_every_term_names_its_source(starter) -> None:
    assert [t.source_term for t in starter.terms if not t.note.strip()] == []


def test_no_duplicate_terms(starter) -> None:
    keys = [term_key(t) for t in starter.terms]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("source", "rendering"),
    [
        ("自由贸易试验区", "pilot free trade zone"),
        ("片区", "area"),
        ("隐形冠军", "hidden champion"),
        ("综合保税区", "comprehensive bonded zone"),
        ("新质生产力", "new quality productive forces"),
        ("中欧班列", "China-Europe Railway Express"),
        ("众创空间", "maker space"),
        ("党工委", "Party Working Committee"),
        ("区域全面经济伙伴关系协定", "Regional Comprehensive Economic Partnership"),
    ],
)
def test_required_official_renderings(starter, source: str, rendering: str) -> None:
    by_source = {t.source_term: t for t in starter.terms}
    assert by_source[source].target_term == rendering


def test_one_belt_one_road_is_forbidden(starter) -> None:
    by_source = {t.source_term: t for t in starter.terms}
    assert "One Belt One Road" in by_source["一带一路"].forbidden


def test_demo_article_gets_the_expected_glossary_findings(starter) -> None:
    context = CheckContext(glossary=GlossaryMatcher(starter.terms, "zh", "en"))
    source = (DATA / "demo" / "yichang_zh.txt").read_text(encoding="utf-8").splitlines()
    target = (DATA / "demo" / "yichang_mt_en.txt").read_text(encoding="utf-8").splitlines()
    forbidden = [
        f.params["found"]
        for s, t in zip(source, target, strict=True)
        for f in ForbiddenTermCheck().check_pair(s, t, context)
    ]
    missing = {
        f.params["source"]
        for s, t in zip(source, target, strict=True)
        for f in GlossaryTermCheck().check_pair(s, t, context)
    }
    assert any("specialized and special new" in found for found in forbidden)
    assert "talents" in forbidden
    assert "入库" in missing  # MT wrote "in the warehouse"
    assert "自贸试验区" not in missing  # MT got "Pilot Free Trade Zone" right
