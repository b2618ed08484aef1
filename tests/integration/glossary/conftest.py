"""Fixtures for the glossary tests: uploads kept in the test's folder, API tokens, a counted terms table."""

from __future__ import annotations

from pathlib import Path

import pytest

from workflow.extensions import db
from workflow.models import Term

INTEROP = Path(__file__).resolve().parents[4] / "shared" / "interop"


@pytest.fixture(autouse=True)
def _private_uploads(app, tmp_path):
    """Previewed uploads go to the test's own folder, and the matcher cache checks the counter every time."""
    app.config["COPYDESK_UPLOAD_DIR"] = str(tmp_path / "uploads")
    app.config["COPYDESK_GLOSSARY_CACHE_SECONDS"] = 0


def bearer(users: dict[str, object], name: str) -> dict[str, str]:
    """An Authorization header with a fresh personal token of the named demo user."""
    from workflow.services.accounts import create_token

    _row, secret = create_token(users[name].id, "test", actor=None)  # type: ignore[attr-defined]
    return {"Authorization": f"Bearer {secret}"}


def term_rows() -> list[tuple]:
    """Every stored term as comparable tuples, read fresh from the database."""
    db.session.rollback()
    rows = db.session.execute(
        db.select(
            Term.source_lang, Term.target_lang, Term.source_term, Term.target_term, Term.status
        ).order_by(Term.id)
    ).all()
    return [tuple(row) for row in rows]
