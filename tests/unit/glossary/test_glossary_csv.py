"""Glossary CSV import/export: Copydesk's layout, other tools' layouts, refusals and row errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from workflow.formats.glossary_csv import (
    NOT_UTF8_MESSAGE,
    parse_glossary_csv,
    write_glossary_csv,
)
from workflow.glossary.terms import TermData

INTEROP = Path(__file__).resolve().parents[3].parent / "shared" / "interop" / "valid" / "glossary_csv"
needs_interop = pytest.mark.usefixtures("interop_corpus")  # fails loudly when ../shared is missing
HEADER = "source_term,target_term,variants,forbidden,part_of_speech,domain,note\n"


def _csv(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode("utf-8")


def test_copydesk_layout_reads_every_field() -> None:
    result = parse_glossary_csv(
        _csv(
            '一带一路,Belt and Road,Belt and Road Initiative; BRI,One Belt One Road,noun,policy,"NDRC, 2015"'
        )
    )
    assert result.errors == []
    assert result.terms == [
        TermData(
            "一带一路",
            "Belt and Road",
            variants=("Belt and Road Initiative", "BRI"),
            forbidden=("One Belt One Road",),
            part_of_speech="noun",
            domain="policy",
            note="NDRC, 2015",
        )
    ]


def test_utf8_bom_is_accepted() -> None:
    result = parse_glossary_csv(b"\xef\xbb\xbf" + _csv("片区,area,,,,,"))
    assert [t.source_term for t in result.terms] == ["片区"]
    assert result.errors == []


@pytest.mark.parametrize(
    "data",
    [
        "source_term,target_term\n片区,area\n".encode("gbk"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "source_term,target_term\n片区,area\n".encode("utf-16"),
    ],
    ids=["gbk", "binary", "utf16"],
)
def test_non_utf8_and_binary_files_are_refused_as_a_whole(data: bytes) -> None:
    result = parse_glossary_csv(data)
    assert result.fatal
    assert result.terms == []
    assert [e.text for e in result.errors] == [NOT_UTF8_MESSAGE]


@pytest.mark.parametrize(
    ("lines", "line", "fragment"),
    [
        (["片区,area,,"], 2, "has 4 columns; the header has 7"),
        (["片区,area,,,,,,surplus"], 2, "has 8 columns; the header has 7"),
        ([",area,,,,,"], 2, "source term is empty"),
        (["片区,,,,,,"], 2, "target term for “片区” is empty"),
        (["片区,area,,area,,,"], 2, "both as accepted and as forbidden"),
        (["片区,area,,,,,", "片区,zone,,,,,"], 3, "already defined on line 2"),
        (["片区," + "a" * 301 + ",,,,,"], 2, "longer than 300"),
    ],
)
def test_bad_rows_are_reported_with_their_line(lines: list[str], line: int, fragment: str) -> None:
    result = parse_glossary_csv(_csv(*lines))
    assert not result.fatal
    assert any(e.line == line and fragment in e.text for e in result.errors), result.errors


def test_good_rows_survive_next_to_bad_ones() -> None:
    result = parse_glossary_csv(_csv("片区,area,,,,,", ",orphan,,,,,", "关税,tariff,,,,,"))
    assert [t.source_term for t in result.terms] == ["片区", "关税"]
    assert [e.line for e in result.errors] == [3]


@pytest.mark.parametrize(
    ("header", "fragment"),
    [
        ("source_term,target_term,colour\n", "Unknown column(s): colour"),
        ("source_term,note\n", "lacks the column(s): target_term"),
        ("source_term,target_term,note,note\n", "Repeated column(s): note"),
    ],
)
def test_bad_headers_refuse_the_file(header: str, fragment: str) -> None:
    result = parse_glossary_csv((header + "片区,area,x\n").encode())
    assert result.fatal
    assert any(fragment in e.text for e in result.errors)


def test_flag_columns_are_read() -> None:
    data = b"source_term,target_term,case_sensitive,do_not_translate,status\nHuawei,,yes,yes,proposed\n"
    [term] = parse_glossary_csv(data).terms
    assert (term.case_sensitive, term.do_not_translate, term.status) == (True, True, "proposed")


def test_bad_flag_value_is_a_row_error() -> None:
    result = parse_glossary_csv(b"source_term,target_term,case_sensitive\nAB,CD,maybe\n")
    assert result.terms == []
    assert "must be yes or no" in result.errors[0].text


@needs_interop
@pytest.mark.parametrize(
    ("name", "layout", "expected_pairs"),
    [
        ("weblate_en-3col.csv", "source-target-header", [("test003_1", "q123"), ("test003_2", "q234")]),
        ("omegat_test.csv", "headerless", [("kde; question", "comma"), ("kde, qu", "comma dot")]),
        ("omegat_test.tab", "headerless", [("地球システム", "System Terre"), ("손가락", "Korean Term")]),
        ("omegat_project_CN_JP_glossary.txt", "headerless", [("介绍", "紹介"), ("中的", "中心的な")]),
    ],
)
def test_other_tools_glossaries_import(name: str, layout: str, expected_pairs: list[tuple[str, str]]) -> None:
    result = parse_glossary_csv((INTEROP / name).read_bytes())
    assert result.errors == []
    assert result.layout == layout
    pairs = [(t.source_term, t.target_term) for t in result.terms]
    assert set(expected_pairs) <= set(pairs)


@needs_interop
def test_omegat_quoting_edge_cases_are_unescaped() -> None:
    result = parse_glossary_csv((INTEROP / "omegat_test.csv").read_bytes())
    sources = [t.source_term for t in result.terms]
    assert sources == ["kde", "question", "kde; question", "kde, qu", '"kde","q"', '""k', 'zz"zz']


@needs_interop
def test_omegat_tab_comment_column_becomes_the_note() -> None:
    result = parse_glossary_csv((INTEROP / "omegat_test.tab").read_bytes())
    notes = {t.source_term: t.note for t in result.terms}
    assert notes["地球システム"].startswith("https://fr.wikipedia.org/")


ROUND_TRIP_TERMS = [
    TermData(
        "一带一路", "Belt and Road", ("BRI",), ("One Belt One Road",), "noun", "policy", 'a "quoted", note'
    ),
    TermData("华为", "Huawei", case_sensitive=True, do_not_translate=True),
    TermData("减税", "-tax cut", variants=("=SUM(A1)", "@home"), status="proposed"),
    TermData("加号", "+plus", note='=HYPERLINK("http://x")'),
]


def test_export_then_import_gives_the_same_glossary() -> None:
    result = parse_glossary_csv(write_glossary_csv(ROUND_TRIP_TERMS))
    assert result.errors == []
    assert result.terms == ROUND_TRIP_TERMS


def test_export_neutralises_formula_cells() -> None:
    text = write_glossary_csv(ROUND_TRIP_TERMS).decode()
    assert "'-tax cut" in text
    assert "'=SUM(A1); @home" in text
    assert "'=HYPERLINK" in text
    assert "'+plus" in text


def test_import_keeps_a_quote_that_does_not_guard_a_formula() -> None:
    [term] = parse_glossary_csv(_csv("'t Hooft,'t Hooft,,,,,")).terms
    assert term.target_term == "'t Hooft"


def test_export_without_flags_uses_the_seven_column_header() -> None:
    data = write_glossary_csv([TermData("片区", "area")], include_flags=False, excel_bom=True)
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.strip().encode())
    assert parse_glossary_csv(data).terms == [TermData("片区", "area")]


@pytest.mark.parametrize("data", [b"", b"   \n\n", b",,,\n,,\n"])
def test_empty_files_are_refused(data: bytes) -> None:
    result = parse_glossary_csv(data)
    assert result.fatal and result.terms == []
