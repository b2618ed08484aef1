"""Keeping every worker's in-process translation-memory index in step with the database, incrementally.

Each process holds one :class:`~workflow.memory.index.TranslationMemoryIndex` per language pair (per app,
so two apps in one test process behave like two server processes). The first lookup loads the pair's
entries; later lookups sync at most every ``COPYDESK_TM_SYNC_SECONDS`` (0.5 s by default):

* a per-pair :class:`~workflow.models.ChangeCounter` row (``tm:<src>:<tgt>``) is bumped by every
  transaction that writes the pair's memory, so an unchanged counter means "nothing to do" (one primary
  key read). Bumping it first also takes that row's lock, so on PostgreSQL the pair's writers commit in
  the order they allocated entry ids — "id greater than the last one seen" never skips a late commit;
* entries with an id above the last one seen are added;
* tombstones with an id above the last one seen name entries to forget; each is removed and, when the
  entry still exists (its context was updated, or SQLite reused the id), re-read and re-added.

Writers on SQLite give new entries explicit ids above every id ever used or tombstoned, because SQLite
reuses the highest rowid after a delete and a reused id would be invisible to "id > last seen".
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from workflow.extensions import db
from workflow.memory.index import TranslationMemoryIndex
from workflow.models import ChangeCounter, TmEntry, TmTombstone

DEFAULT_SYNC_SECONDS = 0.5
_LOAD_CHUNK = 5000
_EXTENSION_KEY = "copydesk_tm_indexes"


class StoredContextIndex(TranslationMemoryIndex):
    """The index, fed with the context *hashes* the database stores instead of the neighbours' texts."""

    def add_stored(self, entry_id: int, source: str, target: str, prev_hash: str, next_hash: str) -> None:
        """Index an entry read from the database (empty hash = neighbour unknown)."""
        self.add(entry_id, source, target)
        entry = self._entries[entry_id]
        entry.context_prev = prev_hash or None
        entry.context_next = next_hash or None


@dataclass
class _PairState:
    """One pair's index and how far it has read the entry and tombstone tables."""

    index: StoredContextIndex
    counter: int = -1
    last_entry_id: int = 0
    last_tombstone_id: int = 0
    checked_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class IndexRegistry:
    """The indexes of one app (one per language pair), loaded lazily and synced incrementally."""

    def __init__(self) -> None:
        self._pairs: dict[tuple[str, str], _PairState] = {}
        self._lock = threading.Lock()

    def state(self, source_lang: str, target_lang: str) -> _PairState:
        """The pair's state, created empty (never loaded) on first use."""
        key = (source_lang, target_lang)
        with self._lock:
            state = self._pairs.get(key)
            if state is None:
                state = self._pairs[key] = _PairState(StoredContextIndex(source_lang))
            return state

    def invalidate(self, source_lang: str, target_lang: str) -> None:
        """Make the next lookup sync at once (this process just wrote to the pair's memory)."""
        self.state(source_lang, target_lang).checked_at = 0.0


def registry(app: Flask | None = None) -> IndexRegistry:
    """This app's index registry (kept in ``app.extensions``, i.e. per process and per app)."""
    application = app or current_app._get_current_object()  # type: ignore[attr-defined]
    found = application.extensions.get(_EXTENSION_KEY)
    if found is None:
        found = application.extensions.setdefault(_EXTENSION_KEY, IndexRegistry())
    return found


def counter_name(source_lang: str, target_lang: str) -> str:
    """The change counter row of a pair's memory: ``tm:zh:en``."""
    return f"tm:{source_lang}:{target_lang}"


def announce_write(session: Any, source_lang: str, target_lang: str) -> None:
    """Bump the pair's counter inside the writing transaction (call it *before* inserting entries).

    Besides telling other workers to sync, the row lock it takes serialises the pair's writers, so entry
    ids become visible in increasing order.
    """
    name = counter_name(source_lang, target_lang)
    result = session.execute(
        update(ChangeCounter).where(ChangeCounter.name == name).values(value=ChangeCounter.value + 1)
    )
    if result.rowcount == 0:
        try:
            with session.begin_nested():
                session.add(ChangeCounter(name=name, value=1))
        except IntegrityError:  # another writer created it first: bump theirs (waits for its lock)
            session.execute(
                update(ChangeCounter).where(ChangeCounter.name == name).values(value=ChangeCounter.value + 1)
            )
    registry().invalidate(source_lang, target_lang)


def next_entry_id(session: Any) -> int | None:
    """On SQLite, the id a new entry must take (above every id used or tombstoned); None elsewhere."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    highest_entry = session.execute(select(func.max(TmEntry.id))).scalar() or 0
    highest_tombstone = session.execute(select(func.max(TmTombstone.entry_id))).scalar() or 0
    return max(highest_entry, highest_tombstone) + 1


def synced_index(source_lang: str, target_lang: str) -> StoredContextIndex:
    """The pair's index, brought up to date with the database if the last check is old enough."""
    state = registry().state(source_lang, target_lang)
    interval = float(current_app.config.get("COPYDESK_TM_SYNC_SECONDS", DEFAULT_SYNC_SECONDS))
    now = time.monotonic()
    if state.checked_at and now - state.checked_at < interval:
        return state.index
    with state.lock:
        if state.checked_at and time.monotonic() - state.checked_at < interval:
            return state.index
        _sync(state, source_lang, target_lang)
        state.checked_at = time.monotonic()
    return state.index


def _sync(state: _PairState, source_lang: str, target_lang: str) -> None:
    name = counter_name(source_lang, target_lang)
    counter = int(
        db.session.execute(select(ChangeCounter.value).where(ChangeCounter.name == name)).scalar() or 0
    )
    if counter == state.counter and state.counter >= 0:
        return
    pair = (TmEntry.source_lang == source_lang, TmEntry.target_lang == target_lang)
    while True:
        rows = db.session.execute(
            select(TmEntry.id, TmEntry.source, TmEntry.target, TmEntry.context_prev, TmEntry.context_next)
            .where(*pair, TmEntry.id > state.last_entry_id)
            .order_by(TmEntry.id)
            .limit(_LOAD_CHUNK)
        ).all()
        for entry_id, source, target, prev_hash, next_hash in rows:
            state.index.add_stored(entry_id, source, target, prev_hash, next_hash)
        if rows:
            state.last_entry_id = rows[-1][0]
        if len(rows) < _LOAD_CHUNK:
            break
    tombstones = db.session.execute(
        select(TmTombstone.id, TmTombstone.entry_id)
        .where(
            TmTombstone.source_lang == source_lang,
            TmTombstone.target_lang == target_lang,
            TmTombstone.id > state.last_tombstone_id,
        )
        .order_by(TmTombstone.id)
    ).all()
    if tombstones:
        touched = {entry_id for _, entry_id in tombstones}
        for entry_id in touched:
            state.index.remove(entry_id)
        for entry_id, source, target, prev_hash, next_hash in db.session.execute(
            select(
                TmEntry.id, TmEntry.source, TmEntry.target, TmEntry.context_prev, TmEntry.context_next
            ).where(*pair, TmEntry.id.in_(touched), TmEntry.id <= state.last_entry_id)
        ):
            state.index.add_stored(entry_id, source, target, prev_hash, next_hash)
        state.last_tombstone_id = tombstones[-1][0]
    state.counter = counter


def forget_locally(source_lang: str, target_lang: str, entry_id: int) -> None:
    """Drop an entry from this process's index at once (it was found missing from the database)."""
    registry().state(source_lang, target_lang).index.remove(entry_id)
