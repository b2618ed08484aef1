"""Import and export: CSV/TBX round trips, preview then all-or-nothing import, hostile files, the CLI."""

from __future__ import annotations

import io
import re

import pytest

from workflow.extensions import db
from workflow.glossary.terms import TermData
from workflow.models import AuditEntry
from workflow.services import glossary, glossary_io

from .conftest import INTEROP, term_rows

GOOD_CSV = (
    "source_term,target_term,variants,forbidden,part_of_speech,domain,note\n"
    "一带一路,Belt and Road,BRI; Belt and Road Initiative,One Belt One Road,proper noun,policy,NDRC\n"
    "营商环境,business environment,,,noun,policy,\n"
    "海关,customs,,,noun,customs,=cmd|' /C calc'!A0\n"
).encode()


def full_glossary() -> list[TermData]:
    db.session.rollback()
    return [_without_id(term) for term in glossary.pair_terms("zh", "en")]


def _without_id(term) -> TermData:
    from dataclasses import replace

    return replace(glossary.term_data(term), id=None)


def seed(users) -> None:
    glossary.create_term(
        "zh",
        "en",
        TermData(
            "一带一路", "Belt and Road", ("BRI",), ("One Belt One Road",), "proper noun", "policy", "NDRC"
        ),
        actor=users["admin"],
    )
    glossary.create_term(
        "zh", "en", TermData("华为", "", do_not_translate=True, case_sensitive=True), actor=None
    )
    glossary.propose_term(
        "zh", "en", TermData("片区", "area", note='=1+1 sub-zone, "quoted"'), actor=users["translator"]
    )


@pytest.mark.parametrize("file_format", ["csv", "tbx"])
def test_export_then_import_gives_the_same_glossary(app, users, file_format):
    seed(users)
    before = full_glossary()
    exported = glossary_io.export_glossary("zh", "en", file_format)
    for term_id in [t.id for t in glossary.pair_terms("zh", "en")]:
        glossary.delete_term(term_id, actor=None)
    assert full_glossary() == []
    report = glossary_io.import_file(exported, f"g.{file_format}", "zh", "en", actor=users["admin"])
    assert (report.created, report.updated, report.skipped) == (3, 0, 0)
    assert full_glossary() == before
    again = glossary_io.import_file(exported, f"g.{file_format}", "zh", "en", actor=users["admin"])
    assert (again.created, again.updated, again.skipped) == (0, 0, 3)  # identical terms are skipped


def test_csv_export_neutralises_formulas(app, users):
    seed(users)
    exported = glossary_io.export_glossary("zh", "en", "csv").decode()
    assert "\"'=1+1 sub-zone" in exported and ",=1" not in exported


def test_preview_then_confirm_imports_all_rows(client, auth, users):
    glossary.create_term("zh", "en", TermData("营商环境", "business climate"), actor=None)
    glossary.create_term(
        "zh",
        "en",
        TermData("海关", "customs", part_of_speech="noun", domain="customs", note="=cmd|' /C calc'!A0"),
        actor=None,
    )
    auth.login("admin")
    page = client.post_form(
        "/glossary/import",
        {"glossary_file": (io.BytesIO(GOOD_CSV), "terms.csv"), "source_lang": "zh", "target_lang": "en"},
        token_from="/glossary/import",
        content_type="multipart/form-data",
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "1 new, 1 updated, 1 unchanged" in html
    assert len(term_rows()) == 2  # the preview wrote nothing
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    done = client.post_form("/glossary/import/confirm", {"token": token}, token_from="/glossary/import")
    assert done.status_code == 302
    rows = term_rows()
    assert ("zh", "en", "营商环境", "business environment", "approved") in rows and len(rows) == 3
    db.session.rollback()
    assert db.session.execute(
        db.select(AuditEntry.action).where(AuditEntry.action == "glossary.import")
    ).scalar_one()
    # The kept upload is gone: confirming twice does nothing.
    assert (
        client.post_form(
            "/glossary/import/confirm", {"token": token}, token_from="/glossary/import"
        ).status_code
        == 404
    )


def test_another_admin_cannot_confirm_my_upload(client, auth, users):
    token = glossary_io.stash_upload(
        GOOD_CSV, filename="t.csv", source_lang="zh", target_lang="en", owner=users["editor"]
    )
    auth.login("admin")
    assert (
        client.post_form(
            "/glossary/import/confirm", {"token": token}, token_from="/glossary/import"
        ).status_code
        == 404
    )
    assert term_rows() == []


BAD_UPLOADS = {
    "missing column": b"source_term,variants\n\xe6\xb5\xb7\xe5\x85\xb3,x\n",
    "extra cells": GOOD_CSV + "自贸区,free trade zone,,,noun,trade,,surplus\n".encode(),
    "gbk": "source_term,target_term\n海关,customs\n".encode("gbk"),
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "duplicate": GOOD_CSV + "海关,Customs Office,,,,,\n".encode(),
    "empty target": GOOD_CSV + "自贸区,,,,,,\n".encode(),
    "empty file": b"",
}


@pytest.mark.parametrize("name", sorted(BAD_UPLOADS))
def test_bad_csv_is_refused_with_row_errors_and_nothing_written(client, auth, users, name):
    glossary.create_term("zh", "en", TermData("片区", "area"), actor=None)
    before = term_rows()
    auth.login("admin")
    page = client.post_form(
        "/glossary/import",
        {
            "glossary_file": (io.BytesIO(BAD_UPLOADS[name]), "bad.csv"),
            "source_lang": "zh",
            "target_lang": "en",
        },
        token_from="/glossary/import",
        content_type="multipart/form-data",
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "nothing will be imported" in html or "is-invalid" in html
    assert 'name="token"' not in html
    with pytest.raises(Exception) as refused:
        glossary_io.import_file(BAD_UPLOADS[name], "bad.csv", "zh", "en", actor=users["admin"])
    assert refused.value.status == 422 and refused.value.errors
    assert term_rows() == before


HOSTILE = [
    "hostile/defusedxml_xmlbomb.xml",
    "hostile/defusedxml_quadratic.xml",
    "hostile/defusedxml_external.xml",
    "hostile/defusedxml_external_file.xml",
    "hostile/defusedxml_dtd.xml",
    "hostile/defusedxml_cyclic.xml",
    "invalid/ltac_poorly_formed_xml.tbx",
    "invalid/ltac_core_structure_bad.tbx",
]


@pytest.mark.parametrize("path", HOSTILE)
def test_hostile_and_invalid_tbx_is_refused_with_nothing_written(users, path):
    data = (INTEROP / path).read_bytes()
    with pytest.raises(Exception) as refused:
        glossary_io.import_file(data, path.rsplit("/", 1)[1], "en", "es", actor=users["admin"])
    assert refused.value.status == 422
    assert refused.value.errors and all(problem["message"] for problem in refused.value.errors)
    assert term_rows() == []


def test_real_tbx_file_imports(users):
    report = glossary_io.import_file(
        (INTEROP / "valid/tbx/ltac_min_good.tbx").read_bytes(), "min.tbx", "en", "es", actor=users["admin"]
    )
    assert report.created > 0 and len(term_rows()) == report.created


def test_cli_import_and_export(runner, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(GOOD_CSV)
    result = runner.invoke(
        args=["glossary", "import", str(good), "--source-lang", "zh", "--target-lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "3 created" in result.output and len(term_rows()) == 3

    exported = runner.invoke(
        args=["glossary", "export", "--format", "csv", "--source-lang", "zh", "--target-lang", "en"]
    )
    assert exported.exit_code == 0 and "一带一路,Belt and Road" in exported.output
    target = tmp_path / "out.tbx"
    written = runner.invoke(
        args=[
            "glossary",
            "export",
            "--format",
            "tbx",
            "--source-lang",
            "zh",
            "--target-lang",
            "en",
            "-o",
            str(target),
        ]
    )
    assert written.exit_code == 0 and b"<term>" in target.read_bytes()


def test_cli_import_prints_row_errors_and_writes_nothing(runner, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD_UPLOADS["duplicate"])
    result = runner.invoke(
        args=["glossary", "import", str(bad), "--source-lang", "zh", "--target-lang", "en"]
    )
    assert result.exit_code == 1
    assert "line 5" in result.output and "already defined on line 4" in result.output
    assert term_rows() == []


def test_web_export_downloads(client, auth, users):
    seed(users)
    auth.login("translator")
    response = client.get("/glossary/export?pair=zh-en&format=tbx")
    assert response.status_code == 200 and "glossary-zh-en.tbx" in response.headers["Content-Disposition"]
    assert "一带一路".encode() in response.data
