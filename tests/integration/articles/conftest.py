"""Helpers for article tests: import the demo article, call the JSON API as a user."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workflow.services import accounts
from workflow.services.articles import ArticleInput, import_article

DEMO = Path(__file__).resolve().parents[3] / "workflow" / "data" / "demo"


class ApiClient:
    """Calls /api/v1 with a personal token, as a script would."""

    def __init__(self, client, token: str) -> None:
        self._client = client
        self._headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **kwargs):
        """GET with the token."""
        return self._client.get(path, headers=self._headers, **kwargs)

    def post(self, path: str, json: object):
        """POST JSON with the token."""
        return self._client.post(path, json=json, headers=self._headers)

    def put(self, path: str, json: object):
        """PUT JSON with the token."""
        return self._client.put(path, json=json, headers=self._headers)


@pytest.fixture
def api(app, users):
    """``api('editor')`` → an ApiClient acting as that demo user."""

    def make(username: str) -> ApiClient:
        _row, token = accounts.create_token(users[username].id, "tests", actor=None)
        return ApiClient(app.test_client(), token)

    return make


@pytest.fixture
def demo_article(app, users):
    """The Yichang demo article (Chinese source with its English MT), imported by the editor."""
    article, _summary = import_article(
        ArticleInput(
            title="宜昌片区",
            source_text=(DEMO / "yichang_zh.txt").read_text(encoding="utf-8"),
            mt_text=(DEMO / "yichang_mt_en.txt").read_text(encoding="utf-8"),
            source_lang="zh",
            target_lang="en",
            article_date=dt.date(2022, 8, 30),
        ),
        actor=users["editor"],
    )
    return article
