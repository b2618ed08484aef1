"""Glossary CSV import and export: Copydesk's own layout plus the simple layouts of other tools.

Copydesk's layout is UTF-8 CSV with the header
``source_term,target_term,variants,forbidden,part_of_speech,domain,note`` (optionally followed by
``case_sensitive,do_not_translate,status``); the list cells ``variants`` and ``forbidden`` are separated
by ``;``. Import also accepts, without being told which:

* Weblate / translate-toolkit CSV with a ``"source","target"[,comment]`` header;
* OmegaT glossaries without a header, comma- or tab-separated ``source,target[,comment]``, where lines
  starting with ``#`` are comments (tab-separated files whose tabs an editor turned into runs of spaces
  are read too).

Import never writes anything: :func:`parse_glossary_csv` returns the valid terms and a row-level error list
for a preview. A UTF-8 byte-order mark is accepted; GBK or other non-UTF-8 files and binary files are
refused as a whole. Export neutralises spreadsheet formulas (CSV injection) by prefixing cells that start
with ``= + - @`` with a single quote, which import removes again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from workflow.checks.base import N_
from workflow.glossary.terms import (
    STATUS_APPROVED,
    RowError,
    TermData,
    join_list_field,
    split_list_field,
    term_key,
    validate_term,
)

BASE_COLUMNS = ("source_term", "target_term", "variants", "forbidden", "part_of_speech", "domain", "note")
FLAG_COLUMNS = ("case_sensitive", "do_not_translate", "status")
KNOWN_COLUMNS = BASE_COLUMNS + FLAG_COLUMNS
REQUIRED_COLUMNS = ("source_term", "target_term")
FORMULA_PREFIXES = ("=", "+", "-", "@")
NOT_UTF8_MESSAGE = N_("The file is not UTF-8 text; save it as UTF-8 CSV.")
MAX_ROWS = 100_000
_SPACE_ALIGNED_RE = re.compile(r"(?<=\S) {2,}(?=\S)")
_TRUE = frozenset({"1", "true", "yes", "y", "x"})
_FALSE = frozenset({"", "0", "false", "no", "n"})

LAYOUT_COPYDESK = "copydesk"
LAYOUT_SOURCE_TARGET_HEADER = "source-target-header"
LAYOUT_HEADERLESS = "headerless"


@dataclass(slots=True)
class CsvParseResult:
    """What an import would store (``terms``) and why some rows would not be (``errors``).

    ``fatal`` is true when the file as a whole was refused (wrong encoding, binary, bad header).
    """

    terms: list[TermData] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    fatal: bool = False
    layout: str = ""


def parse_glossary_csv(data: bytes) -> CsvParseResult:
    """Read a glossary CSV/TSV upload into terms plus row errors, without storing anything."""
    text = _decode(data)
    if text is None:
        return _refuse(NOT_UTF8_MESSAGE)
    if not text.strip():
        return _refuse(N_("The file is empty."))
    first_line = next(
        (line for line in text.splitlines() if line.strip() and not line.startswith("#")),
        "",
    )
    tabbed = "\t" in first_line
    if not tabbed and "," not in first_line and _SPACE_ALIGNED_RE.search(first_line):
        return _parse_simple(_space_aligned_rows(text), LAYOUT_HEADERLESS)
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter="\t" if tabbed else ",",
        quoting=csv.QUOTE_NONE if tabbed else csv.QUOTE_MINIMAL,
        strict=False,
    )
    try:
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        return _refuse(
            N_("The file is not valid CSV (line %(line)s): %(reason)s"), line=reader.line_num, reason=str(exc)
        )
    if not rows:
        return _refuse(N_("The file has no terms."))
    if len(rows) > MAX_ROWS:
        return _refuse(N_("The file has more than %(limit)s rows; split it."), limit=MAX_ROWS)
    header = [cell.strip().lstrip("\ufeff").lower() for cell in rows[0][1]]
    if any(cell in KNOWN_COLUMNS for cell in header):
        return _parse_copydesk(header, rows[1:])
    if header[:2] == ["source", "target"]:
        return _parse_simple(rows[1:], LAYOUT_SOURCE_TARGET_HEADER)
    return _parse_simple([r for r in rows if not r[1][0].startswith("#")], LAYOUT_HEADERLESS)


def _space_aligned_rows(text: str) -> list[tuple[int, list[str]]]:
    """Rows of a glossary whose columns are aligned with runs of spaces (tabs expanded by an editor)."""
    return [
        (number, _SPACE_ALIGNED_RE.split(line.strip()))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]


def _decode(data: bytes) -> str | None:
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _refuse(message: str, **params: object) -> CsvParseResult:
    return CsvParseResult(errors=[RowError(0, message, params)], fatal=True)


def _parse_copydesk(header: list[str], rows: Sequence[tuple[int, list[str]]]) -> CsvParseResult:
    unknown = [cell for cell in header if cell not in KNOWN_COLUMNS]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    duplicated = sorted({cell for cell in header if header.count(cell) > 1})
    problems = []
    if unknown:
        problems.append(RowError(1, N_("Unknown column(s): %(columns)s."), {"columns": ", ".join(unknown)}))
    if missing:
        problems.append(
            RowError(1, N_("The header lacks the column(s): %(columns)s."), {"columns": ", ".join(missing)})
        )
    if duplicated:
        problems.append(
            RowError(1, N_("Repeated column(s): %(columns)s."), {"columns": ", ".join(duplicated)})
        )
    if problems:
        return CsvParseResult(errors=problems, fatal=True, layout=LAYOUT_COPYDESK)
    collector = _Collector(LAYOUT_COPYDESK)
    for line, row in rows:
        extra_cells = any(cell.strip() for cell in row[len(header) :])
        if len(row) < len(header) or extra_cells:
            collector.error(
                line,
                N_("Line %(line)s has %(found)s columns; the header has %(expected)s."),
                line=line,
                found=len(row),
                expected=len(header),
            )
            continue
        cells = dict(zip(header, (unescape_cell(cell.strip()) for cell in row), strict=False))
        flags = {name: _parse_flag(cells.get(name, "")) for name in ("case_sensitive", "do_not_translate")}
        bad_flags = [name for name, value in flags.items() if value is None]
        if bad_flags:
            collector.error(
                line,
                N_("Line %(line)s: %(column)s must be yes or no."),
                line=line,
                column=", ".join(bad_flags),
            )
            continue
        collector.add(
            line,
            TermData(
                source_term=cells["source_term"],
                target_term=cells["target_term"],
                variants=split_list_field(cells.get("variants", "")),
                forbidden=split_list_field(cells.get("forbidden", "")),
                part_of_speech=cells.get("part_of_speech", ""),
                domain=cells.get("domain", ""),
                note=cells.get("note", ""),
                case_sensitive=bool(flags["case_sensitive"]),
                do_not_translate=bool(flags["do_not_translate"]),
                status=cells.get("status", "").lower() or STATUS_APPROVED,
            ),
        )
    return collector.result


def _parse_simple(rows: Iterable[tuple[int, list[str]]], layout: str) -> CsvParseResult:
    collector = _Collector(layout)
    for line, row in rows:
        if len(row) not in (2, 3):
            collector.error(
                line,
                N_("Line %(line)s has %(found)s columns; expected source, target and an optional comment."),
                line=line,
                found=len(row),
            )
            continue
        cells = [unescape_cell(cell.strip()) for cell in row]
        note = cells[2] if len(cells) == 3 else ""
        collector.add(line, TermData(source_term=cells[0], target_term=cells[1], note=note))
    return collector.result


class _Collector:
    """Validates rows as they come and remembers the first line of each source term to catch duplicates."""

    def __init__(self, layout: str) -> None:
        self.result = CsvParseResult(layout=layout)
        self.first_line_of: dict[str, int] = {}

    def error(self, at_line: int, message: str, **params: object) -> None:
        self.result.errors.append(RowError(at_line, message, params))

    def add(self, line: int, term: TermData) -> None:
        problems = validate_term(term, line)
        if problems:
            self.result.errors.extend(problems)
            return
        key = term_key(term)
        first = self.first_line_of.get(key)
        if first is not None:
            self.error(
                line,
                N_("“%(source)s” is already defined on line %(first)s."),
                source=term.source_term,
                first=first,
            )
            return
        self.first_line_of[key] = line
        self.result.terms.append(term)


def _parse_flag(value: str) -> bool | None:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def escape_cell(value: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula: ``=SUM(A1)`` → ``'=SUM(A1)``."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def unescape_cell(value: str) -> str:
    """Undo :func:`escape_cell`: drop a leading quote only when a formula character follows it."""
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def write_glossary_csv(
    terms: Iterable[TermData], *, include_flags: bool = True, excel_bom: bool = False
) -> bytes:
    """Export ``terms`` as UTF-8 CSV in Copydesk's layout (re-importable by :func:`parse_glossary_csv`).

    ``include_flags`` adds the case-sensitive, do-not-translate and status columns so nothing is lost;
    ``excel_bom`` prepends a byte-order mark so spreadsheet programs recognise UTF-8.
    """
    columns = KNOWN_COLUMNS if include_flags else BASE_COLUMNS
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for term in terms:
        values = {
            "source_term": term.source_term,
            "target_term": term.target_term,
            "variants": join_list_field(term.variants),
            "forbidden": join_list_field(term.forbidden),
            "part_of_speech": term.part_of_speech,
            "domain": term.domain,
            "note": term.note,
            "case_sensitive": "yes" if term.case_sensitive else "no",
            "do_not_translate": "yes" if term.do_not_translate else "no",
            "status": term.status,
        }
        writer.writerow([escape_cell(values[column]) for column in columns])
    encoded = buffer.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + encoded) if excel_bom else encoded
