"""Sign-in machinery and HTTP hardening: sessions that really end, API tokens, CSP and security headers.

Passwords are hashed with scrypt (Werkzeug). Every sign-in is an ``AuthSession`` row named by the session
cookie and the remember-me cookie; signing out, changing the password or deactivating a user revokes rows,
so a cookie captured earlier is useless afterwards. API tokens are looked up by their SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from pathlib import Path

from flask import Flask, Response, current_app, g, request, session
from flask_login import AnonymousUserMixin, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from workflow.extensions import csrf, db, limiter, login_manager
from workflow.i18n import N_
from workflow.models import ApiToken, AuthSession, User
from workflow.models.base import utcnow

MIN_PASSWORD_LENGTH = 10
_COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common_passwords.txt"
_LAST_SEEN_WRITE_INTERVAL = dt.timedelta(minutes=1)


class Anonymous(AnonymousUserMixin):
    """The visitor who has not signed in: has no role at all."""

    role = None
    name = ""
    locale = None
    timezone = None

    def has_role(self, minimum: str) -> bool:
        """Anonymous visitors hold no role."""
        return False


def hash_password(password: str) -> str:
    """The stored form of a password (scrypt with a random salt)."""
    return generate_password_hash(password, method="scrypt")


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether ``password`` matches the stored hash, in constant time."""
    return check_password_hash(stored_hash, password)


_common_passwords: frozenset[str] | None = None


def password_problem(password: str, username: str = "") -> str | None:
    """Why ``password`` is too weak (an English sentence for gettext), or None when it is acceptable."""
    global _common_passwords
    if len(password) < MIN_PASSWORD_LENGTH:
        return N_("The password must be at least %(min)d characters long.")
    if _common_passwords is None:
        words = _COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").split()
        _common_passwords = frozenset(w.strip().lower() for w in words if w.strip())
    lowered = password.lower()
    if lowered in _common_passwords or (username and username.lower() in lowered):
        return N_("This password is too common or too easy to guess; choose another.")
    return None


def new_session_key() -> str:
    """A fresh random key naming one sign-in."""
    return secrets.token_urlsafe(32)


def session_key_hash(key: str) -> str:
    """The stored form of a sign-in key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def register_security(app: Flask) -> None:
    """Wire Flask-Login, CSRF, the rate limiter, session timeouts and the security headers."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.anonymous_user = Anonymous
    login_manager.session_protection = "basic"
    from workflow.i18n import lazy_gettext as _l

    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_user_from_session)
    login_manager.request_loader(load_user_from_bearer)
    csrf.init_app(app)
    limiter.init_app(app)
    app.after_request(set_security_headers)


def load_user_from_session(identity: str) -> User | None:
    """Flask-Login's loader: ``id:epoch:key`` must name an active user and a live, unexpired sign-in."""
    try:
        user_part, epoch_part, key = identity.split(":", 2)
        user_id, epoch = int(user_part), int(epoch_part)
    except ValueError:
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or user.session_epoch != epoch or not key:
        return None
    auth = db.session.execute(
        db.select(AuthSession).where(AuthSession.key_hash == session_key_hash(key))
    ).scalar_one_or_none()
    if auth is None or auth.user_id != user.id or auth.revoked_at is not None:
        return None
    now = utcnow()
    max_age = dt.timedelta(hours=current_app.config["COPYDESK_SESSION_MAX_HOURS"])
    idle = dt.timedelta(minutes=current_app.config["COPYDESK_SESSION_IDLE_MINUTES"])
    if auth.remember:
        max_age = max(max_age, dt.timedelta(seconds=current_app.config["REMEMBER_COOKIE_DURATION"]))
        idle = max_age
    if now - auth.created_at > max_age or now - auth.last_seen_at > idle:
        return None
    if now - auth.last_seen_at > _LAST_SEEN_WRITE_INTERVAL:
        g.touch_auth_session = auth.id
    user.session_key = key
    g.auth_method = "session"
    return user


def load_user_from_bearer(req) -> User | None:
    """Authenticate API calls sent with ``Authorization: Bearer TOKEN`` (personal tokens)."""
    header = req.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    token = header[7:].strip()
    if not token:
        return None
    row = db.session.execute(
        db.select(ApiToken).where(ApiToken.token_hash == ApiToken.hash_token(token))
    ).scalar_one_or_none()
    if row is None or row.revoked_at is not None or not row.user.active:
        g.bearer_rejected = True
        return None
    g.auth_method = "token"
    g.api_token_id = row.id
    return row.user


def end_current_session() -> None:
    """Sign the current user out and revoke this sign-in, so its cookies stop working everywhere."""
    from flask_login import current_user

    key = getattr(current_user, "session_key", None)
    if key:
        auth = db.session.execute(
            db.select(AuthSession).where(AuthSession.key_hash == session_key_hash(key))
        ).scalar_one_or_none()
        if auth is not None and auth.revoked_at is None:
            auth.revoked_at = utcnow()
            db.session.commit()
    logout_user()
    session.clear()


def set_security_headers(response: Response) -> Response:
    """CSP without inline script, no sniffing, no framing, no referrer leaks."""
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    touch = g.pop("touch_auth_session", None)
    if touch is not None:
        _touch_auth_session(touch)
    return response


def _touch_auth_session(auth_id: int) -> None:
    from workflow.database import unit_of_work

    try:
        with unit_of_work() as s:
            s.execute(db.update(AuthSession).where(AuthSession.id == auth_id).values(last_seen_at=utcnow()))
    except Exception:
        current_app.logger.warning("could not record session activity", exc_info=True)
