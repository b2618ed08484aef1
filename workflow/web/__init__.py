"""The web pages: one blueprint per area, thin views over the services."""

from __future__ import annotations

from flask import Flask


def register_web(app: Flask) -> None:
    """Register every web blueprint."""
    from workflow.web.account import account_bp
    from workflow.web.admin import admin_bp
    from workflow.web.auth import auth_bp
    from workflow.web.main import main_bp
    from workflow.web.navigation import register_template_helpers

    register_template_helpers(app)

    for blueprint in (main_bp, auth_bp, account_bp, admin_bp):
        app.register_blueprint(blueprint)
    try:
        from workflow.web.articles import articles_bp
    except ImportError:  # pragma: no cover - during the foundation only
        return
    app.register_blueprint(articles_bp)
