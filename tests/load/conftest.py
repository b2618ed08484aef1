"""The reliability harness: real databases, a real gunicorn, real HTTP clients, and a place for the figures.

Each test gets a private database (a SQLite file, or a ``copydesk_load_<random>`` PostgreSQL database that is
dropped afterwards), migrated and seeded through the real ``flask`` commands, with one personal API token per
client. Servers run in their own process group so a test can ``kill -9`` master and workers together.

This suite stresses the whole machine and crashes PostgreSQL on purpose, so it runs only when named
(``pytest tests/load``), never as part of the ordinary parallel suite.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = PROJECT_ROOT / ".venv" / "bin"
FIGURES_FILE = PROJECT_ROOT / "test-output" / "load-figures.txt"
POSTGRES_ADMIN_URL = os.environ.get("LOAD_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
LOAD_DIR = Path(__file__).resolve().parent


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Leave this folder out unless the command line names it (or something inside it)."""
    if LOAD_DIR not in (collection_path, *collection_path.parents):
        return None
    for argument in config.invocation_params.args:
        candidate = (config.invocation_params.dir / str(argument).split("::")[0]).resolve()
        if candidate == LOAD_DIR or LOAD_DIR in candidate.parents:
            return None
    return True


@dataclass
class LoadDatabase:
    """A private, migrated, seeded database and how to reach it."""

    kind: str
    url: str
    workdir: Path
    tokens: dict[str, list[str]] = field(default_factory=dict)
    article_id: int = 0
    segment_ids: list[int] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        """The environment for ``flask`` and ``gunicorn`` subprocesses on this database."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "TEST_DATABASE"))}
        env.update(
            FLASK_APP="wsgi.py",
            DATABASE_URL=self.url,
            SECRET_KEY="load-test-secret-key-" + uuid.uuid4().hex,
            COPYDESK_ENV="production",
            COPYDESK_SIGNIN_LIMIT="100000 per minute",
            COPYDESK_QUEUE_PATH=str(self.workdir / "tasks.sqlite3"),
            COPYDESK_TASKS_IMMEDIATE="1",
            PYTHONUNBUFFERED="1",
        )
        return env

    def engine(self) -> Engine:
        """A fresh engine for checking results (no pooling: it must survive server and backend crashes)."""
        return create_engine(self.url, poolclass=NullPool)

    def flask(self, *args: str, timeout: float = 120) -> str:
        """Run ``flask ARGS`` on this database and return its output; a failure fails the test."""
        done = subprocess.run(
            [str(VENV_BIN / "flask"), *args],
            cwd=PROJECT_ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert done.returncode == 0, f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout


def _postgres_admin() -> Engine:
    return create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _create_postgres_database() -> str:
    """Create ``copydesk_load_<random>``; fail loudly when PostgreSQL cannot be reached."""
    name = f"copydesk_load_{uuid.uuid4().hex[:10]}"
    admin = _postgres_admin()
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure here means the PostgreSQL half cannot run
        pytest.fail(f"PostgreSQL at {POSTGRES_ADMIN_URL} is needed for this test and failed: {exc}")
    finally:
        admin.dispose()
    return make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    wait_for_postgres()
    admin = _postgres_admin()
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def wait_for_postgres(timeout: float = 90) -> float:
    """Wait until ``pg_isready`` answers (after a crash recovery); return the seconds waited."""
    url = make_url(POSTGRES_ADMIN_URL)
    started = time.monotonic()
    while True:
        ready = subprocess.run(
            ["pg_isready", "-q", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432)], check=False
        )
        if ready.returncode == 0:
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            pytest.fail(f"PostgreSQL did not come back within {timeout:.0f} s")
        time.sleep(0.2)


def _seed(database: LoadDatabase, clients_per_role: int) -> None:
    """Migrate and seed through the CLI, then make a token per client and pick the translating article."""
    database.flask("db", "upgrade")
    database.flask("demo", "seed")
    script = (
        "from wsgi import app\n"
        "from workflow.extensions import db\n"
        "from workflow.models import Article, Segment, User\n"
        "from workflow.services.accounts import create_token\n"
        "import json, sys\n"
        "n = int(sys.argv[1])\n"
        "with app.app_context():\n"
        "    article = db.session.execute(db.select(Article).where(Article.state == 'translating',"
        " Article.translator_id.is_not(None)).order_by(Article.id)).scalars().first()\n"
        "    tokens = {}\n"
        "    for name in ('translator', 'editor', 'admin'):\n"
        "        user = db.session.execute(db.select(User).where(User.username == name)).scalar_one()\n"
        "        tokens[name] = [create_token(user.id, f'load {i}', actor=None)[1] for i in range(n)]\n"
        "    segments = [s.id for s in article.segments]\n"
        "    translator = db.session.get(User, article.translator_id).username\n"
        "    print(json.dumps({'article': article.id, 'segments': segments, 'tokens': tokens,"
        " 'translator': translator}))\n"
    )
    done = subprocess.run(
        [str(VENV_BIN / "python"), "-c", script, str(clients_per_role)],
        cwd=PROJECT_ROOT,
        env=database.env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seeded = json.loads(done.stdout.strip().splitlines()[-1])
    assert seeded["translator"] == "translator", "the demo article should be assigned to 'translator'"
    database.article_id = seeded["article"]
    database.segment_ids = seeded["segments"]
    database.tokens = seeded["tokens"]


@pytest.fixture
def make_database(tmp_path: Path) -> Iterator[Callable[..., LoadDatabase]]:
    """A factory: ``make_database('sqlite' | 'postgresql', clients_per_role=7)``; cleaned up afterwards."""
    created: list[LoadDatabase] = []

    def make(kind: str, clients_per_role: int = 7) -> LoadDatabase:
        workdir = tmp_path / f"{kind}-{len(created)}"
        workdir.mkdir()
        url = f"sqlite:///{workdir / 'copydesk.sqlite3'}" if kind == "sqlite" else _create_postgres_database()
        database = LoadDatabase(kind=kind, url=url, workdir=workdir)
        created.append(database)
        _seed(database, clients_per_role)
        return database

    yield make
    for database in created:
        if database.kind == "postgresql":
            _drop_postgres_database(database.url)


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """gunicorn serving ``wsgi:app`` on 127.0.0.1, in its own process group, logging to a file."""

    def __init__(self, database: LoadDatabase, workers: int, log_name: str = "server.log") -> None:
        self.database = database
        self.workers = workers
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = database.workdir / log_name
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, ready_within: float = 60) -> Server:
        """Start master and workers and wait until every worker can answer ``/healthz``."""
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(VENV_BIN / "gunicorn"),
                    "wsgi:app",
                    "-w",
                    str(self.workers),
                    "-b",
                    f"127.0.0.1:{self.port}",
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "5",
                ],
                cwd=PROJECT_ROOT,
                env=self.database.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killpg reaches master and workers
            )
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited at start:\n{self.log()}")
            try:
                if requests.get(f"{self.base_url}/healthz", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.kill()
        pytest.fail(f"gunicorn was not ready within {ready_within:.0f} s:\n{self.log()}")

    def kill(self) -> None:
        """``kill -9`` master and workers at once, as a power cut of the host process would."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        """A clean shutdown (SIGTERM to the master), falling back to ``kill -9``."""
        if self.process is None:
            return
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=15)
        self.kill()

    def log(self) -> str:
        """Everything the server wrote."""
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""


def api_session(token: str) -> requests.Session:
    """An HTTP session authenticated with a personal API token."""
    session = requests.Session()
    session.headers.update({"Authorization": f"Bearer {token}", "Accept": "application/json"})
    return session


@pytest.fixture
def report_figures(request: pytest.FixtureRequest) -> Callable[[str, dict[str, object]], None]:
    """Print a block of measured figures on the terminal (even under ``-q``) and append it to the file."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")

    def report(title: str, figures: dict[str, object]) -> None:
        lines = [f"== {title}", *(f"   {name}: {value}" for name, value in figures.items())]
        FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
        with FIGURES_FILE.open("a", encoding="utf-8") as handle:
            handle.write(time.strftime("%Y-%m-%d %H:%M:%S ") + "\n".join(lines) + "\n")
        if reporter is None:
            return
        with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
            reporter.write_line("")
            for line in lines:
                reporter.write_line(line)

    return report


@pytest.fixture(scope="session", autouse=True)
def _fresh_figures_file() -> None:
    """Start each run of this suite with an empty figures file."""
    FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
    FIGURES_FILE.write_text("", encoding="utf-8")
