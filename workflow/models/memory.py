"""The translation-memory aggregate: approved pairs, and tombstones so every worker's index forgets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflow.extensions import db
from workflow.models.base import UTCDateTime, utcnow
from workflow.models.users import User


class TmEntry(db.Model):
    """One remembered translation; identical source+target pairs are stored once with their latest use."""

    __tablename__ = "tm_entries"
    __table_args__ = (
        UniqueConstraint("source_lang", "target_lang", "pair_hash"),
        Index("ix_tm_entries_pair", "source_lang", "target_lang"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_lang: Mapped[str] = mapped_column(String(35))
    target_lang: Mapped[str] = mapped_column(String(35))
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    pair_hash: Mapped[str] = mapped_column(String(64))
    context_prev: Mapped[str] = mapped_column(String(64), default="")
    context_next: Mapped[str] = mapped_column(String(64), default="")
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), default=None
    )
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), default=None
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    origin: Mapped[str] = mapped_column(String(16), default="review")
    props: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship()


class TmTombstone(db.Model):
    """A deleted entry's id, kept so that in-process indexes in other workers drop it too."""

    __tablename__ = "tm_tombstones"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(Integer)
    source_lang: Mapped[str] = mapped_column(String(35))
    target_lang: Mapped[str] = mapped_column(String(35))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
