"""The shell around everything: health check, error pages, configuration errors, languages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workflow import create_app
from workflow.config import ConfigurationError

ROOT = Path(__file__).resolve().parents[3]


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def test_unknown_page_gets_a_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b"Page not found" in response.data


def test_unknown_api_path_gets_problem_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code in {401, 404}
    assert response.mimetype == "application/problem+json"


def test_openapi_document_lists_the_api(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/me" in spec["paths"]


def test_production_without_secret_key_refuses_to_start(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("COPYDESK_ENV", "production")
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})


@pytest.mark.parametrize("url", ["not a url at all", "mysql://root@localhost/x"])
def test_malformed_database_url_gives_one_clear_line(tmp_path, url):
    env = {"DATABASE_URL": url, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "Copydesk cannot start: DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_database_url_gives_one_clear_line(tmp_path):
    env = {"DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "Copydesk cannot start" in result.stderr
    assert "Traceback" not in result.stderr


def test_ui_shows_chinese_after_switching_language(client, auth):
    auth.login("translator")
    client.post_form("/language", {"locale": "zh_Hans", "next": "/account/"}, token_from="/account/")
    page = client.get("/account/").get_data(as_text=True)
    assert "退出" in page  # "Sign out"
    assert "Sign out" not in page
    client.post_form("/language", {"locale": "en"}, token_from="/account/")
    assert "Sign out" in client.get("/account/").get_data(as_text=True)


def test_language_choice_is_stored_on_the_user(client, auth, users):
    auth.login("editor")
    client.post_form("/language", {"locale": "zh_Hans"}, token_from="/account/")
    auth.logout()
    auth.login("editor")
    assert "退出" in client.get("/account/").get_data(as_text=True)


def test_accept_language_is_the_fallback(client):
    page = client.get("/auth/login", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_data(as_text=True)
    assert "登录" in page
