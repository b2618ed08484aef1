"""Every UI string has its Simplified Chinese translation, and every catalog compiles cleanly."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from workflow.cli.translate import extract_arguments

ROOT = Path(__file__).resolve().parents[3]
CATALOGS = ROOT / "translations"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory):
    """A fresh extraction of every wrapped string in the code and templates (not the committed .pot)."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *extract_arguments(pot)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        return read_po(handle)


def _catalog(locale: str):
    with (CATALOGS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def test_every_msgid_has_a_simplified_chinese_translation(extracted):
    catalog = _catalog("zh_Hans")
    missing = []
    for message in extracted:
        if not message.id:
            continue
        entry = catalog.get(message.id, message.context)
        translated = (
            entry is not None
            and not entry.fuzzy
            and (all(entry.string) if isinstance(entry.string, tuple) else bool(entry.string))
        )
        if not translated:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    assert not missing, f"{len(missing)} strings lack a zh_Hans translation, e.g. {missing[:10]}"


@pytest.mark.parametrize("locale", ["en", "zh_Hans"])
def test_catalog_compiles_without_errors(locale):
    catalog = _catalog(locale)
    problems = [(m.id, errors) for m, errors in catalog.check()]
    assert not problems, problems[:5]
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    assert buffer.getvalue()


def test_placeholders_survive_translation():
    catalog = _catalog("zh_Hans")
    import re

    placeholder = re.compile(r"%\((\w+)\)[sdif]|%\(\w+\)\.\d+f")
    for message in catalog:
        if not message.id or not message.string or isinstance(message.id, tuple):
            continue
        assert set(placeholder.findall(message.id)) == set(placeholder.findall(message.string)), message.id
