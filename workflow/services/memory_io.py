"""TMX import and export of the translation memory, and the background job that runs web uploads.

An import is all or nothing. The file is parsed and checked completely first (hostile or broken XML,
languages that do not match the pair, nothing to import: a clear error and nothing written). Then every
new pair is inserted in one transaction, in bulk batches of ``BATCH_SIZE``; duplicates inside the file and
pairs already stored (same ``pair_hash``) are skipped and counted.

Progress while the write transaction is open cannot go into the ``jobs`` table: on SQLite any other write
waits behind the import's write lock, and the job service's own short transactions would even commit the
import halfway (they share the session). So the batches publish their progress to the task queue's own
key-value store (Huey: a separate SQLite file, or Redis), which :func:`live_progress` reads for the status
API; the ``jobs`` row is updated only before the write transaction (parsing) and after it (the result).
That works the same on SQLite and PostgreSQL, and with an in-process queue in tests.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import insert, select

from workflow.database import unit_of_work
from workflow.domain.languages import UnknownLanguage, normalise_language_tag
from workflow.extensions import db
from workflow.formats.tmx import TmxUnit, extract_pairs, find_language, parse_tmx, write_tmx
from workflow.formats.xmlsafe import XMLRejected, local_name, parse_xml
from workflow.i18n import gettext as _
from workflow.models import Job, TmEntry, User
from workflow.models.base import utcnow
from workflow.services import audit
from workflow.services.errors import InvalidInput, PermissionDenied
from workflow.services.jobs import job_handler, start_job
from workflow.services.memory import pair_hash
from workflow.services.memory_sync import announce_write, next_entry_id

BATCH_SIZE = 5000
Progress = Callable[[int, int, str], None]


@dataclass
class TmxImportResult:
    """What an import did, for the job page, the CLI and the tests."""

    source_lang: str
    target_lang: str
    units: int = 0
    imported: int = 0
    duplicates_in_file: int = 0
    already_present: int = 0
    skipped: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (the job's result)."""
        return asdict(self)


def _no_progress(_done: int, _total: int, _message: str = "") -> None:
    return None


def _language_pair(document: Any, source_lang: str | None, target_lang: str | None) -> tuple[str, str]:
    """The pair to import: as asked, or guessed from the header's srclang and the one other language."""
    languages = document.languages()
    source = source_lang or document.header.srclang or (languages[0] if languages else None)
    if source and source.casefold() == "*all*":
        source = languages[0] if languages else None
    if not target_lang and source:
        source_key = find_language(languages, source)
        others = [lang for lang in languages if lang.casefold() != (source_key or source).casefold()]
        if len(others) == 1:
            target_lang = others[0]
    if not source or not target_lang:
        raise InvalidInput(
            _(
                "Say which languages to import: the file holds %(languages)s.",
                languages=", ".join(languages) or "—",
            ),
            errors={"target_lang": _("Required.")},
        )
    try:
        return normalise_language_tag(source), normalise_language_tag(target_lang)
    except UnknownLanguage:
        raise InvalidInput(_("Unknown language code."), errors={"source_lang": _("Unknown.")}) from None


def import_tmx(
    data: bytes,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    actor: User | None = None,
    filename: str = "",
    progress: Progress = _no_progress,
    batch_progress: Callable[[int, int], None] | None = None,
) -> TmxImportResult:
    """Import the pairs of a TMX file into the memory, all or nothing.

    ``progress`` (which may write to the database) is called only outside the write transaction;
    ``batch_progress`` (which must not) after each batch inside it.

    :raise InvalidInput: unsafe, malformed or truncated XML, not a TMX, languages that do not match.
    """
    progress(0, 0, _("Reading the file…"))
    try:
        document = parse_tmx(data)
        source, target = _language_pair(document, source_lang, target_lang)
        pairs = extract_pairs(document, source, target)
    except XMLRejected as exc:
        raise InvalidInput(_("The TMX file could not be imported: %(reason)s", reason=str(exc))) from None
    result = TmxImportResult(source, target, units=len(document.units), notes=list(document.errors[:20]))
    result.skipped = len(document.units) - len(pairs)
    rows, seen = [], set()
    now = utcnow()
    author_id = actor.id if actor is not None else None
    for source_text, target_text, unit in pairs:
        if not target_text.strip():
            result.skipped += 1
            continue
        digest = pair_hash(source_text, target_text)
        if digest in seen:
            result.duplicates_in_file += 1
            continue
        seen.add(digest)
        rows.append(_row(source, target, source_text, target_text, digest, unit, author_id, now, filename))
    total = len(rows)
    progress(0, total, _("Writing %(count)s pairs…", count=total))
    with unit_of_work() as session:
        announce_write(session, source, target)
        first_id = next_entry_id(session)
        for start in range(0, total, BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            present = set(
                session.execute(
                    select(TmEntry.pair_hash).where(
                        TmEntry.source_lang == source,
                        TmEntry.target_lang == target,
                        TmEntry.pair_hash.in_([row["pair_hash"] for row in batch]),
                    )
                ).scalars()
            )
            fresh = [row for row in batch if row["pair_hash"] not in present]
            result.already_present += len(batch) - len(fresh)
            if first_id is not None:
                for offset, row in enumerate(fresh):
                    row["id"] = first_id + result.imported + offset
            if fresh:
                session.execute(insert(TmEntry), fresh)
            result.imported += len(fresh)
            if batch_progress is not None:
                batch_progress(start + len(batch), total)
        audit.record(
            "tm.import",
            actor=actor,
            target=f"tm {source}→{target}",
            file=filename[:200],
            imported=result.imported,
        )
    progress(total, total, _("Imported %(count)s pairs.", count=result.imported))
    return result


def _row(
    source_lang: str,
    target_lang: str,
    source: str,
    target: str,
    digest: str,
    unit: TmxUnit,
    author_id: int | None,
    now: Any,
    filename: str,
) -> dict[str, Any]:
    props = {
        key: value
        for key, value in (
            ("tuid", unit.tuid),
            ("creationid", unit.creationid),
            ("creationdate", unit.creationdate),
        )
        if value
    }
    if filename:
        props["file"] = filename[:200]
    return {
        "source_lang": source_lang,
        "target_lang": target_lang,
        "source": source,
        "target": target,
        "pair_hash": digest,
        "context_prev": "",
        "context_next": "",
        "article_id": None,
        "segment_id": None,
        "author_id": author_id,
        "origin": "import",
        "props": props,
        "created_at": now,
        "last_used_at": now,
    }


def export_tmx(source_lang: str, target_lang: str) -> bytes:
    """Every entry of the pair as a TMX 1.4 document (UTF-8), oldest first, with its origin as props.

    :raise InvalidInput: unknown language codes.
    """
    try:
        source, target = normalise_language_tag(source_lang), normalise_language_tag(target_lang)
    except (UnknownLanguage, ValueError, AttributeError):
        raise InvalidInput(_("Choose a known source and target language (e.g. zh and en).")) from None
    units = []
    rows = db.session.execute(
        select(
            TmEntry.source,
            TmEntry.target,
            TmEntry.article_id,
            TmEntry.origin,
            TmEntry.created_at,
            TmEntry.last_used_at,
            User.username,
        )
        .outerjoin(User, User.id == TmEntry.author_id)
        .where(TmEntry.source_lang == source, TmEntry.target_lang == target)
        .order_by(TmEntry.id)
    )
    for row in rows:
        props = [("x-origin", row.origin)]
        if row.article_id:
            props.append(("x-article", str(row.article_id)))
        unit = TmxUnit(
            variants={source: row.source, target: row.target},
            props=props,
            creationdate=row.created_at.strftime("%Y%m%dT%H%M%SZ"),
            changedate=row.last_used_at.strftime("%Y%m%dT%H%M%SZ"),
            creationid=row.username or None,
        )
        units.append(unit)
    return write_tmx(units, source, target)


# --- the background job ------------------------------------------------------------------------------------


def may_import_tmx(actor: User) -> bool:
    """Editors and admins import TMX files."""
    return actor.has_role("editor")


def upload_folder() -> Path:
    """Where uploaded TMX files wait for their job: ``COPYDESK_UPLOAD_FOLDER`` or ``instance/uploads``."""
    configured = current_app.config.get("COPYDESK_UPLOAD_FOLDER")
    folder = Path(configured) if configured else Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def start_tmx_import(
    data: bytes, *, filename: str, source_lang: str | None, target_lang: str | None, actor: User
) -> Job:
    """Save the upload under a random name and start the import job; returns the job to follow.

    :raise PermissionDenied: translators. :raise InvalidInput: an empty file.
    """
    if not may_import_tmx(actor):
        raise PermissionDenied(_("Only editors and admins may import translation memories."))
    if not data.strip():
        raise InvalidInput(_("The file is empty."), errors={"file": _("Required.")})
    _refuse_unsafe_or_malformed(data)
    path = upload_folder() / f"{secrets.token_hex(16)}.tmx"
    path.write_bytes(data)
    payload = {
        "path": str(path),
        "filename": Path(filename or "upload.tmx").name[:200],
        "source_lang": source_lang or None,
        "target_lang": target_lang or None,
        "actor_id": actor.id,
    }
    return start_job("tm_import", payload, actor=actor)


def _refuse_unsafe_or_malformed(data: bytes) -> None:
    """Answer at once for files that cannot be TMX (hostile XML, broken XML, another root element).

    Parsing the tree is fast (about 0.4 s for 100,000 units); extracting and storing the units is the
    slow part left to the background job.
    """
    try:
        root = parse_xml(data).getroot()
    except XMLRejected as exc:
        raise InvalidInput(
            _("The TMX file could not be imported: %(reason)s", reason=str(exc)), errors={"file": str(exc)}
        ) from None
    if local_name(root) != "tmx":
        reason = f"the root element is <{local_name(root)}>, not <tmx>"
        raise InvalidInput(
            _("The TMX file could not be imported: %(reason)s", reason=reason), errors={"file": reason}
        )


@job_handler("tm_import")
def run_tmx_import(job: Job, payload: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """The job: import the saved upload, then delete it whatever happens."""
    path = Path(payload["path"])
    job_id = job.id

    def publish(done: int, total: int) -> None:
        publish_live_progress(job_id, done, total)

    try:
        data = path.read_bytes()
        actor = db.session.get(User, payload["actor_id"]) if payload.get("actor_id") else None
        result = import_tmx(
            data,
            source_lang=payload.get("source_lang"),
            target_lang=payload.get("target_lang"),
            actor=actor,
            filename=payload.get("filename", ""),
            progress=progress,
            batch_progress=publish,
        )
        return result.as_dict()
    finally:
        path.unlink(missing_ok=True)
        clear_live_progress(job_id)


# --- live progress outside the database -----------------------------------------------------------------


def _progress_key(job_id: int) -> str:
    return f"copydesk:job-progress:{job_id}"


def publish_live_progress(job_id: int, done: int, total: int) -> None:
    """Record a running job's batch progress in the task queue's store (never in the database)."""
    from workflow.tasks import huey

    try:
        huey.put(_progress_key(job_id), {"done": done, "total": total})
    except Exception:  # noqa: BLE001 - progress is a nicety; the import must not fail for it
        current_app.logger.warning("could not publish progress of job %s", job_id)


def clear_live_progress(job_id: int) -> None:
    """Remove a finished job's published progress."""
    from workflow.tasks import huey

    try:
        huey.get(_progress_key(job_id))
    except Exception:  # noqa: BLE001
        current_app.logger.warning("could not clear progress of job %s", job_id)


def live_progress(job_id: int) -> dict[str, int] | None:
    """The batch progress a running job published, if any (read without removing it)."""
    from workflow.tasks import huey

    try:
        value = huey.get(_progress_key(job_id), peek=True)
    except Exception:  # noqa: BLE001
        return None
    return value if isinstance(value, dict) else None
