"""TMX import and export: the interoperability corpus, hostile files, language matching, round trip."""

import time
from pathlib import Path

import pytest

from workflow.formats.tmx import TmxRejected, TmxUnit, extract_pairs, parse_tmx, write_tmx
from workflow.formats.xmlsafe import XMLRejected

INTEROP = Path(__file__).resolve().parents[3].parent / "shared" / "interop"
VALID_TMX = sorted((INTEROP / "valid" / "tmx").glob("*.tmx"))

pytestmark = pytest.mark.usefixtures("interop_corpus")  # fails loudly when ../shared is missing


def load(name: str):
    return parse_tmx((INTEROP / "valid" / "tmx" / name).read_bytes())


@pytest.mark.parametrize("path", VALID_TMX, ids=lambda path: path.name)
def test_every_valid_tmx_imports_with_units(path):
    document = parse_tmx(path.read_bytes())
    assert document.units
    assert all(len(unit.variants) >= 2 for unit in document.units)


def test_utf16_with_bom_and_whitespace_char_refs_are_kept():
    document = load("lisa_ImportTest1A.tmx")
    pairs = extract_pairs(document, "en", "fr")
    assert pairs[0][0] == "First segment with [\t\t   ]"
    assert pairs[1][1] == "Second segment avec [  \t\t]"


def test_ideographic_space_is_kept():
    (unit,) = load("lisa_ImportTest1I.tmx").units
    assert unit.variants["ja-jp"] == "Japanese segment with [\u3000\u3000]"


def test_five_languages_in_a_different_order_in_every_unit():
    document = load("lisa_ImportTest1C.tmx")
    assert [len(unit.variants) for unit in document.units] == [5, 5, 5]
    pairs = extract_pairs(document, "ja-JP", "es")
    assert [(source, target) for source, target, _ in pairs] == [
        ("First entry in Japanese", "First entry in Spanish"),
        ("Second entry in Japanese", "Second entry in Spanish"),
        ("Third entry in Japanese", "Third entry in Spanish"),
    ]
    # "en" prefers the header's srclang (en-us) over en-gb
    assert extract_pairs(document, "en", "fr")[0][0] == "First entry in US English"
    assert extract_pairs(document, "en-GB", "fr")[0][0] == "First entry in UK English"


def test_character_references_equal_raw_characters():
    # one variant is written with raw characters, the other with &#233;-style references
    for unit in load("lisa_ImportTest1D.tmx").units:
        assert unit.variants["en-us"] == unit.variants["en-gb"]
    assert load("lisa_ImportTest1D.tmx").units[1].variants["en-us"] == "ÿ=U+00FF, ™=U+2122, ’=U+2019"


def test_props_and_notes_at_unit_and_variant_level():
    document = load("lisa_ImportTest1L.tmx")
    assert document.header.props == [("myPropeType", "Data")]
    assert document.header.notes == ["Text of header note 1", "Text of header note 2"]
    (unit,) = document.units
    assert unit.notes == ["Text of tu note 1", "Text of tu note 2"]
    assert unit.props == [("myPropeType", "Data")]
    assert unit.tuid == "tu001" and unit.creationid == "ys" and unit.creationdate == "20020523T091200Z"
    english = next(tuv for tuv in unit.tuvs if tuv.language == "en-us")
    assert english.notes == ["Text of tuv en note 1", "Text of tuv en note 1"]
    assert english.props == [("myPropeType", "Data")]
    assert english.text == "Text of the segment."


def test_inline_codes_are_kept_as_text():
    units = load("lisa_ImportTest2A.tmx").units
    assert units[0].variants["en-us"] == "The big <b>black</b> <u>cat</u> sleeps."
    assert (
        units[1].variants["en-us"]
        == 'Test for special characters = <b><</b>=lt, <b>></b>=gt, <b>&</b>=amp, <b>"</b>=quot.'
    )
    assert units[5].variants["En-uS"] == 'Picture: <img src="img.png"/>'
    pairs = extract_pairs(load("lisa_ImportTest2A.tmx"), "EN-US", "fr-CA")
    assert pairs[-1][:2] == ("Some text with a part highlighted.", "Du texte avec une portion délimitée.")


def test_sub_flow_inside_a_code_is_kept_as_text():
    unit = load("lisa_ImportTest2C.tmx").units[0]
    assert unit.variants["en-us"] == '<I><B>Click <IMG SRC="here.png" ALT="Start Here!"> to start.</B>'


def test_tmx_11_lang_attribute_and_cjk():
    document = load("omegat_project_CN_JP_save.tmx")
    assert document.header.version == "1.1"
    assert [(s, t) for s, t, _ in extract_pairs(document, "zh", "ja")] == [
        ("太平寺中的文笔塔", "太平寺の中心的なペン塔")
    ]


def test_supplementary_plane_characters_survive():
    (unit,) = load("omegat_test-SMP.tmx").units
    assert unit.variants == {"en": "𝐀𝐁𝐂", "be": "𝐃𝐄𝐅"}
    assert len(unit.variants["en"]) == 3


def test_uppercase_language_codes_match_case_insensitively():
    document = load("weblate_memory.tmx")
    ((source, target, _),) = extract_pairs(document, "de", "en-us")
    assert source == "Wenn die Logfunktion installiert ist"
    assert target == "If the log function is installed"
    assert extract_pairs(document, "en", "cs")[0][1] == "Pokud je nainstalované logování"


def test_missing_language_pair_is_a_clear_error():
    with pytest.raises(TmxRejected, match="The TMX has languages CS-CZ, DE-DE, EN-US; none matches zh"):
        extract_pairs(load("weblate_memory.tmx"), "zh", "en")
    with pytest.raises(TmxRejected, match="none matches zh"):
        parse_tmx((INTEROP / "valid" / "tmx" / "weblate_memory.tmx").read_bytes(), source_lang="zh")


def test_broken_inline_pairing_is_refused():
    with pytest.raises(TmxRejected, match="inline codes that do not pair up") as caught:
        parse_tmx((INTEROP / "invalid" / "omegat_invalid.tmx").read_bytes())
    assert 'ept i="1"' in str(caught.value)


@pytest.mark.parametrize("path", sorted((INTEROP / "hostile").glob("*")), ids=lambda path: path.name)
def test_hostile_files_are_refused_quickly(path):
    started = time.perf_counter()
    with pytest.raises(XMLRejected) as caught:
        parse_tmx(path.read_bytes())
    assert time.perf_counter() - started < 2
    assert str(caught.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>Trunc',
            "not well-formed",
        ),
        (b"<tmx>" * 100_000 + b"</tmx>" * 100_000, "nested too deeply"),
        (b"", "empty"),
        (b"<xliff version='1.2'/>", "not a TMX file"),
    ],
    ids=["truncated", "deep-nesting", "empty", "not-tmx"],
)
def test_malformed_input_is_refused_quickly_with_a_clear_message(data, message):
    started = time.perf_counter()
    with pytest.raises(XMLRejected, match=message):
        parse_tmx(data)
    assert time.perf_counter() - started < 2


def test_round_trip_keeps_text_props_and_notes():
    units = [
        TmxUnit(
            variants={
                "zh-CN": "宜昌片区<ph>&lt;br/&gt;</ph>进出口增长 5%",
                "en-US": "Trade <br/> rose 5% & more",
            },
            props=[("x-article", "42"), ("x-author", "Li Wei")],
            notes=["checked by the desk"],
            creationdate="20240101T000000Z",
        ),
        TmxUnit(variants={"zh-CN": "  前导空格\u3000与全角空格 ", "en-US": "𝐀 leading"}),
    ]
    data = write_tmx(units, "zh-CN", "en-US")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    document = parse_tmx(data)
    assert document.header.srclang == "zh-CN"
    assert document.header.segtype == "sentence" and document.header.creationtool == "Copydesk"
    pairs = extract_pairs(document, "zh", "en")
    assert [(s, t) for s, t, _ in pairs] == [(u.variants["zh-CN"], u.variants["en-US"]) for u in units]
    assert pairs[0][2].props == [("x-article", "42"), ("x-author", "Li Wei")]
    assert pairs[0][2].notes == ["checked by the desk"]
    assert pairs[0][2].creationdate == "20240101T000000Z"


def test_round_trip_of_plain_pairs_and_of_an_imported_file():
    pairs = [("出口增长了5%。", "Exports rose 5%."), ("a < b && c > d", "x \"quoted\" 'single'")]
    assert [(s, t) for s, t, _ in extract_pairs(parse_tmx(write_tmx(pairs, "zh", "en")), "zh", "en")] == pairs
    original = load("lisa_ImportTest2A.tmx")
    again = parse_tmx(write_tmx(original.units, "en-us", "fr-ca"))
    assert [u.variants for u in again.units] == [u.variants for u in original.units]
