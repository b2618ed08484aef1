"""The articles aggregate: an article, its segments, every saved revision, its timeline and its comments.

Models never commit: the services own the transaction, so a state change and its event row (or a save and
its revision row) succeed or fail together.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflow.extensions import db
from workflow.models.base import UTCDateTime, utcnow
from workflow.models.users import User


class Article(db.Model):
    """A news article moving through translate → edit → approve; ``version`` guards concurrent changes."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    source_lang: Mapped[str] = mapped_column(String(35))
    target_lang: Mapped[str] = mapped_column(String(35))
    source_text: Mapped[str] = mapped_column(Text)
    mt_text: Mapped[str | None] = mapped_column(Text, default=None)
    origin_url: Mapped[str] = mapped_column(String(2000), default="")
    article_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    due_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    priority: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(String(16), default="new", index=True)
    archived_from: Mapped[str | None] = mapped_column(String(16), default=None)
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None, index=True)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    alignment_mode: Mapped[str] = mapped_column(String(16), default="none")
    alignment_notes: Mapped[str] = mapped_column(Text, default="")

    translator: Mapped[User | None] = relationship(foreign_keys=[translator_id])
    editor: Mapped[User | None] = relationship(foreign_keys=[editor_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    segments: Mapped[list[Segment]] = relationship(
        back_populates="article", order_by="Segment.position", cascade="all, delete-orphan"
    )
    events: Mapped[list[ArticleEvent]] = relationship(
        back_populates="article", order_by="ArticleEvent.id", cascade="all, delete-orphan"
    )

    __mapper_args__: ClassVar[dict[str, object]] = {"version_id_col": version}


class Segment(db.Model):
    """One sentence (or heading) of an article: source, MT draft, current target and its status."""

    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("article_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer)
    is_heading: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(Text)
    mt: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="empty")
    origin: Mapped[str] = mapped_column(String(16), default="")
    tm_entry_id: Mapped[int | None] = mapped_column(Integer, default=None)
    translated_text: Mapped[str | None] = mapped_column(Text, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)

    article: Mapped[Article] = relationship(back_populates="segments")
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])


class SegmentRevision(db.Model):
    """An append-only record of every accepted save, so even an accepted overwrite can be undone."""

    __tablename__ = "segment_revisions"
    __table_args__ = (Index("ix_segment_revisions_segment_version", "segment_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    target: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    origin: Mapped[str] = mapped_column(String(16), default="typed")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship()


class ArticleEvent(db.Model):
    """One step of the timeline: an import, a transition, an assignment — written with the change itself."""

    __tablename__ = "article_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(16), default=None)
    to_state: Mapped[str | None] = mapped_column(String(16), default=None)
    comment: Mapped[str] = mapped_column(Text, default="")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    article: Mapped[Article] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class Comment(db.Model):
    """A threaded, resolvable comment on a segment; unresolved ones block approval."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), default=None, index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), default=None)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])


class FindingDismissal(db.Model):
    """An editor's decision that one quality finding on one segment is not a problem, with the reason."""

    __tablename__ = "finding_dismissals"
    __table_args__ = (UniqueConstraint("segment_id", "check_id", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"))
    check_id: Mapped[str] = mapped_column(String(40))
    fingerprint: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    dismissed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    dismissed_by: Mapped[User] = relationship()
