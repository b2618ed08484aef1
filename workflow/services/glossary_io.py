"""Glossary import and export (CSV and TBX): preview first, then write all or nothing.

An import is planned against the pair's current terms before anything is written, and the plan is what
the preview page shows:

* a row whose source term is new → **create**;
* a row whose source term is already in the glossary with exactly the same fields → **skip**;
* a row whose source term is already there with other fields → **update** (the file wins, the old
  version stays in the term's history).

A file with any row error is refused as a whole — nothing is written — so a user fixes the file and
uploads it again rather than ending up with half a glossary. Between the preview and the confirmation the
upload waits in a temporary file under ``instance/uploads/`` named by a random token (only its owner may
use it); the confirmation re-reads and re-plans it inside the writing transaction.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from flask import current_app

from workflow.config import PROJECT_ROOT
from workflow.database import unit_of_work
from workflow.formats.glossary_csv import parse_glossary_csv, write_glossary_csv
from workflow.formats.tbx import parse_tbx, write_tbx
from workflow.glossary.terms import RowError, TermData
from workflow.i18n import gettext as _
from workflow.models import Term, TermRevision, User
from workflow.models.base import utcnow
from workflow.services import audit
from workflow.services.errors import InvalidInput, NotFound, PermissionDenied, TooLarge
from workflow.services.glossary import apply_fields, snapshot
from workflow.services.glossary_matching import (
    bump_counter,
    forget_matchers,
    normalise_pair,
    pair_terms,
    term_data,
)

STARTER_GLOSSARY = PROJECT_ROOT / "workflow" / "data" / "glossary" / "starter_zh_en.csv"
FORMAT_CSV = "csv"
FORMAT_TBX = "tbx"
EXPORT_FORMATS = (FORMAT_CSV, FORMAT_TBX)
UPLOAD_LIFETIME_SECONDS = 24 * 3600
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


@dataclass(frozen=True)
class PlannedRow:
    """What an import will do with one term: ``create``, ``update`` (with the term's id) or ``skip``."""

    action: str
    term: TermData
    existing_id: int | None = None


@dataclass
class ImportPreview:
    """A parsed upload: its format, the planned rows, and the row errors that block the import."""

    source_lang: str
    target_lang: str
    file_format: str
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    fatal: bool = False

    def count(self, action: str) -> int:
        """How many rows the import would create, update or skip."""
        return sum(1 for row in self.rows if row.action == action)

    @property
    def importable(self) -> bool:
        """Whether the import may be confirmed: no errors and something to read."""
        return not self.errors and bool(self.rows)


@dataclass(frozen=True)
class ImportReport:
    """What a confirmed import wrote."""

    created: int
    updated: int
    skipped: int


def error_text(error: RowError) -> str:
    """A row error's message translated for the current user, with its placeholders filled."""
    return _(error.message, **dict(error.params)) if error.params else _(error.message)


def detect_format(filename: str, data: bytes) -> str:
    """``tbx`` for .tbx/.xml files or anything that starts like XML, else ``csv``."""
    if Path(filename or "").suffix.lower() in {".tbx", ".xml"}:
        return FORMAT_TBX
    head = data[:64].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    return FORMAT_TBX if head.startswith(b"<") or head.startswith(b"<\x00") else FORMAT_CSV


def _check_size(data: bytes) -> None:
    limit = int(current_app.config.get("MAX_CONTENT_LENGTH") or 8 * 1024 * 1024)
    if len(data) > limit:
        raise TooLarge(_("The file is larger than %(mb).1f MB.", mb=limit / 1024 / 1024))


def _existing_by_source(source_lang: str, target_lang: str) -> dict[str, list[Term]]:
    existing: dict[str, list[Term]] = {}
    for term in pair_terms(source_lang, target_lang):
        existing.setdefault(" ".join(term.source_term.split()).casefold(), []).append(term)
    return existing


def _plan(terms: list[TermData], source_lang: str, target_lang: str) -> list[PlannedRow]:
    existing = _existing_by_source(source_lang, target_lang)
    rows = []
    for incoming in terms:
        source = " ".join(incoming.source_term.split())
        candidates = existing.get(source.casefold(), [])
        same = next((t for t in candidates if t.source_term == source), None) or next(
            (t for t in candidates if not (t.case_sensitive and incoming.case_sensitive)), None
        )
        target = incoming.target_term or (source if incoming.do_not_translate else "")
        cleaned = replace(incoming, source_term=source, target_term=target, id=None)
        if same is None:
            rows.append(PlannedRow("create", cleaned))
        elif replace(term_data(same), id=None) == cleaned:
            rows.append(PlannedRow("skip", cleaned, same.id))
        else:
            rows.append(PlannedRow("update", cleaned, same.id))
    return rows


def preview_import(data: bytes, filename: str, source_lang: str, target_lang: str) -> ImportPreview:
    """Parse an upload and plan it against the glossary, writing nothing. :raise InvalidInput: bad pair."""
    _check_size(data)
    source, target = normalise_pair(source_lang, target_lang)
    file_format = detect_format(filename, data)
    parsed = parse_tbx(data, source, target) if file_format == FORMAT_TBX else parse_glossary_csv(data)
    preview = ImportPreview(source, target, file_format, errors=list(parsed.errors), fatal=parsed.fatal)
    if not parsed.fatal:
        preview.rows = _plan(list(parsed.terms), source, target)
    if not preview.rows and not preview.errors:
        preview.errors.append(RowError(0, "The file has no terms."))
    return preview


def import_file(
    data: bytes, filename: str, source_lang: str, target_lang: str, *, actor: User | None
) -> ImportReport:
    """Import a CSV or TBX glossary all or nothing: any row error refuses the whole file.

    ``actor=None`` is the command line. :raise PermissionDenied: for non-admins.
    :raise InvalidInput: with ``errors`` as ``[{line, message}]`` when the file has problems.
    """
    if actor is not None and not actor.has_role("admin"):
        raise PermissionDenied(_("Only admins may import glossaries."))
    preview = preview_import(data, filename, source_lang, target_lang)
    if preview.errors:
        raise InvalidInput(
            _(
                "The file was not imported: %(count)s problem(s) found; nothing was written.",
                count=len(preview.errors),
            ),
            errors=[{"line": e.line, "message": error_text(e)} for e in preview.errors],
        )
    by_id = actor.id if actor is not None else None
    with unit_of_work() as session:
        rows = _plan([row.term for row in preview.rows], preview.source_lang, preview.target_lang)
        written: list[Term] = []
        for row in rows:
            if row.action == "skip":
                continue
            if row.action == "create":
                term = Term(
                    source_lang=preview.source_lang,
                    target_lang=preview.target_lang,
                    created_by_id=by_id,
                )
                session.add(term)
            else:
                term = session.get(Term, row.existing_id)
                term.updated_at = utcnow()
            term.updated_by_id = by_id
            apply_fields(term, row.term)
            written.append(term)
        session.flush()
        for term in written:
            session.add(TermRevision(term_id=term.id, action="import", snapshot=snapshot(term), by_id=by_id))
        report = ImportReport(
            created=sum(r.action == "create" for r in rows),
            updated=sum(r.action == "update" for r in rows),
            skipped=sum(r.action == "skip" for r in rows),
        )
        audit.record(
            "glossary.import",
            actor=actor,
            target=f"glossary:{preview.source_lang}-{preview.target_lang}",
            file=(filename or "")[:200],
            format=preview.file_format,
            created=report.created,
            updated=report.updated,
            skipped=report.skipped,
        )
        if written:
            bump_counter(session, preview.source_lang, preview.target_lang)
    forget_matchers()
    return report


def export_glossary(source_lang: str, target_lang: str, file_format: str, *, status: str = "") -> bytes:
    """A pair's terms (all, or only ``approved``/``proposed`` ones) as CSV or TBX bytes."""
    source, target = normalise_pair(source_lang, target_lang)
    if file_format not in EXPORT_FORMATS:
        raise InvalidInput(_("Choose the export format csv or tbx."), errors={"format": _("Unknown format.")})
    statuses = (status,) if status in ("approved", "proposed") else ("approved", "proposed")
    terms = [term_data(term) for term in pair_terms(source, target, statuses=statuses)]
    if file_format == FORMAT_TBX:
        return write_tbx(terms, source, target)
    return write_glossary_csv(terms)


def export_filename(source_lang: str, target_lang: str, file_format: str) -> str:
    """The download name of an export, e.g. ``glossary-zh-en.csv``."""
    return f"glossary-{source_lang}-{target_lang}.{file_format}"


# --- uploads waiting between preview and confirmation ---------------------------------------------------


def _upload_dir() -> Path:
    configured = current_app.config.get("COPYDESK_UPLOAD_FOLDER")
    folder = Path(configured) if configured else Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def stash_upload(data: bytes, *, filename: str, source_lang: str, target_lang: str, owner: User) -> str:
    """Keep an upload for its confirmation; returns the random token that names it (old ones are purged)."""
    _check_size(data)
    folder = _upload_dir()
    cutoff = time.time() - UPLOAD_LIFETIME_SECONDS
    for old in folder.glob("glossary-*"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    meta = {"filename": filename, "source_lang": source_lang, "target_lang": target_lang, "owner": owner.id}
    (folder / f"glossary-{token}.bin").write_bytes(data)
    (folder / f"glossary-{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def load_upload(token: str, *, owner: User) -> tuple[bytes, dict[str, Any]]:
    """The bytes and details of a stashed upload. :raise NotFound: unknown, expired or someone else's."""
    folder = _upload_dir()
    if not _TOKEN_RE.match(token or ""):
        raise NotFound(_("This upload has expired; upload the file again."))
    data_file, meta_file = folder / f"glossary-{token}.bin", folder / f"glossary-{token}.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        data = data_file.read_bytes()
    except (OSError, ValueError):
        raise NotFound(_("This upload has expired; upload the file again.")) from None
    if meta.get("owner") != owner.id:
        raise NotFound(_("This upload has expired; upload the file again."))
    return data, meta


def discard_upload(token: str) -> None:
    """Delete a stashed upload (after its import, or when the user cancels)."""
    if _TOKEN_RE.match(token or ""):
        folder = _upload_dir()
        for suffix in (".bin", ".json"):
            with_suffix = folder / f"glossary-{token}{suffix}"
            if os.path.exists(with_suffix):
                with_suffix.unlink(missing_ok=True)
