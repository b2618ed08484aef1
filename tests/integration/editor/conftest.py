"""Fixtures of the editor's page and API tests."""

from __future__ import annotations

import pytest

from tests.helpers.articles import claimed_article
from workflow.models import Article, User


@pytest.fixture
def article(app, users: dict[str, User]) -> Article:
    """An article claimed by the translator (state translating), three segments with MT."""
    return claimed_article(users)
