"""Hostile and broken files through every upload path: refused fast, cheaply, with a message, nothing stored.

The files come from /work/shared/interop (hostile/: entity bombs, XXE, external DTDs, script payloads;
invalid/: malformed or structurally wrong TMX/TBX/XLIFF, see MANIFEST.tsv). Each XML file is also sent under
the extension each importer parses (.tmx for the memory, .tbx for the glossary), so the parser really sees
it rather than the extension check refusing it first. Plus oversize uploads (413), binary and wrongly encoded
text, and path-traversal or NUL-bearing file names. A test also scans ``workflow/`` for XML parsing outside
the one safe parser factory, ``workflow/formats/xmlsafe.py``.
"""

from __future__ import annotations

import ast
import gc
import io
import time
import tracemalloc
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.security.conftest import World, report_figure
from workflow.extensions import db

INTEROP = Path("/work/shared/interop")
WORKFLOW = Path(__file__).resolve().parents[2] / "workflow"
MAX_SECONDS = 2.0
MAX_MEMORY_BYTES = 50 * 1024 * 1024
REFUSED: list[str] = []


def _manifest_rejects() -> list[Path]:
    rows = (INTEROP / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    paths = [INTEROP / row.split("\t")[0] for row in rows if row.split("\t")[-1].strip() == "reject"]
    listed = {p.name for p in paths}
    for folder in ("hostile", "invalid"):  # a file added to a folder but not to the manifest still counts
        paths += [p for p in sorted((INTEROP / folder).iterdir()) if p.name not in listed]
    return paths


HOSTILE = _manifest_rejects() if INTEROP.exists() else []
BAD_TEXT = {
    "binary.txt": bytes(range(256)) * 64,
    "latin1.txt": "Café crème, 外贸".encode("utf-16")[2:] + b"\xff\xfe\x00",
    "nul.csv": b"source,target\n\x00\x00\x00,\x00\n",
    "empty.csv": b"",
    "fake.docx": b"PK\x03\x04 not really a zip file",
    "zip-bomb-name.tbx": b"PK\x03\x04" + b"\x00" * 2048,
}
NAMES = [
    "../../etc/passwd.txt",
    "..\\..\\windows\\win.ini.txt",
    "evil\x00.txt",
    "/etc/passwd",
    "a" * 600 + ".csv",
]


def _table_counts() -> dict[str, int]:
    db.session.rollback()
    return {
        table.name: db.session.execute(db.select(db.func.count()).select_from(table)).scalar_one()
        for table in db.metadata.sorted_tables
    }


def _upload(world: World, who: str, path: str, field: str, data: bytes, filename: str, form: dict[str, str]):
    client = world.clients[who]
    payload: dict[str, object] = dict(form, csrf_token=world.csrf[who])
    payload[field] = (io.BytesIO(data), filename)
    return client.post(path, data=payload, content_type="multipart/form-data")


UPLOADS: dict[str, Callable[[World, bytes, str], object]] = {
    "article form": lambda w, data, name: _upload(
        w, "editor", "/articles/import", "source_file", data, name, {"target_lang": "en", "priority": "1"}
    ),
    "glossary form": lambda w, data, name: _upload(
        w,
        "admin",
        "/glossary/import",
        "glossary_file",
        data,
        name,
        {"source_lang": "zh", "target_lang": "en"},
    ),
    "tmx form": lambda w, data, name: _upload(
        w, "editor", "/memory/import", "file", data, name, {"source_lang": "", "target_lang": ""}
    ),
}
# The extension each importer parses as XML (the article form reads .html as text, never as XML).
AS_PARSED = {"article form": ".txt", "glossary form": ".tbx", "tmx form": ".tmx"}
MESSAGE_MARKERS = ('class="alert', "invalid-feedback", '"detail"')


def _failed_job_message(response) -> str | None:
    """A TMX import runs as a background job: the form redirects to its page, where a failure is shown."""
    from workflow.models import Job

    location = response.headers.get("Location", "") if response.status_code == 302 else ""
    if "/jobs/" not in location:
        return None
    db.session.rollback()
    job = db.session.get(Job, int(location.rstrip("/").rsplit("/", 1)[1]))
    assert job is not None and job.state == "failed", f"the import job did not fail: {job and job.state}"
    return job.message


def _assert_refused(world: World, label: str, send: Callable[[], object]) -> None:
    before = _table_counts()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        response = send()
    finally:
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    body = response.get_data(as_text=True)
    job_message = _failed_job_message(response)
    after = _table_counts()
    if job_message is not None:
        assert job_message.strip(), f"{label}: the failed job says nothing"
        body = job_message
        after["jobs"] -= 1  # the failed job itself is the refusal's record
    else:
        shows_message = any(marker in body for marker in MESSAGE_MARKERS)
        assert response.status_code >= 400 or shows_message, f"{label}: {response.status_code}"
        assert response.status_code < 500, f"{label}: {response.status_code}"
        assert shows_message or response.status_code == 413, f"{label}: no message"
    assert elapsed < MAX_SECONDS, f"{label} took {elapsed:.1f} s"
    assert peak < MAX_MEMORY_BYTES, f"{label} peaked at {peak / 1e6:.0f} MB"
    assert after == before, f"{label} wrote to the database"
    assert "root:x:0:0" not in body and "<script>alert" not in body
    REFUSED.append(label)


@pytest.mark.parametrize("upload", sorted(UPLOADS))
def test_hostile_and_invalid_files_are_refused(world: World, upload: str) -> None:
    assert HOSTILE, "the interop corpus is missing"
    for path in HOSTILE:
        data = path.read_bytes()
        names = {path.name} if upload == "article form" else {path.name, path.stem + AS_PARSED[upload]}
        for name in names:
            _assert_refused(world, f"{upload}: {name}", lambda d=data, n=name: UPLOADS[upload](world, d, n))


@pytest.mark.parametrize("upload", sorted(UPLOADS))
def test_broken_text_and_hostile_names_are_refused(world: World, upload: str) -> None:
    for name, data in BAD_TEXT.items():
        _assert_refused(world, f"{upload}: {name}", lambda d=data, n=name: UPLOADS[upload](world, d, n))
    hostile_xml = (INTEROP / "hostile" / "defusedxml_external_file.xml").read_bytes()
    for name in NAMES:
        _assert_refused(
            world, f"{upload}: name {name[:30]!r}", lambda n=name: UPLOADS[upload](world, hostile_xml, n)
        )


@pytest.fixture
def collect_spooled_bodies() -> Iterator[None]:
    """Collect the temporary files behind multi-megabyte request bodies before the next test runs.

    Werkzeug's test client spools a large multipart body to a temporary file and the server side stops
    reading it at the limit (413); neither closes it, so the garbage collector does, with a ResourceWarning
    that pytest would otherwise pin on whichever later test happens to trigger a collection.
    """
    yield
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


@pytest.mark.usefixtures("collect_spooled_bodies")
@pytest.mark.parametrize("upload", sorted(UPLOADS))
def test_oversize_upload_gets_413(world: World, upload: str) -> None:
    limit = world.app.config["MAX_CONTENT_LENGTH"]
    data = b"a" * (limit + 1024)
    suffix = AS_PARSED[upload]
    _assert_refused(world, f"{upload}: oversize", lambda: UPLOADS[upload](world, data, "big" + suffix))
    response = UPLOADS[upload](world, data, "big" + suffix)
    assert response.status_code == 413
    assert "larger than" in response.get_data(as_text=True)


@pytest.mark.usefixtures("collect_spooled_bodies")
def test_api_import_refuses_oversize_and_non_text(world: World) -> None:
    headers = {"Authorization": f"Bearer {world.tokens['editor']}"}
    limit = world.app.config["MAX_CONTENT_LENGTH"]
    cases = {
        "api: oversize": b'{"title": "x", "target_lang": "en", "source_text": "' + b"a" * limit + b'"}',
        "api: not utf-8": b'{"title": "x", "target_lang": "en", "source_text": "\xff\xfe\x00"}',
        "api: not json": b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><a>&e;</a>",
    }
    for label, body in cases.items():
        _assert_refused(
            world,
            label,
            lambda b=body: world.anonymous.post(
                "/api/v1/articles", data=b, headers=headers, content_type="application/json"
            ),
        )
    text = (INTEROP / "hostile" / "defusedxml_xmlbomb.xml").read_text(encoding="utf-8")
    oversized_article = "外贸。" * (world.app.config["COPYDESK_MAX_ARTICLE_BYTES"] // 6 + 10)
    for label, source in {"api: article too long": oversized_article, "api: empty": "  "}.items():
        _assert_refused(
            world,
            label,
            lambda s=source: world.anonymous.post(
                "/api/v1/articles",
                json={"title": "x", "target_lang": "en", "source_text": s},
                headers=headers,
            ),
        )
    assert text  # the bomb as plain text would be an ordinary (odd) article: only its size is checked


@pytest.mark.parametrize(("group", "suffix"), [("tm", ".tmx"), ("glossary", ".tbx"), ("articles", ".txt")])
def test_cli_imports_refuse_hostile_files(world: World, tmp_path: Path, group: str, suffix: str) -> None:
    runner = world.app.test_cli_runner()
    extra = {
        "tm": [],
        "glossary": ["--source-lang", "zh", "--target-lang", "en"],
        "articles": ["--target-lang", "en"],
    }[group]
    files = [p for p in HOSTILE if p.suffix in (".xml", ".tmx", ".tbx")]
    if group == "articles":
        files = [INTEROP / "hostile" / "defusedxml_xmlbomb.xml"]
    for path in files:
        target = tmp_path / (path.stem + suffix)
        target.write_bytes(path.read_bytes() if group != "articles" else bytes(range(256)) * 8)
        before = _table_counts()
        started = time.perf_counter()
        result = runner.invoke(args=[group, "import", str(target), *extra])
        assert result.exit_code != 0, f"{group} import accepted {path.name}: {result.output}"
        assert result.output.strip(), f"{group} import of {path.name} said nothing"
        assert "Traceback" not in result.output
        assert time.perf_counter() - started < MAX_SECONDS
        assert _table_counts() == before
        REFUSED.append(f"cli {group}: {path.name}")


def test_report_refusals(capsys) -> None:
    """Print the figure (this runs after the tests above in this module)."""
    report_figure(capsys, f"hostile files: {len(REFUSED)} refused")


# Calls that parse XML. Attribute names are matched on any object whose dotted name mentions the library.
_XML_MODULES = ("xml.etree", "xml.dom", "xml.sax", "xml.parsers", "defusedxml", "lxml.etree", "lxml.html")
_PARSING_CALLS = {
    "fromstring",
    "parse",
    "XMLParser",
    "iterparse",
    "XML",
    "HTMLParser",
    "XMLPullParser",
    "fromstringlist",
    "parseString",
    "make_parser",
    "HTML",
    "XMLID",
}


def _xml_violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    aliases: dict[str, str] = {}
    problems: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(_XML_MODULES) or alias.name in ("lxml", "xml", "defusedxml"):
                    aliases[alias.asname or alias.name.split(".")[0]] = alias.name
                    if alias.name.startswith(("xml.", "defusedxml")) or alias.name in ("xml", "defusedxml"):
                        problems.append(f"{path}:{node.lineno} imports {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            module = node.module
            if module.startswith(("xml", "defusedxml")):
                problems.append(f"{path}:{node.lineno} imports from {module}")
            for alias in node.names:
                full = f"{module}.{alias.name}"
                if (
                    full.startswith(_XML_MODULES)
                    or module.startswith(_XML_MODULES)
                    or full in ("lxml.etree",)
                ):
                    aliases[alias.asname or alias.name] = full
                    if module.startswith(_XML_MODULES) and alias.name in _PARSING_CALLS:
                        problems.append(f"{path}:{node.lineno} imports {full}")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in _PARSING_CALLS:
                base = func.value
                name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
                if name in aliases or name in ("etree", "ElementTree", "ET", "minidom", "sax", "objectify"):
                    problems.append(f"{path}:{node.lineno} calls {name}.{func.attr}")
            if isinstance(func, ast.Name) and func.id == "BeautifulSoup":
                parser = [a for a in node.args[1:2] if isinstance(a, ast.Constant)]
                if any("xml" in str(a.value) for a in parser):
                    problems.append(f"{path}:{node.lineno} BeautifulSoup with an XML parser")
            if isinstance(func, ast.Attribute) and func.attr == "parse_xml" and "oxml" in ast.unparse(func):
                problems.append(f"{path}:{node.lineno} docx.oxml.parse_xml on our input")
    return problems


def test_xml_is_parsed_only_by_the_safe_factory() -> None:
    problems = []
    for path in sorted(WORKFLOW.rglob("*.py")):
        if path == WORKFLOW / "formats" / "xmlsafe.py":
            continue
        problems += _xml_violations(path)
    assert not problems, "XML parsed outside workflow/formats/xmlsafe.py:\n" + "\n".join(problems)


def test_the_scan_catches_a_stray_parser(tmp_path: Path) -> None:
    sample = tmp_path / "stray.py"
    sample.write_text(
        "from lxml import etree\nimport xml.etree.ElementTree as ET\nfrom defusedxml import ElementTree\n"
        "etree.fromstring(b'<a/>')\nET.parse('x')\nfrom lxml.etree import iterparse\n"
        "BeautifulSoup(data, 'xml')\n",
        encoding="utf-8",
    )
    found = "\n".join(_xml_violations(sample))
    for needle in ("etree.fromstring", "xml.etree", "defusedxml", "iterparse", "BeautifulSoup", "ET.parse"):
        assert needle in found
