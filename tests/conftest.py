"""Shared fixtures in the style of Flask's tutorial: ``app``, ``client``, ``runner`` and an ``auth`` helper.

The database is real: SQLite by default, PostgreSQL when ``TEST_DATABASE_URL`` points at one. The schema is
built once per test session by the Alembic migrations (never ``create_all``), in a private SQLite file or a
private PostgreSQL schema that is dropped at the end, so runs never collide and never touch other data.
Each test then starts from empty tables.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.globals import _cv_app
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from workflow import create_app
from workflow.extensions import db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
SHARED_DIR = Path(
    os.environ.get("COPYDESK_SHARED_DIR", Path(__file__).resolve().parents[1].parent / "shared")
)
PASSWORDS = {
    "translator": "Lantern-Quill-42",
    "translator2": "Harbor-Pebble-42",
    "editor": "Ledger-Compass-42",
    "admin": "Summit-Keystone-42",
}
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def _base_config(database_url: str, instance: Path) -> dict[str, object]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "COPYDESK_QUEUE_PATH": str(instance / "tasks.sqlite3"),
        "COPYDESK_SIGNIN_LIMIT": "1000 per minute",
    }


def _postgres_url_with_schema(schema: str) -> str:
    url = make_url(TEST_DATABASE_URL)
    if not url.drivername.endswith("+psycopg"):
        url = url.set(drivername="postgresql+psycopg")
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def interop_corpus() -> Path:
    """The shared interop files (real TMX/TBX/XLIFF/CSV, invalid and hostile ones); missing means failure."""
    interop = SHARED_DIR / "interop"
    if not (interop / "MANIFEST.tsv").is_file():
        pytest.fail(f"the interop corpus is missing at {interop}; set COPYDESK_SHARED_DIR to shared/")
    return interop


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Build the schema once through the migrations; yields how to reach it."""
    from flask_migrate import upgrade

    instance = tmp_path_factory.mktemp("instance")
    if TEST_DATABASE_URL:
        schema = f"test_{uuid.uuid4().hex[:12]}"
        admin_engine = create_engine(_postgres_url_with_schema("public"))
        with admin_engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = _postgres_url_with_schema(schema)
        app = create_app(_base_config(url, instance))
        with app.app_context():
            upgrade()
            db.engine.dispose()
        try:
            yield {"kind": "postgresql", "url": url, "schema": schema}
        finally:
            with admin_engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin_engine.dispose()
    else:
        template = instance / "template.sqlite3"
        app = create_app(_base_config(f"sqlite:///{template}", instance))
        with app.app_context():
            upgrade()
            db.engine.dispose()
        yield {"kind": "sqlite", "template": str(template)}


@pytest.fixture
def app(migrated_database: dict[str, str], tmp_path: Path) -> Iterator[Flask]:
    """A Copydesk app on a freshly emptied, fully migrated database."""
    if migrated_database["kind"] == "sqlite":
        database = tmp_path / "copydesk.sqlite3"
        shutil.copyfile(migrated_database["template"], database)
        url = f"sqlite:///{database}"
    else:
        url = migrated_database["url"]
    application = create_app(_base_config(url, tmp_path))
    application.test_client_class = CsrfClient
    with application.app_context():
        if migrated_database["kind"] == "postgresql":
            _empty_postgres_tables()
        yield application
        db.session.remove()
        db.engine.dispose()


def _empty_postgres_tables() -> None:
    tables = [t.name for t in db.metadata.sorted_tables]
    db.session.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
    db.session.commit()


class CsrfClient(FlaskClient):
    """A test client that can fetch a CSRF token the way a browser gets one from a form.

    Each request runs in its own application context, as in production, even though the test itself
    holds one open for database access (otherwise ``g`` and the database session would leak between
    requests and hide real bugs).
    """

    def open(self, *args: object, **kwargs: object):
        """Send the request from outside the test's application context."""
        token = _cv_app.set(None)  # type: ignore[arg-type]
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)

    def csrf_token(self, path: str = "/auth/login") -> str:
        """A valid CSRF token for this client's session."""
        html = self.get(path).get_data(as_text=True)
        match = _CSRF.search(html)
        assert match, f"no csrf token on {path}"
        return match.group(1) or match.group(2)

    def post_form(self, path: str, data: dict[str, object] | None = None, **kwargs: object):
        """POST a form with a valid CSRF token, as the page would."""
        payload = dict(data or {})
        payload.setdefault("csrf_token", self.csrf_token(kwargs.pop("token_from", "/auth/login")))  # type: ignore[arg-type]
        return self.post(path, data=payload, **kwargs)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A browser-like client with cookies."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """Runs ``flask`` commands against the test app."""
    return app.test_cli_runner()


@pytest.fixture
def users(app: Flask) -> dict[str, object]:
    """The demo users (translator, translator2, editor, admin) with their known passwords."""
    from workflow.cli.demo import seed_users

    return seed_users()


class AuthActions:
    """Sign in and out as a role, like the tutorial's ``auth`` fixture."""

    def __init__(self, client: CsrfClient) -> None:
        self._client = client

    def login(self, username: str = "translator", password: str | None = None, remember: bool = False):
        """Sign in through the real form (CSRF token included)."""
        data = {"username": username, "password": password or PASSWORDS.get(username, "")}
        if remember:
            data["remember"] = "y"
        return self._client.post_form("/auth/login", data)

    def logout(self):
        """Sign out through the real form."""
        return self._client.post_form("/auth/logout", {}, token_from="/account/")


@pytest.fixture
def auth(client: CsrfClient, users: dict[str, object]) -> AuthActions:
    """Sign in as any demo user: ``auth.login('editor')``."""
    return AuthActions(client)
