"""The users aggregate: accounts with a role, and the personal API tokens that act for them."""

from __future__ import annotations

import datetime as dt
import hashlib

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflow.domain.lifecycle import Role, role_at_least
from workflow.extensions import db
from workflow.models.base import UTCDateTime, utcnow


class User(UserMixin, db.Model):
    """A person who signs in: translator, editor or admin. Deactivated, never deleted.."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=Role.TRANSLATOR.value)
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(String(16), default=None)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    password_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user", order_by="ApiToken.id")

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        """Flask-Login refuses inactive users at sign-in and on every request."""
        return self.active

    #: the sign-in (AuthSession key) this object was loaded for; set by the login machinery
    session_key = None

    def get_id(self) -> str:
        """Identity stored in the session and the remember cookie: user, epoch and the sign-in's key.

        Bumping the epoch ends every session of the user; revoking the sign-in ends just that one.
        """
        return f"{self.id}:{self.session_epoch}:{self.session_key or ''}"

    @property
    def role_enum(self) -> Role:
        """The role as the lifecycle's enum."""
        return Role(self.role)

    def has_role(self, minimum: Role | str) -> bool:
        """Whether this user's role is at least ``minimum`` (admin ⊇ editor ⊇ translator)."""
        return role_at_least(self.role_enum, Role(minimum))

    @property
    def name(self) -> str:
        """What to show for this user: the display name, else the username."""
        return self.display_name or self.username

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class ApiToken(db.Model):
    """A personal token for scripts; only its SHA-256 is stored, the token itself is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)

    user: Mapped[User] = relationship(back_populates="tokens")

    @staticmethod
    def hash_token(token: str) -> str:
        """The stored form of a token: tokens are long and random, so a plain SHA-256 is enough."""
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    @property
    def is_revoked(self) -> bool:
        """Whether the token no longer authenticates."""
        return self.revoked_at is not None


class AuthSession(db.Model):
    """One sign-in: the browser session and its remember-me cookie name it, so signing out really ends it."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    remember: Mapped[bool] = mapped_column(default=False)
    ip: Mapped[str] = mapped_column(String(64), default="")
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
