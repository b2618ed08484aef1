"""RFC 9457 problem details: the single helper every API error goes through."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

PROBLEM_TYPE_BASE = "https://copydesk.invalid/problems/"


def problem(status: int, title: str, detail: str = "", **extra: Any) -> Response:
    """An ``application/problem+json`` answer: ``type``, ``status``, ``title``, ``detail`` and extras."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + title.lower().replace(" ", "-"),
        "title": title,
        "status": status,
        "detail": detail or title,
        "instance": request.path,
    }
    body.update({k: v for k, v in extra.items() if v is not None})
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response
