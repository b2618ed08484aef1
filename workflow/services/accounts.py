"""Use cases for accounts: create users, sign in and out, roles, deactivation, passwords and API tokens."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from flask import has_request_context, request

from workflow.database import unit_of_work
from workflow.domain.lifecycle import Role
from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.models import ApiToken, AuthSession, User
from workflow.models.base import utcnow
from workflow.security import (
    hash_password,
    new_session_key,
    password_problem,
    session_key_hash,
    verify_password,
)
from workflow.services import audit
from workflow.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")
TOKEN_PREFIX = "cdk_"  # noqa: S105 - a public marker, not a secret


@dataclass(frozen=True)
class NewUser:
    """What an admin (or the CLI) supplies to create an account."""

    username: str
    email: str
    password: str
    role: str = Role.TRANSLATOR.value
    display_name: str = ""
    locale: str | None = None
    timezone: str = "UTC"


def _validate_new_user(data: NewUser) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not USERNAME_PATTERN.match(data.username or ""):
        errors["username"] = _(
            "2–64 letters, digits, dots, dashes or underscores, starting with a letter or digit."
        )
    try:
        validate_email(data.email, check_deliverability=False)
    except EmailNotValidError:
        errors["email"] = _("Enter a valid email address.")
    if data.role not in {r.value for r in Role}:
        errors["role"] = _("Unknown role.")
    problem = password_problem(data.password, data.username)
    if problem:
        errors["password"] = _(problem, min=10)
    return errors


def create_user(data: NewUser, *, actor: User | None) -> User:
    """Create an account; usernames and emails are unique (case-insensitively).

    :raise InvalidInput: with field errors. :raise Conflict: when the username or email is taken.
    """
    errors = _validate_new_user(data)
    if errors:
        raise InvalidInput(_("The account could not be created."), errors=errors)
    with unit_of_work() as session:
        taken = session.execute(
            db.select(User.id).where(
                (db.func.lower(User.username) == data.username.lower())
                | (db.func.lower(User.email) == data.email.lower())
            )
        ).first()
        if taken:
            raise Conflict(_("A user with this username or email already exists."))
        user = User(
            username=data.username,
            email=data.email.lower(),
            display_name=data.display_name.strip(),
            password_hash=hash_password(data.password),
            role=data.role,
            locale=data.locale,
            timezone=data.timezone or "UTC",
        )
        session.add(user)
        session.flush()
        audit.record("user.create", actor=actor, target=user.username, role=user.role)
    return user


def authenticate(username: str, password: str) -> User | None:
    """The active user with these credentials, or None — and the attempt is audited either way.

    The caller shows one generic message for every failure, so nothing reveals which part was wrong.
    """
    user = db.session.execute(
        db.select(User).where(db.func.lower(User.username) == (username or "").strip().lower())
    ).scalar_one_or_none()
    ok = user is not None and verify_password(user.password_hash, password or "") and user.active
    with unit_of_work():
        if ok:
            audit.record("auth.signin", actor=user, target=user.username)
        else:
            audit.record(
                "auth.signin_failed",
                actor=None,
                target=(username or "")[:64],
                reason="inactive" if user is not None and user.active is False else "credentials",
            )
    return user if ok else None


def record_limited_signin(username: str) -> None:
    """Audit a sign-in attempt refused by the rate limit (no password checked, so none is recorded)."""
    with unit_of_work():
        audit.record("auth.signin_limited", actor=None, target=(username or "").strip()[:64])


def open_session(user: User, *, remember: bool) -> str:
    """Record a new sign-in and return its key; the key goes into the session and remember cookie."""
    key = new_session_key()
    with unit_of_work() as session:
        session.add(
            AuthSession(
                user_id=user.id,
                key_hash=session_key_hash(key),
                remember=remember,
                ip=(request.remote_addr or "") if has_request_context() else "",
            )
        )
    user.session_key = key
    return key


def _end_all_sessions(user: User) -> None:
    user.session_epoch = (user.session_epoch or 0) + 1
    db.session.execute(
        db.update(AuthSession)
        .where(AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    db.session.execute(
        db.update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def get_user(user_id: int) -> User:
    """The user with this id. :raise NotFound:"""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_("No such user."))
    return user


def change_role(user_id: int, role: str, *, actor: User) -> User:
    """Give a user another role; takes effect on their next request. Only admins may do this."""
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(_("Only admins can change roles."))
    if role not in {r.value for r in Role}:
        raise InvalidInput(_("Unknown role."), errors={"role": _("Unknown role.")})
    with unit_of_work():
        user = get_user(user_id)
        if user.id == actor.id and role != Role.ADMIN.value:
            raise Conflict(_("You cannot remove your own admin role."))
        old = user.role
        user.role = role
        audit.record("user.role", actor=actor, target=user.username, old=old, new=role)
    return user


def set_active(user_id: int, active: bool, *, actor: User) -> User:
    """Deactivate (or reactivate) an account; deactivation ends its sessions, cookies and tokens."""
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(_("Only admins can deactivate users."))
    with unit_of_work():
        user = get_user(user_id)
        if user.id == actor.id and not active:
            raise Conflict(_("You cannot deactivate yourself."))
        user.active = active
        if not active:
            _end_all_sessions(user)
        audit.record("user.activate" if active else "user.deactivate", actor=actor, target=user.username)
    return user


def change_password(user_id: int, current: str | None, new: str, *, actor: User) -> User:
    """Set a new password (the user gives the current one; admins may reset others'); ends all sessions."""
    with unit_of_work():
        user = get_user(user_id)
        if actor.id == user.id:
            if current is None or not verify_password(user.password_hash, current):
                raise InvalidInput(
                    _("The current password is wrong."),
                    errors={"current": _("The current password is wrong.")},
                )
        elif not actor.has_role(Role.ADMIN):
            raise PermissionDenied(_("You may only change your own password."))
        problem = password_problem(new, user.username)
        if problem:
            raise InvalidInput(_(problem, min=10), errors={"password": _(problem, min=10)})
        user.password_hash = hash_password(new)
        user.password_changed_at = utcnow()
        _end_all_sessions(user)
        audit.record("user.password", actor=actor, target=user.username)
    return user


def update_preferences(
    user: User, *, locale: str | None, timezone: str | None, display_name: str | None
) -> User:
    """Store the user's UI language, time zone and display name."""
    from babel.dates import get_timezone

    with unit_of_work():
        fresh = get_user(user.id)
        if locale is not None:
            fresh.locale = locale or None
        if timezone:
            try:
                get_timezone(timezone)
            except LookupError:
                raise InvalidInput(
                    _("Unknown time zone."), errors={"timezone": _("Unknown time zone.")}
                ) from None
            fresh.timezone = timezone
        if display_name is not None:
            fresh.display_name = display_name.strip()[:120]
    return fresh


def create_token(user_id: int, name: str, *, actor: User | None) -> tuple[ApiToken, str]:
    """Create a personal API token; returns the row and the token itself, which is shown only once."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InvalidInput(
            _("Give the token a name (up to 100 characters)."), errors={"name": _("Required.")}
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with unit_of_work() as session:
        user = get_user(user_id)
        if actor is not None and actor.id != user.id and not actor.has_role(Role.ADMIN):
            raise PermissionDenied(_("You may only create tokens for yourself."))
        row = ApiToken(user_id=user.id, name=name, token_hash=ApiToken.hash_token(token), prefix=token[:8])
        session.add(row)
        session.flush()
        audit.record("token.create", actor=actor or user, target=user.username, token_id=row.id, name=name)
    return row, token


def revoke_token(token_id: int, *, actor: User) -> ApiToken:
    """Revoke a token; it stops working on the next request. Owners and admins may do this."""
    with unit_of_work():
        row = db.session.get(ApiToken, token_id)
        if row is None or (row.user_id != actor.id and not actor.has_role(Role.ADMIN)):
            raise NotFound(_("No such token."))
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            audit.record("token.revoke", actor=actor, target=row.user.username, token_id=row.id)
    return row


def list_users() -> list[User]:
    """Every account, active ones first, by username."""
    return list(db.session.execute(db.select(User).order_by(User.active.desc(), User.username)).scalars())
