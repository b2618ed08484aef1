"""Backing up and restoring a SQLite Copydesk database while it keeps serving.

A backup goes through SQLite's online backup API, which copies every page inside one read transaction: in
WAL mode writers carry on meanwhile and the copy is a consistent snapshot of one moment. A restore goes only
into an empty database (a restore that silently replaced live work would be a disaster) and only from a file
that is a healthy SQLite database at the schema revision this code expects. PostgreSQL has its own, better
tools for both directions; the functions here refuse it and say which ones.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, make_url

from workflow.config import PROJECT_ROOT

POSTGRES_ADVICE = (
    "Copydesk's backup command copies SQLite databases only. For PostgreSQL use its own tools, with the URL "
    "written without '+psycopg':\n"
    '  pg_dump -Fc "$DATABASE_URL" > copydesk.dump\n'
    '  pg_restore --no-owner --dbname "$DATABASE_URL" copydesk.dump   (into an empty database)'
)
COMPARED_TABLES = ("users", "articles", "segments", "segment_revisions")


class BackupRefused(RuntimeError):
    """The backup or restore was not attempted; the message says why and what to do instead."""


@dataclass(frozen=True)
class BackupSummary:
    """What a backup or restore copied: the schema revision and the row counts people care about."""

    path: Path
    revision: str
    rows: dict[str, int]


def expected_revision() -> str:
    """The Alembic head revision of this code's migrations (a backup must be at exactly this one)."""
    heads = ScriptDirectory(str(PROJECT_ROOT / "migrations")).get_heads()
    if len(heads) != 1:
        raise BackupRefused(f"the migrations have {len(heads)} heads; merge them before backing up.")
    return heads[0]


def sqlite_path(database_url: str | URL) -> Path:
    """The file behind a SQLite database URL.

    :raise BackupRefused: for PostgreSQL (with the pg_dump advice) or an in-memory database.
    """
    url = make_url(database_url) if isinstance(database_url, str) else database_url
    backend = url.get_backend_name()
    if backend == "postgresql":
        raise BackupRefused(POSTGRES_ADVICE)
    if backend != "sqlite":
        raise BackupRefused(f"cannot back up a {backend!r} database.")
    if not url.database or url.database == ":memory:":
        raise BackupRefused("an in-memory database has nothing to back up.")
    return Path(url.database).resolve()


def backup_database(database_url: str | URL, destination: str | os.PathLike[str]) -> BackupSummary:
    """Write a consistent snapshot of the live SQLite database to ``destination`` (a new file).

    The copy is written beside the destination first and renamed into place once checked, so a failed or
    interrupted backup never leaves a half-written file under the name the operator asked for.

    :raise BackupRefused: PostgreSQL, an existing destination, or a source that is not a Copydesk database.
    """
    source = sqlite_path(database_url)
    target = Path(destination).resolve()
    if target == source:
        raise BackupRefused("the backup cannot overwrite the database it copies.")
    if target.exists():
        raise BackupRefused(f"{target} already exists; choose a new file name (backups never overwrite).")
    if not source.exists():
        raise BackupRefused(f"the database file {source} does not exist.")
    if not target.parent.is_dir():
        raise BackupRefused(f"the folder {target.parent} does not exist.")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with _open(source, read_only=True) as live, _open(partial) as copy:
            live.backup(copy)  # every page in one step: one read transaction, one moment
            copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file, no -wal beside it
        summary = inspect_backup(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupSummary(path=target, revision=summary.revision, rows=summary.rows)


def inspect_backup(path: str | os.PathLike[str]) -> BackupSummary:
    """Check that ``path`` is a healthy SQLite database at this code's schema revision; count its rows.

    :raise BackupRefused: not SQLite, damaged, not a Copydesk database, or another schema revision.
    """
    file = Path(path).resolve()
    if not file.is_file():
        raise BackupRefused(f"{file} is not a file.")
    with file.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise BackupRefused(f"{file} is not a SQLite database.")
    try:
        with _open(file, read_only=True) as connection:
            check = connection.execute("PRAGMA integrity_check").fetchall()
            if check != [("ok",)]:
                raise BackupRefused(f"{file} is damaged: {check[0][0]}")
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                raise BackupRefused(f"{file} is not a Copydesk database (it has no schema revision).")
            versions = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
            rows = {name: _count(connection, name) for name in COMPARED_TABLES if name in tables}
    except sqlite3.DatabaseError as exc:
        raise BackupRefused(f"{file} cannot be read as a SQLite database: {exc}.") from None
    expected = expected_revision()
    if versions != [expected]:
        found = ", ".join(versions) or "none"
        raise BackupRefused(
            f"{file} is at schema revision {found}, this Copydesk expects {expected}. Restore it with the "
            "Copydesk version that wrote it, then upgrade with `flask db upgrade`."
        )
    return BackupSummary(path=file, revision=expected, rows=rows)


def restore_database(source: str | os.PathLike[str], database_url: str | URL) -> BackupSummary:
    """Copy the backup at ``source`` into the configured SQLite database, which must hold no work yet.

    The application must not be serving from the target while this runs; the target is replaced page by
    page through the backup API, so a database file the server already created (or migrated) is fine.

    :raise BackupRefused: PostgreSQL, a target with users or articles, or an unusable backup file.
    """
    target = sqlite_path(database_url)
    summary = inspect_backup(source)
    if Path(source).resolve() == target:
        raise BackupRefused("the backup and the target database are the same file.")
    occupied = _occupied(target)
    if occupied:
        raise BackupRefused(
            f"the target database {target} already holds {occupied}. Restore only into an empty database: "
            "point DATABASE_URL at a new file (or move the old one aside) and run the restore again."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with _open(Path(source).resolve(), read_only=True) as backup, _open(target) as live:
        backup.backup(live)
        live.execute("PRAGMA journal_mode=WAL")
        check = live.execute("PRAGMA integrity_check").fetchall()
    if check != [("ok",)]:
        raise BackupRefused(f"the restored database failed its integrity check: {check[0][0]}")
    return BackupSummary(path=target, revision=summary.revision, rows=summary.rows)


def _occupied(target: Path) -> str:
    """A description of the work already in ``target`` ("" when there is none or no file at all)."""
    if not target.exists() or target.stat().st_size == 0:
        return ""
    with _open(target) as connection:
        tables = _tables(connection)
        found = [
            f"{count} {name}"
            for name in ("users", "articles")
            if name in tables and (count := _count(connection, name))
        ]
    return " and ".join(found)


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _count(connection: sqlite3.Connection, table: str) -> int:
    if table not in COMPARED_TABLES:  # only our own fixed table names are ever put into the query
        raise ValueError(table)
    return int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # noqa: S608


def _open(path: Path, *, read_only: bool = False) -> closing[sqlite3.Connection]:
    """A plain sqlite3 connection in autocommit mode, closed (not just committed) when the block ends."""
    uri = f"{path.as_uri()}?mode=ro" if read_only else path.as_uri()
    return closing(sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None))
