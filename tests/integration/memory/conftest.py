"""Helpers of the translation-memory tests: articles taken through the real workflow, API tokens, TMX data."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from workflow.extensions import db
from workflow.formats.tmx import write_tmx
from workflow.models import Article, Segment
from workflow.services import accounts, articles, segments, transitions
from workflow.services.articles import ArticleInput


def _segments(article_id: int) -> list[Segment]:
    db.session.rollback()
    return list(
        db.session.execute(
            db.select(Segment).where(Segment.article_id == article_id).order_by(Segment.position)
        ).scalars()
    )


@pytest.fixture
def approved_article(users) -> Callable[..., Article]:
    """Import an article with an MT draft, translate every segment as given, and approve it."""

    def make(
        source_text: str, targets: list[str], *, source_lang: str = "zh", target_lang: str = "en"
    ) -> Article:
        editor, translator = users["editor"], users["translator"]
        article, _summary = articles.import_article(
            ArticleInput(
                source_text=source_text, source_lang=source_lang, target_lang=target_lang, mt_text=None
            ),
            actor=editor,
        )
        article_id = article.id
        transitions.take_action(
            article_id, transitions.ActionInput("assign", translator="translator"), actor=editor
        )
        rows = _segments(article_id)
        assert len(rows) == len(targets), [s.source for s in rows]
        for segment, target in zip(rows, targets, strict=True):
            segments.save_segment(
                article_id,
                segment.id,
                segments.SegmentSave(target=target, version=segment.version, status="translated"),
                actor=translator,
            )
        transitions.take_action(
            article_id, transitions.ActionInput("submit", override_reason="test: checked"), actor=translator
        )
        transitions.take_action(
            article_id,
            transitions.ActionInput("approve", override_reason="test: reviewed elsewhere"),
            actor=editor,
        )
        db.session.rollback()
        return db.session.get(Article, article_id)

    return make


@pytest.fixture
def bearer(users) -> Callable[[str], dict[str, str]]:
    """Authorization headers of a fresh API token for a demo user."""

    def headers(username: str = "translator") -> dict[str, str]:
        _row, token = accounts.create_token(users[username].id, "test", actor=None)
        return {"Authorization": f"Bearer {token}"}

    return headers


@pytest.fixture
def seed_memory(users) -> Callable[..., None]:
    """Put (source, target) pairs into the memory through a TMX import (the real path)."""
    from workflow.services import memory_io

    def seed(pairs: list[tuple[str, str]], source_lang: str = "zh", target_lang: str = "en") -> None:
        memory_io.import_tmx(
            write_tmx(pairs, source_lang, target_lang), source_lang=source_lang, target_lang=target_lang
        )
        db.session.rollback()

    return seed


@pytest.fixture(autouse=True)
def private_upload_folder(app, tmp_path):
    """Uploaded TMX files wait in the test's own folder, never in the project's instance folder."""
    app.config["COPYDESK_UPLOAD_FOLDER"] = str(tmp_path / "uploads")
