"""Domain errors raised by the services; web views and the API only translate them into answers.

Each error carries the HTTP status it maps to, a short title and a user-facing detail (English, already
passed through gettext by the service when it is shown to a person), plus optional structured extras such
as ``blocking`` reasons or the current ``target`` and ``version`` of a segment in a conflict.
"""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """Base of every expected failure of a use case."""

    status: int = 400
    title: str = "Bad request"

    def __init__(self, detail: str, *, extra: dict[str, Any] | None = None, errors: Any = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = dict(extra or {})
        self.errors = errors


class InvalidInput(ServiceError):
    """The input is malformed or fails validation; ``errors`` maps fields to messages."""

    status = 422
    title = "Invalid input"


class PermissionDenied(ServiceError):
    """The user's role, assignment or the article's state forbids this."""

    status = 403
    title = "Forbidden"


class NotFound(ServiceError):
    """The thing asked for does not exist (or is not visible to this user)."""

    status = 404
    title = "Not found"


class Conflict(ServiceError):
    """The action is impossible now: a stale version, a guard that blocks, a state that does not allow it."""

    status = 409
    title = "Conflict"


class TooLarge(ServiceError):
    """The input is larger than the configured limit."""

    status = 413
    title = "Payload too large"


class UnsupportedMedia(ServiceError):
    """The uploaded file is of a kind Copydesk cannot read."""

    status = 415
    title = "Unsupported media type"
