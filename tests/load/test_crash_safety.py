"""Crash safety: ``kill -9`` in the middle of writes loses nothing that was acknowledged and leaves no half.

SQLite: master and workers are killed together, over and over, while clients save segments and import a
large article. PostgreSQL: the backend serving a write is killed with SIGKILL (the postmaster then restarts
every backend) and afterwards the whole server too. After each cycle every save a client saw answered 200
must be in the history with its text, the database must pass its integrity checks, and every article must
have all of its segments or not exist at all.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import threading
import time
from dataclasses import dataclass, field

import requests
from sqlalchemy import func, select, text

from tests.load.conftest import LoadDatabase, Server, api_session, wait_for_postgres
from workflow.models import Article, Segment, SegmentRevision

SQLITE_CYCLES = 20
POSTGRES_CYCLES = 3
SAVING_THREADS = 3
IMPORT_SENTENCE = "第{n}段：前三季度，湖北省外贸进出口总值5012.4亿元，同比增长12.5%。其中，出口3421.6亿元。"
IMPORT_TEXT = "\n\n".join(IMPORT_SENTENCE.format(n=n) for n in range(250))


@dataclass
class Cycle:
    """What the clients of one crash cycle saw acknowledged."""

    number: int
    saves: list[tuple[int, int, str]] = field(default_factory=list)  # (segment, version, text) answered 200
    imported: list[int] = field(default_factory=list)  # article ids answered 201
    imports_in_flight: int = 0
    answers_after_recovery: int = 0
    failures: int = 0
    recovered: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _saver(server: Server, database: LoadDatabase, token: str, segment: int, cycle: Cycle, stop) -> None:
    """Save one segment again and again; after any failure, ask for the current version and go on."""
    session = api_session(token)
    base = f"{server.base_url}/api/v1/articles/{database.article_id}"
    version: int | None = None
    attempt = 0
    while not stop.is_set():
        try:
            if version is None:
                article = session.get(base, timeout=10).json()
                version = next(s["version"] for s in article["segments"] if s["id"] == segment)
            attempt += 1
            sent = f"cycle {cycle.number} segment {segment} save {attempt}"
            answer = session.put(
                f"{base}/segments/{segment}", json={"target": sent, "version": version}, timeout=10
            )
        except (requests.RequestException, ValueError, KeyError, StopIteration):  # down or restarting
            with cycle.lock:
                cycle.failures += 1
            version = None
            time.sleep(0.05)
            continue
        if answer.status_code == 200:
            version = answer.json()["version"]
            with cycle.lock:
                cycle.saves.append((segment, version, sent))
                if cycle.recovered.is_set():
                    cycle.answers_after_recovery += 1
        else:
            version = None
            with cycle.lock:
                cycle.failures += 1


def _importer(server: Server, token: str, cycle: Cycle, stop) -> None:
    """Import a large article again and again; count the ones answered 201 and the one in flight."""
    session = api_session(token)
    number = 0
    while not stop.is_set():
        number += 1
        with cycle.lock:
            cycle.imports_in_flight += 1
        try:
            answer = session.post(
                f"{server.base_url}/api/v1/articles",
                json={
                    "title": f"load import c{cycle.number} n{number}",
                    "source_text": IMPORT_TEXT,
                    "source_lang": "zh",
                    "target_lang": "en",
                },
                timeout=30,
            )
        except requests.RequestException:
            time.sleep(0.05)
            continue  # stays counted as in flight: it may have committed before the answer was lost
        with cycle.lock:
            cycle.imports_in_flight -= 1
            if answer.status_code == 201:
                cycle.imported.append(answer.json()["id"])
        stop.wait(0.1)  # leave the savers room between two big write transactions


def _run_cycle(server: Server, database: LoadDatabase, cycle: Cycle, crash, duration: float) -> None:
    """Start the clients, let ``crash`` strike after ``duration`` seconds, then stop the clients."""
    stop = threading.Event()
    editors = database.tokens["editor"]
    threads = [
        threading.Thread(
            target=_saver, args=(server, database, editors[i], database.segment_ids[5 + i], cycle, stop)
        )
        for i in range(SAVING_THREADS)
    ]
    threads.append(
        threading.Thread(target=_importer, args=(server, database.tokens["admin"][0], cycle, stop))
    )
    for thread in threads:
        thread.start()
    try:
        time.sleep(duration)
        crash()
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)


def _verify(database: LoadDatabase, cycle: Cycle, segments_per_import: int) -> None:
    """Every acknowledged save and import is there; no article is missing segments."""
    engine = database.engine()
    try:
        with engine.connect() as connection:
            for segment, version, sent in cycle.saves:
                stored = connection.execute(
                    select(SegmentRevision.target).where(
                        SegmentRevision.segment_id == segment, SegmentRevision.version == version
                    )
                ).scalar_one_or_none()
                assert stored == sent, f"cycle {cycle.number}: acknowledged save {segment}@{version} lost"
            created = connection.execute(
                select(Article.id).where(Article.title.like(f"load import c{cycle.number} %"))
            ).scalars()
            created_ids = set(created)
            assert set(cycle.imported) <= created_ids, (
                f"cycle {cycle.number}: an acknowledged import is missing"
            )
            assert len(created_ids) <= len(cycle.imported) + cycle.imports_in_flight
            counts = connection.execute(
                select(Article.id, func.count(Segment.id))
                .outerjoin(Segment, Segment.article_id == Article.id)
                .where(Article.title.like("load import %"))
                .group_by(Article.id)
            ).all()
            assert all(count == segments_per_import for _id, count in counts), counts
    finally:
        engine.dispose()


def _sqlite_integrity(database: LoadDatabase) -> None:
    path = database.url.removeprefix("sqlite:///")
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def _expected_segments(database: LoadDatabase) -> int:
    """How many segments the import text makes, measured by importing it once through the API."""
    server = Server(database, workers=1, log_name="measure.log").start()
    try:
        answer = api_session(database.tokens["admin"][0]).post(
            f"{server.base_url}/api/v1/articles",
            json={
                "title": "segment count probe",
                "source_text": IMPORT_TEXT,
                "source_lang": "zh",
                "target_lang": "en",
            },
            timeout=60,
        )
    finally:
        server.stop()
    assert answer.status_code == 201, answer.text
    return int(answer.json()["import_summary"]["segments"])


def test_sqlite_survives_kill_9_of_master_and_workers(make_database, report_figures) -> None:
    database = make_database("sqlite", clients_per_role=SAVING_THREADS)
    segments_per_import = _expected_segments(database)
    checked_saves = checked_imports = 0
    began = time.monotonic()
    for number in range(SQLITE_CYCLES):
        cycle = Cycle(number)
        server = Server(database, workers=2, log_name=f"cycle-{number}.log").start()
        try:
            _run_cycle(server, database, cycle, server.kill, random.uniform(0.5, 1.0))
        finally:
            server.kill()
        _sqlite_integrity(database)
        _verify(database, cycle, segments_per_import)
        checked_saves += len(cycle.saves)
        checked_imports += len(cycle.imported)
        assert "database is locked" not in server.log().lower()
    report_figures(
        "crash safety on sqlite: kill -9 of gunicorn master and 2 workers during saves and imports",
        {
            "cycles": SQLITE_CYCLES,
            "acknowledged saves checked": checked_saves,
            "acknowledged imports checked": checked_imports,
            "segments per import (all or nothing)": segments_per_import,
            "lost": 0,
            "integrity_check": "ok after every cycle",
            "foreign_key_check": "empty after every cycle",
            "duration": f"{time.monotonic() - began:.1f} s",
        },
    )
    assert checked_saves > SQLITE_CYCLES  # the clients really were writing when the server died


def _backend_serving_a_write(database: LoadDatabase, timeout: float = 5) -> int:
    """The process id of a PostgreSQL backend of the app's database, preferably one inside a write."""
    name = database.url.rsplit("/", 1)[-1].split("?")[0]
    deadline = time.monotonic() + timeout
    engine = database.engine()
    try:
        with engine.connect() as connection:
            while True:
                rows = connection.execute(
                    text(
                        "SELECT pid, state, query FROM pg_stat_activity WHERE datname = :name "
                        "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                    ),
                    {"name": name},
                ).all()
                writing = [r.pid for r in rows if r.state != "idle" and "UPDATE" in (r.query or "").upper()]
                busy = [r.pid for r in rows if r.state != "idle"]
                if writing or (busy and time.monotonic() > deadline):
                    return int((writing or busy)[0])
                if rows and time.monotonic() > deadline:
                    return int(rows[0].pid)
                time.sleep(0.005)
    finally:
        engine.dispose()


def _wait_for_quiet_cluster(database: LoadDatabase, timeout: float = 60) -> None:
    """Crashing a backend restarts every backend: make sure no one else's work is connected right now."""
    name = database.url.rsplit("/", 1)[-1].split("?")[0]
    deadline = time.monotonic() + timeout
    engine = database.engine()
    try:
        while True:
            with engine.connect() as connection:
                others = connection.execute(
                    text(
                        "SELECT datname, application_name FROM pg_stat_activity WHERE backend_type = "
                        "'client backend' AND datname IS DISTINCT FROM :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                ).all()
            if not others:
                return
            assert time.monotonic() < deadline, f"other PostgreSQL clients stay connected: {others}"
            time.sleep(1)
    finally:
        engine.dispose()


def test_postgres_survives_kill_9_of_a_backend_and_of_the_server(make_database, report_figures) -> None:
    database = make_database("postgresql", clients_per_role=SAVING_THREADS)
    segments_per_import = _expected_segments(database)
    checked_saves = checked_imports = healed = 0
    recovery_seconds: list[float] = []
    began = time.monotonic()
    for number in range(POSTGRES_CYCLES):
        cycle = Cycle(number)
        server = Server(database, workers=2, log_name=f"pg-cycle-{number}.log").start()

        def crash_backend_then_server(server: Server = server, cycle: Cycle = cycle) -> None:
            _wait_for_quiet_cluster(database)
            os.kill(_backend_serving_a_write(database), signal.SIGKILL)
            recovery_seconds.append(wait_for_postgres())
            cycle.recovered.set()
            deadline = time.monotonic() + 20
            while cycle.answers_after_recovery < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            server.kill()

        try:
            _run_cycle(server, database, cycle, crash_backend_then_server, random.uniform(0.4, 0.8))
        finally:
            server.kill()
        wait_for_postgres()
        _verify(database, cycle, segments_per_import)
        checked_saves += len(cycle.saves)
        checked_imports += len(cycle.imported)
        healed += cycle.answers_after_recovery >= 3
    report_figures(
        "crash safety on postgresql: kill -9 of the backend serving a write, then of gunicorn",
        {
            "cycles": POSTGRES_CYCLES,
            "acknowledged saves checked": checked_saves,
            "acknowledged imports checked": checked_imports,
            "lost": 0,
            "cluster back after (s)": ", ".join(f"{s:.1f}" for s in recovery_seconds),
            "cycles where the app healed by itself": f"{healed}/{POSTGRES_CYCLES}",
            "duration": f"{time.monotonic() - began:.1f} s",
        },
    )
    assert healed == POSTGRES_CYCLES  # after the cluster restarts, the app saves again without a restart
