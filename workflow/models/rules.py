"""The style-rules aggregate: custom rules admins write, and per-rule switches for the shipped pack."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workflow.extensions import db
from workflow.models.base import UTCDateTime, utcnow


class CustomStyleRule(db.Model):
    """A style rule written by an admin; applies at once, validated before it is saved."""

    __tablename__ = "custom_style_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(80), unique=True)
    family: Mapped[str] = mapped_column(String(40), default="custom")
    phrases: Mapped[list[str]] = mapped_column(JSON, default=list)
    pattern: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(16), default="warning")
    message: Mapped[str] = mapped_column(Text)
    suggestions: Mapped[list[str]] = mapped_column(JSON, default=list)
    examples_match: Mapped[list[str]] = mapped_column(JSON, default=list)
    examples_clean: Mapped[list[str]] = mapped_column(JSON, default=list)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ShippedRuleSetting(db.Model):
    """Whether a rule of the shipped pack is switched off; the rule itself lives in the repository."""

    __tablename__ = "shipped_rule_settings"

    rule_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
