"""Fixtures for the quality-check tests: an article whose MT draft has the typical trade-news mistakes."""

from __future__ import annotations

import pytest

from workflow.extensions import db
from workflow.models import Article, Segment
from workflow.services import articles
from workflow.services.articles import ArticleInput

SOURCE = "2021年，园区产值达13.56亿元。\n我们引进各类人才3082名。\n园区有60多家企业。"
MT = (
    "In 2021, the output value of the park will reach 13.56 billion yuan.\n"
    "We have introduced 3,082 talents of all kinds.\n"
    "The park has more than 60 companies，"
)


def bearer(users: dict[str, object], name: str) -> dict[str, str]:
    """An Authorization header with a fresh personal token of the named demo user."""
    from workflow.services.accounts import create_token

    _token, secret = create_token(users[name].id, "test", actor=None)  # type: ignore[attr-defined]
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def article(app, users) -> Article:
    """An article dated 30 August 2022 in translation, assigned to the translator, MT as the target."""
    created, _summary = articles.import_article(
        ArticleInput(
            source_text=SOURCE,
            mt_text=MT,
            source_lang="zh",
            target_lang="en",
            title="Park output",
            article_date="2022-08-30",
        ),
        actor=users["editor"],
    )
    created.state = "translating"
    created.translator_id = users["translator"].id
    created.editor_id = users["editor"].id
    db.session.commit()
    return created


def segments_of(article: Article) -> list[Segment]:
    """The article's segments in order, fresh from the database."""
    db.session.rollback()
    return list(
        db.session.execute(
            db.select(Segment).where(Segment.article_id == article.id).order_by(Segment.position)
        ).scalars()
    )
