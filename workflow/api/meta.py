"""API routes about the API itself and the caller: the OpenAPI document and ``/me``."""

from __future__ import annotations

from flask import Response, jsonify
from flask_login import current_user

from workflow.api import api_bp
from workflow.api.openapi import build_openapi


@api_bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3 document, generated from the registered routes and their schemas."""
    return jsonify(build_openapi())


@api_bp.get("/me")
def me() -> Response:
    """Who the token or session belongs to."""
    return jsonify(
        id=current_user.id,
        username=current_user.username,
        display_name=current_user.name,
        role=current_user.role,
    )
