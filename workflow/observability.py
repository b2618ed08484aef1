"""Structured request logs with a request id, so one user's report can be traced through the logs.

Each request gets an id (the caller's ``X-Request-ID`` when it is sane, else a new one), echoed in the
response; one JSON line per request records method, path, status, duration and user — never a password,
token or cookie.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from flask import Flask, Response, g, request
from flask_login import current_user

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_logger = logging.getLogger("copydesk.requests")


class JsonFormatter(logging.Formatter):
    """Render a log record as one JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        """Merge the record's ``fields`` into a JSON line with time, level and message."""
        payload = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        payload.update(getattr(record, "fields", {}))
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


def register_request_logging(app: Flask) -> None:
    """Attach the request id and the one-line-per-request log."""
    if not request_logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        request_logger.addHandler(handler)
        request_logger.setLevel(logging.INFO)
        request_logger.propagate = False

    @app.before_request
    def _start() -> None:
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def _log(response: Response) -> Response:
        request_id = getattr(g, "request_id", "")
        response.headers["X-Request-ID"] = request_id
        started = getattr(g, "request_started", None)
        duration_ms = round((time.perf_counter() - started) * 1000, 2) if started else None
        if not app.testing or app.config.get("COPYDESK_LOG_REQUESTS_IN_TESTS"):
            user = current_user.username if getattr(current_user, "is_authenticated", False) else None
            request_logger.info(
                "request",
                extra={
                    "fields": {
                        "request_id": request_id,
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": duration_ms,
                        "user": user,
                        "remote": request.remote_addr,
                    }
                },
            )
        return response
