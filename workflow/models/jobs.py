"""Background jobs as the user sees them: what runs, how far it got, and how it ended."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workflow.extensions import db
from workflow.models.base import UTCDateTime, utcnow


class Job(db.Model):
    """A long task run by the queue (a TMX import, re-checking every article) with a progress bar."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(16), default="queued")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)

    @property
    def percent(self) -> int:
        """Progress as a whole percentage for the progress bar."""
        if self.total <= 0:
            return 100 if self.state == "done" else 0
        return min(100, round(100 * self.done / self.total))
