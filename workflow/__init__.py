"""Copydesk: translate → edit → approve for source-language news, with checks for MT trade news.

``create_app`` assembles the application from small ``register_*`` steps so each concern can be read alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from workflow.config import PROJECT_ROOT, build_config


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build a configured Copydesk application; ``config`` overrides the environment (tests use it)."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.update(build_config(Path(app.instance_path), config))

    from workflow.database import register_database
    from workflow.errors import register_errors
    from workflow.i18n import register_i18n
    from workflow.observability import register_request_logging
    from workflow.security import register_security

    register_database(app)
    register_security(app)
    register_i18n(app)
    register_blueprints(app)
    register_errors(app)
    register_request_logging(app)
    register_cli(app)
    register_tasks(app)
    return app


def register_blueprints(app: Flask) -> None:
    """Mount the web pages and the JSON API."""
    from workflow.api import api_bp
    from workflow.web import register_web

    register_web(app)
    app.register_blueprint(api_bp)


def register_cli(app: Flask) -> None:
    """Add the ``flask users|tokens|translate|demo|…`` command groups."""
    from workflow.cli import register_commands

    register_commands(app)


def register_tasks(app: Flask) -> None:
    """Bind the background task queue to this application."""
    from workflow.tasks import init_tasks

    init_tasks(app)
