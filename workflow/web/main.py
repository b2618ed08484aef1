"""The home page, the language switcher and the health check."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, request, session, url_for
from flask_login import current_user, login_required
from sqlalchemy import text
from werkzeug.wrappers import Response

from workflow.extensions import db
from workflow.services import accounts
from workflow.web.auth import safe_next

main_bp = Blueprint("main", __name__)


@main_bp.route("/")
@login_required
def index() -> Response:
    """Send people to their work queue."""
    if "articles" in current_app.blueprints:
        return redirect(url_for("articles.my_work"))
    return redirect(url_for("account.profile"))


@main_bp.route("/language", methods=["POST"])
def set_language() -> Response:
    """Switch the UI language; stored on the user when signed in, in the session otherwise."""
    locale = request.form.get("locale", "")
    if locale in current_app.config["COPYDESK_LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated:
            accounts.update_preferences(current_user, locale=locale, timezone=None, display_name=None)
    return redirect(safe_next(request.form.get("next")) or url_for("main.index"))


@main_bp.route("/healthz")
def healthz() -> tuple[Response, int]:
    """Liveness and database reachability, as JSON for load balancers and monitors."""
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
    except Exception as exc:  # noqa: BLE001 - any database failure means "unhealthy"
        current_app.logger.warning("health check failed: %s", exc)
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database=db.engine.dialect.name), 200
