"""Sessions that really end, cookies that cannot be replayed, safe redirects, strong passwords, rate limits.

These are the guarantees a stolen laptop, a phishing link or a password-guessing script run into.
"""

from __future__ import annotations

import datetime as dt
import logging
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import pytest

from tests.conftest import _CSRF, PASSWORDS
from workflow.extensions import db
from workflow.models import AuditEntry, AuthSession, User


def _cookies(client) -> dict[str, str]:
    return {cookie.key: cookie.value for cookie in client._cookies.values()}


def _replay(app, cookies: dict[str, str]):
    thief = app.test_client()
    for key, value in cookies.items():
        thief.set_cookie(key, value)
    return thief


def test_session_cookie_is_replaced_at_sign_in(app, client, auth):
    client.get("/auth/login")
    before = _cookies(client)["session"]
    auth.login("translator")
    after = _cookies(client)["session"]
    assert after != before
    assert _replay(app, {"session": before}).get("/account/").status_code == 302


def test_remember_me_cookie_alone_signs_in_until_sign_out(app, client, auth):
    auth.login("translator", remember=True)
    remember = {"remember_token": _cookies(client)["remember_token"]}
    assert _replay(app, remember).get("/account/").status_code == 200  # the cookie really works…
    auth.logout()
    assert _replay(app, remember).get("/account/").status_code == 302  # …until sign-out


@pytest.mark.parametrize("ending", ["deactivate", "password"])
def test_deactivation_and_password_change_end_sessions_cookies_and_tokens(app, client, auth, users, ending):
    from workflow.services import accounts

    auth.login("translator", remember=True)
    captured = _cookies(client)
    _row, token = accounts.create_token(users["translator"].id, "script", actor=None)
    bearer = {"Authorization": f"Bearer {token}"}
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 200
    if ending == "deactivate":
        accounts.set_active(users["translator"].id, False, actor=users["admin"])
    else:
        accounts.change_password(
            users["translator"].id, PASSWORDS["translator"], "Copper-Meadow-93", actor=users["translator"]
        )
    assert client.get("/account/").status_code == 302
    assert _replay(app, captured).get("/account/").status_code == 302
    assert _replay(app, {"remember_token": captured["remember_token"]}).get("/account/").status_code == 302
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 401


def test_password_change_through_the_form_signs_out_other_browsers(app, client, auth):
    auth.login("translator")
    other = app.test_client()
    other.post_form("/auth/login", {"username": "translator", "password": PASSWORDS["translator"]})
    assert other.get("/account/").status_code == 200
    client.post_form(
        "/account/password",
        {"current": PASSWORDS["translator"], "password": "Copper-Meadow-93"},
        token_from="/account/",
    )
    assert other.get("/account/").status_code == 302


@pytest.mark.parametrize("secure", [True, False])
def test_cookie_flags(migrated_database, tmp_path, monkeypatch, secure):
    """Remember-me and session cookies: HttpOnly, SameSite=Lax, Secure when configured, bounded lifetime."""
    import shutil

    from tests.conftest import CsrfClient, _base_config, _empty_postgres_tables
    from workflow import create_app
    from workflow.cli.demo import seed_users

    if migrated_database["kind"] == "sqlite":
        database = tmp_path / "cookies.sqlite3"
        shutil.copyfile(migrated_database["template"], database)
        url = f"sqlite:///{database}"
    else:
        url = migrated_database["url"]
    monkeypatch.setenv("COPYDESK_SECURE_COOKIES", "1" if secure else "0")
    application = create_app(_base_config(url, tmp_path))
    application.test_client_class = CsrfClient
    with application.app_context():
        if migrated_database["kind"] != "sqlite":
            _empty_postgres_tables()
        seed_users()
        client = application.test_client()
        base_url = "https://localhost" if secure else "http://localhost"
        page = client.get("/auth/login", base_url=base_url).get_data(as_text=True)
        token = _CSRF.search(page).group(2)
        response = client.post(
            "/auth/login",
            data={
                "username": "editor",
                "password": PASSWORDS["editor"],
                "remember": "y",
                "csrf_token": token,
            },
            base_url=base_url,
            headers={"Referer": f"{base_url}/auth/login"},  # Flask-WTF checks it over HTTPS
        )
        assert response.status_code == 302
        db.session.remove()
        db.engine.dispose()
    headers = {h.split("=", 1)[0]: h for h in response.headers.getlist("Set-Cookie")}
    for name in ("session", "remember_token"):
        header = headers[name]
        morsel = SimpleCookie(header)[name]
        assert "HttpOnly" in header
        assert morsel["samesite"] == "Lax"
        assert bool(morsel["secure"]) is secure
    expires = dt.datetime.strptime(
        SimpleCookie(headers["remember_token"])["remember_token"]["expires"], "%a, %d %b %Y %H:%M:%S GMT"
    )
    lifetime = expires - dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert dt.timedelta(days=1) < lifetime <= dt.timedelta(days=31)


def _age_sign_ins(*, created: dt.timedelta, seen: dt.timedelta) -> None:
    now = dt.datetime.now(dt.UTC)
    db.session.execute(db.update(AuthSession).values(created_at=now - created, last_seen_at=now - seen))
    db.session.commit()


def test_idle_session_times_out(app, client, auth):
    auth.login("translator")
    idle = app.config["COPYDESK_SESSION_IDLE_MINUTES"]
    _age_sign_ins(created=dt.timedelta(minutes=idle - 5), seen=dt.timedelta(minutes=idle - 5))
    assert client.get("/account/").status_code == 200  # still fresh: and this request counts as activity
    _age_sign_ins(created=dt.timedelta(minutes=idle + 5), seen=dt.timedelta(minutes=idle + 1))
    assert client.get("/account/").status_code == 302


def test_busy_session_still_ends_at_the_absolute_limit(app, client, auth):
    auth.login("translator")
    hours = app.config["COPYDESK_SESSION_MAX_HOURS"]
    _age_sign_ins(created=dt.timedelta(hours=hours, minutes=1), seen=dt.timedelta(seconds=10))
    assert client.get("/account/").status_code == 302


def test_remember_me_ends_after_its_lifetime(app, client, auth):
    auth.login("translator", remember=True)
    remember = {"remember_token": _cookies(client)["remember_token"]}
    days = app.config["REMEMBER_COOKIE_DURATION"] / 86400
    _age_sign_ins(created=dt.timedelta(days=days - 1), seen=dt.timedelta(days=1))
    assert _replay(app, remember).get("/account/").status_code == 200
    _age_sign_ins(created=dt.timedelta(days=days + 1), seen=dt.timedelta(minutes=1))
    assert _replay(app, remember).get("/account/").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "//evil.com",
        "https://evil.com",
        "http://evil.com/x",
        "/\\evil.com",
        "\\\\evil.com",
        "javascript:alert(1)",
        "/%09/evil.com",
        "/\t/evil.com",
        "/\r\n/evil.com",
        " //evil.com",
        "///evil.com",
        "https:evil.com",
    ],
)
def test_next_never_leaves_the_site(client, users, target):
    token = client.csrf_token()
    response = client.post(
        "/auth/login",
        query_string={"next": target},
        data={"username": "translator", "password": PASSWORDS["translator"], "csrf_token": token},
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    seen_by_browser = "".join(ch for ch in location if ch > " ")  # browsers drop tabs and newlines
    parts = urlsplit(seen_by_browser)
    assert not parts.scheme and not parts.netloc and seen_by_browser.startswith("/")
    assert not seen_by_browser.startswith("//") and "\\" not in seen_by_browser


def test_next_to_a_page_of_this_site_is_followed(client, users):
    token = client.csrf_token()
    response = client.post(
        "/auth/login",
        query_string={"next": "/glossary/?q=x"},
        data={"username": "translator", "password": PASSWORDS["translator"], "csrf_token": token},
    )
    assert response.headers["Location"] == "/glossary/?q=x"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short-1", "at least 10"),
        ("password123", "too common"),
        ("qwertyuiop", "too common"),
        ("translator-2024", "too common"),
    ],
)
def test_weak_passwords_are_refused(client, auth, password, message):
    auth.login("translator")
    response = client.post_form(
        "/account/password",
        {"current": PASSWORDS["translator"], "password": password},
        token_from="/account/",
        follow_redirects=True,
    )
    assert message in response.get_data(as_text=True)
    auth.logout()
    assert auth.login("translator").status_code == 302  # the old password still works


def _attempt(app, username: str, address: str, password: str = "Wrong-Guess-000"):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    token = client.csrf_token()
    return client.post("/auth/login", data={"username": username, "password": password, "csrf_token": token})


def test_sign_in_is_limited_per_account_across_addresses(app, users):
    app.config["COPYDESK_SIGNIN_LIMIT"] = "5 per 5 minutes"
    statuses = [_attempt(app, "editor", f"10.1.0.{i}").status_code for i in range(7)]
    assert statuses[:5] == [401] * 5
    assert statuses[5:] == [429, 429]
    # even the right password waits: the account is being guessed at
    assert _attempt(app, "editor", "10.1.0.99", PASSWORDS["editor"]).status_code == 429


def test_sign_in_is_limited_per_address_across_accounts(app, users):
    app.config["COPYDESK_SIGNIN_LIMIT"] = "5 per 5 minutes"
    statuses = [_attempt(app, f"user{i}", "10.2.0.1").status_code for i in range(6)]
    assert statuses == [401] * 5 + [429]
    assert _attempt(app, "admin", "10.2.0.2", PASSWORDS["admin"]).status_code == 302  # others unaffected


def test_limited_attempts_are_audited(app, users):
    app.config["COPYDESK_SIGNIN_LIMIT"] = "5 per 5 minutes"
    for i in range(6):
        _attempt(app, "editor", f"10.3.0.{i}")
    db.session.rollback()
    actions = [e.action for e in db.session.execute(db.select(AuditEntry).order_by(AuditEntry.id)).scalars()]
    assert actions.count("auth.signin_failed") == 5
    assert actions.count("auth.signin_limited") == 1


def test_no_password_or_token_ever_reaches_the_audit_or_the_logs(app, client, auth, users, caplog):
    from workflow.services import accounts

    caplog.set_level(logging.DEBUG)
    secrets = [PASSWORDS["translator"], "Wrong-Guess-123", "Copper-Meadow-93", "Fresh-Orchid-51"]
    _attempt(app, "translator", "10.4.0.1", "Wrong-Guess-123")
    auth.login("translator")
    client.post_form("/account/tokens", {"name": "script"}, token_from="/account/")
    page = client.get("/account/").get_data(as_text=True)
    secrets.append(page.split('data-testid="new-token">', 1)[1].split("<", 1)[0].strip())
    client.post_form(
        "/account/password",
        {"current": PASSWORDS["translator"], "password": "Copper-Meadow-93"},
        token_from="/account/",
    )
    accounts.change_password(users["editor"].id, None, "Fresh-Orchid-51", actor=users["admin"])
    db.session.rollback()
    rows = db.session.execute(db.select(AuditEntry)).scalars().all()
    dump = "\n".join(f"{r.actor_name} {r.action} {r.target} {r.ip} {r.detail}" for r in rows)
    assert {"auth.signin_failed", "auth.signin", "token.create", "user.password"} <= {r.action for r in rows}
    sessions = db.session.execute(db.select(AuthSession.key_hash)).scalars().all()
    users_dump = str([(u.password_hash, u.username) for u in db.session.execute(db.select(User)).scalars()])
    for secret in secrets:
        assert secret not in dump
        assert secret not in caplog.text
        assert secret not in str(sessions) and secret not in users_dump
