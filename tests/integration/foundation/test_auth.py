"""Signing in and out, bad credentials, deactivated users, rate limiting, CSRF and the role wall."""

from __future__ import annotations

import pytest

from workflow.extensions import db
from workflow.models import AuditEntry


def test_sign_in_page_renders(client):
    response = client.get("/auth/login")
    assert response.status_code == 200
    assert b"Sign in to Copydesk" in response.data


@pytest.mark.parametrize("username", ["translator", "editor", "admin"])
def test_each_demo_login_works(client, auth, users, username):
    response = auth.login(username)
    assert response.status_code == 302
    page = client.get("/account/")
    assert page.status_code == 200
    assert users[username].display_name in page.get_data(as_text=True)


def test_sign_out_ends_the_session(client, auth):
    auth.login("editor")
    assert client.get("/account/").status_code == 200
    auth.logout()
    response = client.get("/account/")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize(
    ("username", "password"),
    [("translator", "wrong-password-1"), ("nobody-here", "Lantern-Quill-42"), ("", "")],
)
def test_bad_credentials_get_one_generic_message(client, users, username, password):
    response = client.post_form("/auth/login", {"username": username, "password": password})
    body = response.get_data(as_text=True)
    if username:
        assert response.status_code == 401
        assert "Unknown username or wrong password." in body
    else:
        assert response.status_code == 200  # the form itself says the fields are required
    assert "does not exist" not in body and "wrong password for" not in body
    assert client.get("/account/").status_code == 302


def test_failed_sign_in_is_audited_without_the_password(client, users):
    client.post_form("/auth/login", {"username": "translator", "password": "not-the-password-9"})
    entry = db.session.execute(
        db.select(AuditEntry).where(AuditEntry.action == "auth.signin_failed")
    ).scalar_one()
    assert entry.target == "translator"
    assert "not-the-password-9" not in str(entry.detail)


def test_deactivated_user_is_refused(client, auth, users):
    users["translator"].active = False
    db.session.commit()
    response = auth.login("translator")
    assert response.status_code == 401
    assert client.get("/account/").status_code == 302


def test_deactivating_ends_an_open_session(app, client, auth, users):
    auth.login("translator")
    assert client.get("/account/").status_code == 200
    from workflow.services import accounts

    accounts.set_active(users["translator"].id, False, actor=users["admin"])
    assert client.get("/account/").status_code == 302


def test_rate_limit_answers_429(app, client, users):
    app.config["COPYDESK_SIGNIN_LIMIT"] = "3 per 5 minutes"
    statuses = [
        client.post_form("/auth/login", {"username": "translator", "password": f"wrong-pass-{i}"}).status_code
        for i in range(5)
    ]
    assert statuses[:3] == [401, 401, 401]
    assert statuses[3] == 429
    assert "Too many attempts" in client.post_form(
        "/auth/login", {"username": "translator", "password": "x"}
    ).get_data(as_text=True)


@pytest.mark.parametrize("path", ["/admin/users", "/admin/audit"])
def test_translator_gets_403_on_admin_pages(client, auth, path):
    auth.login("translator")
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", ["/admin/users", "/admin/audit"])
def test_admin_sees_admin_pages(client, auth, path):
    auth.login("admin")
    assert client.get(path).status_code == 200


def test_form_post_without_csrf_token_is_refused(client, users):
    response = client.post("/auth/login", data={"username": "translator", "password": "Lantern-Quill-42"})
    assert response.status_code == 400
    assert client.get("/account/").status_code == 302


def test_next_redirect_only_to_this_site(client, users):
    token = client.csrf_token()
    response = client.post(
        "/auth/login?next=https://evil.example/steal",
        data={"username": "translator", "password": "Lantern-Quill-42", "csrf_token": token},
    )
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]


def test_captured_cookie_is_useless_after_sign_out(app, client, auth):
    auth.login("translator", remember=True)
    captured = {c.key: c.value for c in client._cookies.values()}
    auth.logout()
    thief = app.test_client()
    for key, value in captured.items():
        thief.set_cookie(key, value)
    assert thief.get("/account/").status_code == 302


def test_security_headers_are_set(client):
    response = client.get("/auth/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Request-ID"]
