"""The JSON API v1: the same services as the web pages, errors as RFC 9457 problem details.

Clients authenticate with a personal token (``Authorization: Bearer …``) or the browser session; with the
session, unsafe methods need the CSRF token (``X-CSRFToken`` header) like any form.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, request
from flask_login import current_user

from workflow.api.problems import problem
from workflow.extensions import csrf

api_bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(api_bp)

_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
PUBLIC_ENDPOINTS = {"api.openapi"}


@api_bp.before_request
def _authenticate() -> Response | None:
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        detail = (
            "The token is unknown or revoked."
            if g.get("bearer_rejected")
            else ("Send a personal API token as 'Authorization: Bearer TOKEN' or sign in.")
        )
        response = problem(401, "Unauthorized", detail)
        response.headers["WWW-Authenticate"] = 'Bearer realm="copydesk"'
        return response
    if request.method in _UNSAFE and g.get("auth_method") == "session":
        csrf.protect()
    return None


def _load_route_modules() -> None:
    """Import every API route module; each registers its routes on ``api_bp``."""
    import importlib

    for name in ("meta", "articles", "editor", "glossary", "memory", "qa", "jobs"):
        module_name = f"workflow.api.{name}"
        try:
            importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise


_load_route_modules()
