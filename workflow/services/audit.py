"""Recording security-relevant events in the audit log, inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request

from workflow.extensions import db
from workflow.models import AuditEntry, User

_SECRET_KEYS = {"password", "token", "secret", "password_hash", "token_hash"}


def record(action: str, *, actor: User | None, target: str = "", **detail: Any) -> AuditEntry:
    """Add an audit entry (who, what, when in UTC, from where); secrets in ``detail`` are dropped."""
    clean = {k: v for k, v in detail.items() if k.lower() not in _SECRET_KEYS}
    entry = AuditEntry(
        actor_id=actor.id if actor is not None and actor.id is not None else None,
        actor_name=actor.username if actor is not None else "",
        action=action,
        target=target[:200],
        ip=(request.remote_addr or "") if has_request_context() else "cli",
        detail=clean,
    )
    db.session.add(entry)
    return entry
