"""Fixtures for the security suite: one app per module and a "world" of real objects to aim requests at.

The authorization matrix sends hundreds of requests; building a database per request would take minutes, so
:func:`security_app` copies the migrated template once per test module (or empties the private PostgreSQL
schema once), and :class:`World` creates every kind of object a URL can name — an article assigned to the
translator with its segments, a comment, a glossary term, a TM entry, a custom rule, a job, a QA dismissal,
a throwaway user and token — plus a signed-in client and an API token for every demo user. ``rebuild()``
makes fresh objects after a request that may have changed them, so no cell sees another cell's writes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text

from tests.conftest import PASSWORDS, CsrfClient, _base_config
from workflow import create_app
from workflow.extensions import db

ROLES = ("translator", "translator2", "editor", "admin")


@pytest.fixture(scope="module")
def security_app(
    migrated_database: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """One Copydesk app on its own freshly emptied database, shared by every test of a module."""
    folder = tmp_path_factory.mktemp("security")
    if migrated_database["kind"] == "sqlite":
        database = folder / "copydesk.sqlite3"
        shutil.copyfile(migrated_database["template"], database)
        url = f"sqlite:///{database}"
    else:
        url = migrated_database["url"]
    application = create_app(_base_config(url, folder))
    application.test_client_class = CsrfClient
    with application.app_context():
        if migrated_database["kind"] == "postgresql":
            tables = [t.name for t in db.metadata.sorted_tables]
            db.session.execute(
                text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
            )
            db.session.commit()
        yield application
        db.session.remove()
        db.engine.dispose()


def sign_in(application: Flask, username: str, password: str | None = None) -> CsrfClient:
    """A new client signed in through the real form."""
    client = application.test_client()
    response = client.post_form(
        "/auth/login", {"username": username, "password": password or PASSWORDS[username]}
    )
    assert response.status_code == 302, f"could not sign in as {username}"
    return client  # type: ignore[return-value]


SOURCE = "前三季度，湖北省外贸进出口总值5012.4亿元。其中，出口3421.6亿元，增长15.3%。"
MT = "In the first three quarters, Hubei's foreign trade was 501.24 billion yuan. Exports grew 15.3%."


class World:
    """Real users, sessions, tokens and one object of every kind, with ids to put into URLs."""

    def __init__(self, application: Flask) -> None:
        from workflow.cli.demo import seed_users
        from workflow.services import accounts

        self.app = application
        self.serial = itertools.count(1)
        self.users = seed_users()
        self.user_ids = {name: user.id for name, user in self.users.items()}
        self.tokens: dict[str, str] = {}
        self.clients: dict[str, CsrfClient] = {}
        self.csrf: dict[str, str] = {}
        for name in ROLES:
            self.refresh_principal(name)
        row, self.revoked_token = accounts.create_token(self.user_ids["translator"], "revoked", actor=None)
        accounts.revoke_token(row.id, actor=self.user("translator"))
        self.anonymous = application.test_client()
        self.anonymous_csrf = self.anonymous.csrf_token("/auth/login")
        self.ids: dict[str, Any] = {}
        self.rebuild()

    def user(self, name: str) -> Any:
        """The demo user ``name`` as the database has it now."""
        from workflow.models import User

        db.session.rollback()
        return db.session.get(User, self.user_ids[name])

    def refresh_principal(self, name: str) -> None:
        """Sign ``name`` in again and give them a new API token (after a request ended their sessions)."""
        from workflow.services import accounts

        _row, self.tokens[name] = accounts.create_token(self.user_ids[name], "matrix", actor=None)
        self.clients[name] = sign_in(self.app, name)
        self.csrf[name] = self.clients[name].csrf_token("/account/")

    def next_serial(self) -> int:
        """A number never used before in this world (for unique names)."""
        return next(self.serial)

    def rebuild(self) -> None:
        """Create a fresh object of every kind and point the URL parameters at them."""
        from workflow.glossary.terms import TermData
        from workflow.models import FindingDismissal, Job, Segment, TmEntry
        from workflow.services import accounts, glossary, rules
        from workflow.services.articles import ArticleInput, import_article
        from workflow.services.memory import pair_hash
        from workflow.services.segments import add_comment
        from workflow.services.transitions import ActionInput, take_action

        n = self.next_serial()
        editor, translator = self.user("editor"), self.user("translator")
        article, _summary = import_article(
            ArticleInput(
                title=f"Matrix article {n}",
                source_text=SOURCE,
                mt_text=MT,
                source_lang="zh",
                target_lang="en",
                article_date=dt.date(2024, 9, 5),
            ),
            actor=editor,
        )
        take_action(article.id, ActionInput("assign", translator="translator", editor="editor"), actor=editor)
        segment_ids = list(
            db.session.execute(
                db.select(Segment.id).where(Segment.article_id == article.id).order_by(Segment.position)
            ).scalars()
        )
        comment = add_comment(article.id, segment_ids[0], "Is this figure right?", actor=translator)
        admin = self.user("admin")
        term = glossary.create_term(
            "zh", "en", TermData(source_term=f"外贸{n}", target_term=f"foreign trade {n}"), actor=admin
        )
        custom = rules.create_custom_rule(
            rules.CustomRuleInput(
                rule_id=f"matrix-rule-{n}", message="Avoid this phrase.", phrases=[f"zq{n}x"]
            ),
            actor=admin,
        )
        entry = TmEntry(
            source_lang="zh",
            target_lang="en",
            source=f"出口增长{n}。",
            target=f"Exports grew {n}.",
            pair_hash=pair_hash(f"出口增长{n}。", f"Exports grew {n}."),
            author_id=translator.id,
            origin="import",
        )
        job = Job(kind="recheck", state="done", total=1, done=1, created_by_id=translator.id)
        dismissal = FindingDismissal(
            segment_id=segment_ids[0],
            check_id="numbers",
            fingerprint="f" * 64,
            reason="Checked with the source.",
            dismissed_by_id=editor.id,
        )
        db.session.add_all([entry, job, dismissal])
        db.session.commit()
        throwaway = accounts.create_user(
            accounts.NewUser(
                username=f"throwaway{n}", email=f"throwaway{n}@example.com", password="Granite-Orbit-77"
            ),
            actor=None,
        )
        token_row, _token = accounts.create_token(translator.id, f"throwaway {n}", actor=None)
        self.ids = {
            "article_id": article.id,
            "segment_id": segment_ids[0],
            "comment_id": comment.id,
            "term_id": term.id,
            "entry_id": entry.id,
            "custom_id": custom.id,
            "job_id": job.id,
            "dismissal_id": dismissal.id,
            "user_id": throwaway.id,
            "token_id": token_row.id,
            "rule_id": "the-above-is",
            "filename": "css/app.css",
        }
        db.session.rollback()

    def segment_version(self) -> int:
        """The current version of the segment the URLs name."""
        from workflow.models import Segment

        db.session.rollback()
        return db.session.get(Segment, self.ids["segment_id"]).version


@pytest.fixture(scope="module")
def world(security_app: Flask) -> World:
    """The objects and principals every matrix cell is aimed at."""
    return World(security_app)


FIGURES_FILE = Path(__file__).resolve().parents[2] / "test-output" / "security-figures.txt"


def report_figure(capsys: pytest.CaptureFixture[str], line: str) -> None:
    """Show a measured figure on the terminal and keep it in test-output/security-figures.txt.

    Under pytest-xdist a worker's output never reaches the terminal, so the file is where ``make test``
    leaves the figures.
    """
    with capsys.disabled():
        print(f"\n{line}")
    FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
    with FIGURES_FILE.open("a", encoding="utf-8") as figures:
        figures.write(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M:%S} {line}\n")
