"""TMX import and export: round trips, real-world encodings, and hostile or broken files refused whole."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from workflow.extensions import db
from workflow.formats.tmx import write_tmx
from workflow.models import TmEntry
from workflow.services import memory_io
from workflow.services.errors import InvalidInput

INTEROP = Path(__file__).resolve().parents[3].parent / "shared" / "interop"
LISA = INTEROP / "valid" / "tmx"


def _pairs(source_lang=None):
    db.session.rollback()
    query = db.select(TmEntry.source, TmEntry.target).order_by(TmEntry.id)
    if source_lang:
        query = query.where(TmEntry.source_lang == source_lang)
    return [tuple(row) for row in db.session.execute(query).all()]


def _count():
    db.session.rollback()
    return db.session.execute(db.select(db.func.count()).select_from(TmEntry)).scalar()


def test_export_then_import_gives_the_same_entries_with_inline_codes_as_text(app, users, seed_memory):
    pairs = [
        ("点击<b>保存</b>按钮。", "Click the <b>Save</b> button."),
        ("A & B 公司", "A & B Company"),
        ("宜昌市外贸增长12%。", "Yichang's foreign trade grew 12%."),
    ]
    seed_memory(pairs)
    exported = memory_io.export_tmx("zh", "en")
    assert b"&lt;b&gt;" in exported and b"<tu" in exported
    db.session.execute(db.delete(TmEntry))
    db.session.commit()
    result = memory_io.import_tmx(exported, source_lang="zh", target_lang="en", actor=users["admin"])
    assert result.imported == 3
    assert _pairs() == pairs


def test_reimporting_skips_what_is_already_there_and_repeats_in_the_file(seed_memory):
    seed_memory([("第一句。", "First.")])
    data = write_tmx(
        [("第一句。", "First."), ("第二句。", "Second."), ("第二句。", "Second.")], "zh-CN", "en-US"
    )
    result = memory_io.import_tmx(data, source_lang="zh", target_lang="en")
    assert (result.imported, result.already_present, result.duplicates_in_file) == (1, 1, 1)
    assert _count() == 2


@pytest.mark.parametrize("name", ["lisa_ImportTest1A.tmx", "lisa_ImportTest2A.tmx", "lisa_ImportTest1D.tmx"])
def test_utf16_and_bom_files_import_with_languages_from_the_file(app, name):
    result = memory_io.import_tmx((LISA / name).read_bytes())
    assert result.source_lang == "en-US"
    assert result.target_lang == ("en-GB" if name == "lisa_ImportTest1D.tmx" else "fr-CA")
    assert result.imported >= 1
    stored = _pairs("en-US")
    assert len(stored) == result.imported
    if name == "lisa_ImportTest2A.tmx":
        assert ("The big <b>black</b> <u>cat</u> sleeps.", "Le gros <u>chat</u> <b>noir</b> dors.") in stored


def test_cli_import_shows_progress_and_export_writes_tmx(runner, tmp_path):
    source = tmp_path / "in.tmx"
    source.write_bytes(write_tmx([(f"第{n}句。", f"Sentence {n}.") for n in range(12)], "zh", "en"))
    result = runner.invoke(args=["tm", "import", str(source), "--source-lang", "zh", "--target-lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Imported 12 pairs (zh→en)" in result.output
    exported = runner.invoke(args=["tm", "export", "--source-lang", "zh", "--target-lang", "en"])
    assert exported.exit_code == 0
    assert exported.output.count("</tu>") == 12 and "Sentence 11." in exported.output
    refused = runner.invoke(args=["tm", "import", str(source), "--source-lang", "ja", "--target-lang", "en"])
    assert refused.exit_code != 0 and "none matches ja" in refused.output


def _deep_nesting() -> bytes:
    depth = 100_000
    return (
        b'<?xml version="1.0"?><tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>'
        + b"<hi>" * depth
        + b"x"
        + b"</hi>" * depth
        + b"</seg></tuv></tu></body></tmx>"
    )


HOSTILE = {
    "entity bomb": (INTEROP / "hostile" / "defusedxml_xmlbomb.xml").read_bytes(),
    "quadratic blowup": (INTEROP / "hostile" / "defusedxml_quadratic.xml").read_bytes(),
    "external entity": (INTEROP / "hostile" / "defusedxml_external.xml").read_bytes(),
    "external file": (INTEROP / "hostile" / "defusedxml_external_file.xml").read_bytes(),
    "broken inline codes": (INTEROP / "invalid" / "omegat_invalid.tmx").read_bytes(),
    "truncated": write_tmx([("第一句。", "First."), ("第二句。", "Second.")], "zh", "en")[:-60],
    "not xml": b"source\ttarget\n",
    "deep nesting": _deep_nesting(),
    "wrong languages": write_tmx([("Bonjour.", "Hello.")], "fr", "en"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_or_broken_files_are_refused_quickly_and_nothing_is_written(kind, seed_memory):
    seed_memory([("已有的句子。", "An existing sentence.")])
    started = time.perf_counter()
    with pytest.raises(InvalidInput) as refused:
        memory_io.import_tmx(HOSTILE[kind], source_lang="zh", target_lang="en")
    assert time.perf_counter() - started < 2
    assert refused.value.detail.startswith("The TMX file could not be imported:")
    assert _count() == 1


def test_all_or_nothing_when_the_database_refuses_a_batch(monkeypatch, seed_memory):
    seed_memory([("已有的句子。", "An existing sentence.")])
    monkeypatch.setattr(memory_io, "BATCH_SIZE", 2)
    published = []

    def fail_on_third_batch(done, total):
        published.append(done)
        if len(published) == 3:
            raise RuntimeError("disk full")

    data = write_tmx([(f"第{n}句。", f"Sentence {n}.") for n in range(7)], "zh", "en")
    with pytest.raises(RuntimeError):
        memory_io.import_tmx(data, source_lang="zh", target_lang="en", batch_progress=fail_on_third_batch)
    assert published == [2, 4, 6]
    assert _count() == 1
