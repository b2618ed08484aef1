"""TBX import/export: the interoperability corpus, DCA and DCT styles, statuses, hostile files, round trip."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from workflow.formats.tbx import parse_tbx, write_tbx
from workflow.glossary.terms import TermData

INTEROP = Path(__file__).resolve().parents[3].parent / "shared" / "interop"
needs_interop = pytest.mark.usefixtures("interop_corpus")  # fails loudly when ../shared is missing


@needs_interop
@pytest.mark.parametrize(
    ("name", "source", "target", "count"),
    [
        ("ltac_basic_good.tbx", "en", "es", 53),
        ("ltac_basic_good.tbx", "es-ES", "en-US", 50),
        ("ltac_Example_Astronomy_DCT_VALID.tbx", "en", "es", 53),
        ("ltac_core_structure_good.tbx", "en", "es", 55),
        ("ltac_min_good.tbx", "en", "es", 53),
        ("okapi_test02_win1254.tbx", "en", "tr", 1),
        ("omegat_sampleTBXfile.tbx", "en", "hu", 1),
        ("weblate_cs.tbx", "en", "cs", 4),
    ],
)
def test_every_valid_tbx_file_imports(name: str, source: str, target: str, count: int) -> None:
    result = parse_tbx((INTEROP / "valid" / "tbx" / name).read_bytes(), source, target)
    assert result.errors == []
    assert len(result.terms) == count


@needs_interop
@pytest.mark.parametrize("name", ["ltac_basic_good.tbx", "ltac_Example_Astronomy_DCT_VALID.tbx"])
def test_dca_and_dct_styles_give_the_same_concept(name: str) -> None:
    result = parse_tbx((INTEROP / "valid" / "tbx" / name).read_bytes(), "en", "es")
    by_source = {t.source_term: t for t in result.terms}
    assert "galactic cluster" not in by_source  # deprecated/superseded source terms are not imported
    open_cluster = by_source["open cluster"]
    assert (open_cluster.target_term, open_cluster.part_of_speech, open_cluster.domain) == (
        "cúmulo abierto",
        "noun",
        "General",
    )
    assert "A group of stars formed together" in open_cluster.note
    assert by_source["accretion disc"].variants == ("disco de acrecimiento",)


@needs_interop
def test_declared_legacy_encoding_is_honoured() -> None:
    result = parse_tbx((INTEROP / "valid" / "tbx" / "okapi_test02_win1254.tbx").read_bytes(), "en", "tr")
    assert result.terms[0].target_term == "tr term with: éá and İı"


@needs_interop
def test_v2_martif_definition_and_subject_field() -> None:
    result = parse_tbx((INTEROP / "valid" / "tbx" / "omegat_sampleTBXfile.tbx").read_bytes(), "en-GB", "hu")
    [term] = result.terms
    assert (term.source_term, term.domain, term.note) == (
        "alpha smoothing factor",
        "manufacturing",
        "A value between 0 and 1 used in ...",
    )


@needs_interop
@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("invalid/ltac_poorly_formed_xml.tbx", "not well-formed XML"),
        ("invalid/ltac_core_structure_bad.tbx", "must start with <term>"),
        ("hostile/defusedxml_xmlbomb.xml", "entit"),
        ("hostile/defusedxml_quadratic.xml", "entit"),
        ("hostile/defusedxml_cyclic.xml", "entit"),
        ("hostile/defusedxml_external.xml", "entit"),
        ("hostile/defusedxml_external_file.xml", "entit"),
        ("hostile/defusedxml_dtd.xml", "not a TBX file"),
        ("hostile/matecat_file-with-notes-and-malicious-code.xliff", "not a TBX file"),
    ],
)
def test_invalid_and_hostile_files_are_refused_fast(path: str, fragment: str) -> None:
    started = time.perf_counter()
    result = parse_tbx((INTEROP / path).read_bytes(), "en", "es")
    assert time.perf_counter() - started < 1.0
    assert result.fatal
    assert result.terms == []
    assert any(fragment in e.text for e in result.errors), [e.text for e in result.errors]


@needs_interop
def test_structure_errors_name_every_problem_with_its_line() -> None:
    result = parse_tbx((INTEROP / "invalid" / "ltac_core_structure_bad.tbx").read_bytes(), "en", "es")
    texts = [e.text for e in result.errors]
    assert "<admin> has no type attribute." in texts
    assert "<termSec> holds more than one <term>." in texts
    assert "<descripGrp> holds more than one <descrip>." in texts
    assert all(e.line > 0 for e in result.errors)


def _tbx(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><tbx type="TBX-Basic" style="dca" xml:lang="zh" '
        'xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc>'
        f"</fileDesc></tbxHeader><text><body>{body}</body></text></tbx>"
    ).encode()


def _entry(*target_terms: tuple[str, str, str]) -> str:
    targets = "".join(
        f'<termSec><term>{text}</term><termNote type="{category}">{value}</termNote></termSec>'
        for text, category, value in target_terms
    )
    return (
        '<conceptEntry id="c1"><langSec xml:lang="zh-CN"><termSec><term>一带一路</term></termSec></langSec>'
        f'<langSec xml:lang="en-GB">{targets}</langSec></conceptEntry>'
    )


@pytest.mark.parametrize(
    ("category", "preferred", "admitted", "deprecated"),
    [
        (
            "administrativeStatus",
            "preferredTerm-admn-sts",
            "admittedTerm-admn-sts",
            "deprecatedTerm-admn-sts",
        ),
        (
            "administrativeStatus",
            "preferredTerm-admn-sts",
            "admittedTerm-admn-sts",
            "supersededTerm-admn-sts",
        ),
        ("normativeAuthorization", "preferredTerm", "admittedTerm", "deprecatedTerm"),
        ("usageStatus", "preferred", "admitted", "notRecommended"),
    ],
)
def test_term_statuses_map_to_preferred_variant_and_forbidden(
    category: str, preferred: str, admitted: str, deprecated: str
) -> None:
    data = _tbx(
        _entry(
            ("One Belt One Road", category, deprecated),
            ("BRI", category, admitted),
            ("Belt and Road", category, preferred),
        )
    )
    [term] = parse_tbx(data, "zh", "en").terms
    assert (term.target_term, term.variants, term.forbidden) == (
        "Belt and Road",
        ("BRI",),
        ("One Belt One Road",),
    )


def test_missing_language_pair_is_explained() -> None:
    result = parse_tbx(_tbx(_entry(("Belt and Road", "partOfSpeech", "noun"))), "zh", "fr")
    assert result.fatal
    assert "the file has: zh-CN, en-GB" in result.errors[0].text


def test_entity_declaration_in_a_tbx_is_refused() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x "boom">]><tbx><text><body/></text></tbx>'
    result = parse_tbx(data, "zh", "en")
    assert result.fatal and "entit" in result.errors[0].text


ROUND_TRIP_TERMS = [
    TermData(
        "一带一路",
        "Belt and Road",
        variants=("Belt and Road Initiative", "BRI"),
        forbidden=("One Belt One Road",),
        part_of_speech="noun",
        domain="policy",
        note="NDRC guidance, 2015 & <later>",
    ),
    TermData("华为", "华为", case_sensitive=True, do_not_translate=True),
    TermData("新质生产力", "new quality productive forces", status="proposed"),
    TermData("片区", "area"),
]


def test_export_then_import_gives_the_same_glossary() -> None:
    data = write_tbx(ROUND_TRIP_TERMS, "zh-CN", "en")
    result = parse_tbx(data, "zh-CN", "en")
    assert result.errors == []
    assert result.terms == ROUND_TRIP_TERMS


def test_export_is_tbx_basic_v3_dca() -> None:
    data = write_tbx(ROUND_TRIP_TERMS[:1], "zh", "en")
    assert b'xmlns="urn:iso:std:iso:30042:ed-2"' in data
    assert b'type="TBX-Basic"' in data and b'style="dca"' in data
    assert b'<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>' in data
    assert b"x-copydeskFlags" not in data  # private flags only when one is set
