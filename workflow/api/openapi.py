"""OpenAPI 3.1 generated from the code: each API view declares its contract with :func:`doc`.

The document walks ``app.url_map`` so a route that exists is always listed; its schemas come from the
``doc`` declaration next to the view, so the contract and the code cannot drift apart silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app

F = TypeVar("F", bound=Callable[..., Any])

_DOCS: dict[str, dict[str, Any]] = {}

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {},
        "blocking": {"type": "array"},
        "target": {"type": "string"},
        "version": {"type": "integer"},
        "segment_status": {"type": "string"},
    },
}


def doc(
    *,
    summary: str,
    request: dict[str, Any] | None = None,
    response: dict[str, Any] | None = None,
    status: int = 200,
    query: dict[str, dict[str, Any]] | None = None,
    errors: tuple[int, ...] = (400, 401, 403, 404, 422),
    content_type: str | tuple[str, ...] = "application/json",
) -> Callable[[F], F]:
    """Declare a view's contract: summary, request body schema, response schema, query parameters.

    ``content_type`` may list several media types when the answer's type depends on the request (exports).
    """

    def decorator(view: F) -> F:
        _DOCS[view.__name__] = {
            "summary": summary,
            "request": request,
            "response": response,
            "status": status,
            "query": query or {},
            "errors": errors,
            "content_type": content_type,
        }
        return view

    return decorator


def _path_template(rule: str) -> tuple[str, list[dict[str, Any]]]:
    params = []

    def replace(match: re.Match[str]) -> str:
        converter, name = match.group(1), match.group(2)
        schema = {"type": "integer"} if converter == "int" else {"type": "string"}
        params.append({"name": name, "in": "path", "required": True, "schema": schema})
        return "{" + name + "}"

    path = re.sub(r"<(?:(\w+):)?(\w+)>", replace, rule)
    return path, params


def build_openapi() -> dict[str, Any]:
    """The OpenAPI document for every ``/api/v1`` route of the running app."""
    paths: dict[str, Any] = {}
    for rule in current_app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        view_name = rule.endpoint.split(".", 1)[1]
        info = _DOCS.get(view_name, {"summary": view_name, "errors": (401,), "status": 200, "query": {}})
        path, path_params = _path_template(rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            operation: dict[str, Any] = {
                "operationId": f"{view_name}_{method.lower()}",
                "summary": info["summary"],
                "parameters": path_params
                + [
                    {
                        "name": name,
                        "in": "query",
                        "required": spec.get("required", False),
                        "schema": spec["schema"],
                    }
                    for name, spec in info.get("query", {}).items()
                ],
                "responses": {},
            }
            if info.get("request") is not None:
                operation["requestBody"] = {
                    "required": True,
                    "content": {"application/json": {"schema": info["request"]}},
                }
            success: dict[str, Any] = {"description": "Success"}
            if info.get("response") is not None:
                media_types = info.get("content_type", "application/json")
                if isinstance(media_types, str):
                    media_types = (media_types,)
                success["content"] = {media: {"schema": info["response"]} for media in media_types}
            operation["responses"][str(info.get("status", 200))] = success
            for code in info.get("errors", ()):
                operation["responses"][str(code)] = {
                    "description": "Problem",
                    "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
                }
            if view_name != "openapi":
                operation["security"] = [{"bearer": []}, {"session": []}]
            paths.setdefault(path, {})[method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "Copydesk API", "version": "1.0.0"},
        "servers": [{"url": "/"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            }
        },
    }
