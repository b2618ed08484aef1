"""Binding the database: SQLite pragmas on every connection, migrations, and a clear error for a bad URL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from workflow.config import PROJECT_ROOT, ConfigurationError
from workflow.extensions import db, migrate

_write_intent: ContextVar[bool] = ContextVar("copydesk_write_intent", default=False)


def register_database(app: Flask) -> None:
    """Validate the database URL, bind SQLAlchemy and Flask-Migrate, and tune SQLite connections.

    :raise ConfigurationError: for a malformed ``DATABASE_URL`` or an unknown driver.
    """
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    try:
        url = make_url(uri)
    except ArgumentError:
        raise ConfigurationError(
            f"DATABASE_URL is not a valid database URL: {uri!r}. Expected e.g. "
            "sqlite:///instance/copydesk.sqlite3 or postgresql+psycopg://user@host/dbname."
        ) from None
    backend = url.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise ConfigurationError(f"DATABASE_URL uses {backend!r}; Copydesk supports sqlite and postgresql.")
    if backend == "postgresql" and url.get_driver_name() not in {"psycopg", ""}:
        raise ConfigurationError("Use the psycopg 3 driver: DATABASE_URL=postgresql+psycopg://…")
    if backend == "postgresql" and not url.get_driver_name():
        app.config["SQLALCHEMY_DATABASE_URI"] = url.set(drivername="postgresql+psycopg")
    if backend == "postgresql":
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
        options["connect_args"] = {"connect_timeout": 5, **options.get("connect_args", {})}
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    if backend == "sqlite":
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
        options.pop("pool_pre_ping", None)
        connect_args = dict(options.get("connect_args", {}))
        connect_args.setdefault("timeout", app.config["SQLITE_BUSY_TIMEOUT_MS"] / 1000)
        connect_args.setdefault("check_same_thread", False)
        options["connect_args"] = connect_args
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    import workflow.models  # noqa: F401  (registers every model with the metadata)

    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _tune_sqlite(engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
        _check_reachable(engine)


def _check_reachable(engine: Engine) -> None:
    """Fail at start with one clear line when the database cannot be reached."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any driver error means "cannot reach"
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else type(exc).__name__
        where = engine.url.render_as_string(hide_password=True)
        raise ConfigurationError(f"cannot reach the database at {where}: {reason}") from None


def _tune_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """WAL, foreign keys and a busy timeout on every connection; writers start with BEGIN IMMEDIATE."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A read that later writes fails with SQLITE_BUSY under load unless the write lock is taken up
        # front, so transactions opened inside ``unit_of_work`` begin IMMEDIATE; plain reads stay shared.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")


@contextmanager
def unit_of_work() -> Iterator[Any]:
    """One use case's transaction: commit once at the end, roll back everything on any error.

    Any read transaction the request already holds is closed first, so the writing transaction starts
    fresh (on SQLite with ``BEGIN IMMEDIATE``, i.e. holding the write lock before its first read).
    """
    session = db.session
    if session().in_transaction():
        session.commit()
    token = _write_intent.set(True)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        _write_intent.reset(token)
