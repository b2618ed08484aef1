"""``flask backup`` and ``flask restore``: an operator gets back exactly the work that was saved.

These tests build their own SQLite databases (backups are a SQLite feature; PostgreSQL is pointed at
pg_dump), so they run the same on the SQLite and the PostgreSQL pass of the suite.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from workflow import create_app
from workflow.extensions import db
from workflow.models import Article, Segment, User
from workflow.services.backup import BackupRefused, backup_database, restore_database
from workflow.services.segments import SegmentSave, save_segment

COMPARED = ("users", "articles", "segments", "segment_revisions")


def _config(database: Path) -> dict[str, object]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "COPYDESK_QUEUE_PATH": str(database.parent / "tasks.sqlite3"),
    }


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite database with the demo users and articles (built once for this module)."""
    from flask_migrate import upgrade

    from workflow.cli.demo import seed_content, seed_users

    database = tmp_path_factory.mktemp("backup-template") / "seeded.sqlite3"
    application = create_app(_config(database))
    with application.app_context():
        upgrade()
        seed_content(seed_users())
        db.session.remove()
        db.engine.dispose()
    return database


@pytest.fixture
def live_app(seeded_template: Path, tmp_path: Path) -> Iterator[Flask]:
    """An app serving a private copy of the seeded database."""
    database = tmp_path / "live.sqlite3"
    shutil.copyfile(seeded_template, database)
    application = create_app(_config(database))
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()


def _empty_app(database: Path) -> Flask:
    """An app on a brand-new database file, as an operator would start before restoring."""
    return create_app(_config(database))


def _invoke(application: Flask, *args: str):
    """Run a ``flask`` command against ``application`` (its own context: the CLI uses the current app)."""
    with application.app_context():
        return application.test_cli_runner().invoke(args=list(args))


def _contents(database: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(database) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in COMPARED
        }


def _database_file(application: Flask) -> Path:
    with application.app_context():
        return Path(db.engine.url.database or "")


def test_backup_and_restore_give_back_every_row(live_app: Flask, tmp_path: Path) -> None:
    backup = tmp_path / "copydesk-backup.sqlite3"
    result = _invoke(live_app, "backup", str(backup))
    assert result.exit_code == 0, result.output
    assert "Backed up to" in result.output and "4 users" in result.output

    restored = _empty_app(tmp_path / "restored.sqlite3")
    result = _invoke(restored, "restore", str(backup))
    assert result.exit_code == 0, result.output

    original = _contents(_database_file(live_app))
    copy = _contents(_database_file(restored))
    assert {t: len(rows) for t, rows in copy.items()} == {t: len(rows) for t, rows in original.items()}
    assert copy == original
    assert original["segments"] and original["segment_revisions"]
    with restored.app_context():  # the restored database is usable by the app as it is
        assert db.session.execute(db.select(db.func.count(Article.id))).scalar_one() == len(
            original["articles"]
        )


def test_backup_taken_while_someone_keeps_saving_is_consistent(live_app: Flask, tmp_path: Path) -> None:
    segment = (
        db.session.execute(
            db.select(Segment).join(Article).where(Article.state == "translating").order_by(Segment.id)
        )
        .scalars()
        .first()
    )
    editor = db.session.execute(db.select(User).where(User.username == "editor")).scalar_one()
    ids = {"article": segment.article_id, "segment": segment.id, "editor": editor.id}
    db.session.rollback()
    stop = threading.Event()
    saved: list[int] = []
    failures: list[BaseException] = []

    def keep_saving() -> None:
        with live_app.app_context():
            actor = db.session.get(User, ids["editor"])
            version = db.session.get(Segment, ids["segment"]).version
            while not stop.is_set() or len(saved) < 20:
                try:
                    row = save_segment(
                        ids["article"], ids["segment"], SegmentSave(f"draft {version}", version), actor=actor
                    )
                except BaseException as exc:  # noqa: BLE001 - reported by the test below
                    failures.append(exc)
                    return
                version = row.version
                saved.append(version)
            db.session.remove()

    writer = threading.Thread(target=keep_saving)
    writer.start()
    backups = []
    try:
        for number in range(3):
            while len(saved) < 5 * (number + 1) and writer.is_alive():
                stop.wait(0.01)
            backups.append(backup_database(db.engine.url, tmp_path / f"during-{number}.sqlite3"))
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not failures, failures
    assert len(saved) >= 20

    for summary in backups:
        restored_file = tmp_path / f"restored-{summary.path.stem}.sqlite3"
        restore_database(summary.path, f"sqlite:///{restored_file}")
        with sqlite3.connect(restored_file) as connection:
            target, version = connection.execute(
                "SELECT target, version FROM segments WHERE id = ?", (ids["segment"],)
            ).fetchone()
            revisions = connection.execute(
                "SELECT version, target FROM segment_revisions WHERE segment_id = ? ORDER BY version",
                (ids["segment"],),
            ).fetchall()
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        # one moment in time: the segment is exactly at its newest revision, with no gap in the history
        assert revisions and revisions[-1] == (version, target)
        assert [v for v, _ in revisions] == list(range(revisions[0][0], version + 1))
    stored = [summary.rows["segment_revisions"] for summary in backups]
    assert stored == sorted(stored) and stored[0] < stored[-1]  # the writer was not blocked meanwhile


def test_restore_refuses_a_database_that_already_holds_work(live_app: Flask, tmp_path: Path) -> None:
    backup = backup_database(db.engine.url, tmp_path / "backup.sqlite3").path
    before = _contents(_database_file(live_app))
    result = _invoke(live_app, "restore", str(backup))
    assert result.exit_code != 0
    assert "already holds 4 users and" in result.output and "empty database" in result.output
    assert _contents(_database_file(live_app)) == before


def test_restore_refuses_files_that_are_not_copydesk_backups(live_app: Flask, tmp_path: Path) -> None:
    not_sqlite = tmp_path / "notes.txt"
    not_sqlite.write_text("not a database", encoding="utf-8")
    other_revision = backup_database(db.engine.url, tmp_path / "old.sqlite3").path
    with sqlite3.connect(other_revision) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff'")
    empty = _empty_app(tmp_path / "target.sqlite3")

    result = _invoke(empty, "restore", str(not_sqlite))
    assert result.exit_code != 0 and "is not a SQLite database" in result.output
    result = _invoke(empty, "restore", str(other_revision))
    assert result.exit_code != 0 and "schema revision ffff" in result.output
    assert not (tmp_path / "target.sqlite3").exists() or _user_count(tmp_path / "target.sqlite3") == 0


def _user_count(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return connection.execute("SELECT count(*) FROM users").fetchone()[0] if "users" in tables else 0


def test_backup_never_overwrites_an_existing_file(live_app: Flask, tmp_path: Path) -> None:
    existing = tmp_path / "precious.sqlite3"
    existing.write_bytes(b"keep me")
    result = _invoke(live_app, "backup", str(existing))
    assert result.exit_code != 0 and "already exists" in result.output
    assert existing.read_bytes() == b"keep me"


@pytest.mark.parametrize("action", ["backup", "restore"])
def test_postgres_is_pointed_at_pg_dump(action: str, tmp_path: Path) -> None:
    url = "postgresql+psycopg://copydesk@127.0.0.1:5432/copydesk"
    with pytest.raises(BackupRefused) as refused:
        if action == "backup":
            backup_database(url, tmp_path / "copy.sqlite3")
        else:
            restore_database(tmp_path / "copy.sqlite3", url)
    assert "pg_dump -Fc" in str(refused.value) and "pg_restore" in str(refused.value)
