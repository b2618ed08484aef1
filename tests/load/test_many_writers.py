"""Many writers, no lost word: 20 clients hammer the same segments through gunicorn with 4 workers.

Every save must be either accepted (200, a new version) or refused as stale (409, with the current text);
every accepted save must be in the history; the text left in each segment must be the last accepted one;
and someone saving their own segment twice in a row must never be told they conflicted with themselves.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from tests.load.conftest import LoadDatabase, Server, api_session
from workflow.models import Segment, SegmentRevision

CLIENTS = 20
SAVES_PER_CLIENT = 50
CONTESTED_SEGMENTS = 3
SEQUENTIAL_SAVES = 50


@dataclass
class Outcome:
    """What the clients saw."""

    statuses: Counter[int] = field(default_factory=Counter)
    accepted: list[tuple[int, int, str]] = field(default_factory=list)  # (segment, version, text)
    unexpected: list[str] = field(default_factory=list)
    sequential_conflicts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int, segment: int, version: int | None, sent: str) -> None:
        """Count one answer; remember it when it was an acknowledgement."""
        with self.lock:
            self.statuses[status] += 1
            if status == 200 and version is not None:
                self.accepted.append((segment, version, sent))


def _segment_url(server: Server, database: LoadDatabase, segment: int) -> str:
    return f"{server.base_url}/api/v1/articles/{database.article_id}/segments/{segment}"


def _current_version(session, server: Server, database: LoadDatabase, segment: int) -> int:
    article = session.get(f"{server.base_url}/api/v1/articles/{database.article_id}", timeout=60).json()
    return next(s["version"] for s in article["segments"] if s["id"] == segment)


def _contending_client(
    number: int,
    token: str,
    server: Server,
    database: LoadDatabase,
    outcome: Outcome,
    start: threading.Barrier,
) -> None:
    """Save 50 times on the contested segments, reusing the version from each answer (200 or 409)."""
    session = api_session(token)
    contested = database.segment_ids[:CONTESTED_SEGMENTS]
    known: dict[int, int] = {}
    start.wait()
    for attempt in range(SAVES_PER_CLIENT):
        segment = contested[(number + attempt // 10) % len(contested)]  # ten saves in a row on one
        try:
            if segment not in known:
                known[segment] = _current_version(session, server, database, segment)
            sent = f"client {number} save {attempt}: the port handled 1.2 million containers"
            answer = session.put(
                _segment_url(server, database, segment),
                json={"target": sent, "version": known[segment]},
                timeout=60,
            )
        except Exception as exc:  # noqa: BLE001 - any transport failure is a finding, not a crash of the test
            with outcome.lock:
                outcome.unexpected.append(f"client {number}: {exc!r}")
            known.pop(segment, None)
            continue
        body = answer.json() if answer.headers.get("Content-Type", "").endswith("json") else {}
        outcome.record(answer.status_code, segment, body.get("version"), sent)
        if answer.status_code in (200, 409) and isinstance(body.get("version"), int):
            known[segment] = body["version"]
        else:
            with outcome.lock:
                outcome.unexpected.append(f"client {number}: {answer.status_code} {answer.text[:200]}")
            known.pop(segment, None)


def _sequential_client(token: str, server: Server, database: LoadDatabase, outcome: Outcome, start) -> None:
    """The assigned translator saves their own segment over and over with the version each save returns."""
    session = api_session(token)
    segment = database.segment_ids[CONTESTED_SEGMENTS]
    version = _current_version(session, server, database, segment)
    start.wait()
    for attempt in range(SEQUENTIAL_SAVES):
        sent = f"translator's own draft number {attempt}"
        answer = session.put(
            _segment_url(server, database, segment), json={"target": sent, "version": version}, timeout=60
        )
        body = answer.json()
        outcome.record(answer.status_code, segment, body.get("version"), sent)
        if answer.status_code == 409:
            with outcome.lock:
                outcome.sequential_conflicts += 1
        if answer.status_code != 200:
            with outcome.lock:
                outcome.unexpected.append(f"sequential: {answer.status_code} {answer.text[:200]}")
            version = _current_version(session, server, database, segment)
            continue
        version = body["version"]


def _stored_revisions(database: LoadDatabase, segments: list[int]) -> list[tuple[int, int, str]]:
    """Every revision row of ``segments`` as (segment, version, text)."""
    query = select(SegmentRevision.segment_id, SegmentRevision.version, SegmentRevision.target).where(
        SegmentRevision.segment_id.in_(segments)
    )
    engine = database.engine()
    try:
        with engine.connect() as connection:
            return [(int(r[0]), int(r[1]), str(r[2])) for r in connection.execute(query)]
    finally:
        engine.dispose()


def _final_segments(database: LoadDatabase, segments: list[int]) -> dict[int, tuple[int, str]]:
    """The stored (version, text) of each of ``segments``."""
    query = select(Segment.id, Segment.version, Segment.target).where(Segment.id.in_(segments))
    engine = database.engine()
    try:
        with engine.connect() as connection:
            return {int(r[0]): (int(r[1]), str(r[2])) for r in connection.execute(query)}
    finally:
        engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_many_writers_lose_no_word(kind: str, make_database, report_figures) -> None:
    database = make_database(kind, clients_per_role=7)
    tokens = [token for role in ("translator", "editor", "admin") for token in database.tokens[role]]
    contested = database.segment_ids[:CONTESTED_SEGMENTS]
    watched = database.segment_ids[: CONTESTED_SEGMENTS + 1]
    before = _stored_revisions(database, watched)
    outcome = Outcome()
    server = Server(database, workers=4).start()
    try:
        start = threading.Barrier(CLIENTS + 1)
        threads = [
            threading.Thread(
                target=_contending_client, args=(n, tokens[n + 1], server, database, outcome, start)
            )
            for n in range(CLIENTS)
        ]
        threads.append(
            threading.Thread(target=_sequential_client, args=(tokens[0], server, database, outcome, start))
        )
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=240)
        duration = time.monotonic() - began
        assert not any(thread.is_alive() for thread in threads), "clients still running after 240 s"
    finally:
        server.stop()
    log = server.log()

    stored = _stored_revisions(database, watched)
    new_revisions = sorted(set(stored) - set(before))
    final = _final_segments(database, watched)
    last_acknowledged = {}
    for segment, version, sent in outcome.accepted:
        if version > last_acknowledged.get(segment, (0, ""))[0]:
            last_acknowledged[segment] = (version, sent)
    lost = len(set(outcome.accepted) - set(stored))
    saves = sum(outcome.statuses.values())
    report_figures(
        f"many writers on {kind}: {CLIENTS} clients x {SAVES_PER_CLIENT} saves on {len(contested)} segments, "
        f"plus {SEQUENTIAL_SAVES} sequential saves, gunicorn -w 4",
        {
            "saves sent": saves,
            "200 accepted": outcome.statuses[200],
            "409 stale": outcome.statuses[409],
            "other answers or transport errors": len(outcome.unexpected),
            "revisions stored": len(new_revisions),
            "lost acknowledged saves": lost,
            "sequential self-conflicts": outcome.sequential_conflicts,
            "duration": f"{duration:.1f} s ({saves / duration:.0f} saves/s)",
        },
    )
    assert outcome.unexpected == []
    assert set(outcome.statuses) <= {200, 409}
    assert saves == CLIENTS * SAVES_PER_CLIENT + SEQUENTIAL_SAVES
    assert outcome.sequential_conflicts == 0
    assert len(new_revisions) == outcome.statuses[200]
    assert sorted(outcome.accepted) == new_revisions  # each acknowledged save is exactly one revision
    assert lost == 0
    for segment in watched:
        assert final[segment] == last_acknowledged[segment], f"segment {segment} lost its last save"
    assert "database is locked" not in log.lower()
    assert "Traceback" not in log
    assert not re.search(r'"status": 5\d\d', log)
