"""The glossary aggregate: terms per language pair with their history, and a change counter per pair."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflow.extensions import db
from workflow.models.base import UTCDateTime, utcnow
from workflow.models.users import User


class Term(db.Model):
    """A termbase entry: a source term, its preferred rendering, accepted variants and forbidden ones."""

    __tablename__ = "terms"
    __table_args__ = (Index("ix_terms_pair_source", "source_lang", "target_lang", "source_term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_lang: Mapped[str] = mapped_column(String(35))
    target_lang: Mapped[str] = mapped_column(String(35))
    source_term: Mapped[str] = mapped_column(String(300))
    target_term: Mapped[str] = mapped_column(String(300))
    variants: Mapped[list[str]] = mapped_column(JSON, default=list)
    forbidden: Mapped[list[str]] = mapped_column(JSON, default=list)
    part_of_speech: Mapped[str] = mapped_column(String(32), default="")
    domain: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    case_sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_translate: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="approved", index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])


class TermRevision(db.Model):
    """The history of a term: a snapshot after each change, with who and when."""

    __tablename__ = "term_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(16))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    by: Mapped[User | None] = relationship()


class ChangeCounter(db.Model):
    """A named counter bumped in the same transaction as a change, so every worker can tell it is stale."""

    __tablename__ = "change_counters"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
