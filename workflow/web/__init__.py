"""The web pages: one blueprint per area, thin views over the services."""

from __future__ import annotations

import importlib

from flask import Flask

# (module, blueprint attribute) of every area's blueprint, in navigation order.
BLUEPRINTS = (
    ("workflow.web.main", "main_bp"),
    ("workflow.web.auth", "auth_bp"),
    ("workflow.web.account", "account_bp"),
    ("workflow.web.admin", "admin_bp"),
    ("workflow.web.articles", "articles_bp"),
    ("workflow.web.editor", "editor_bp"),
    ("workflow.web.glossary", "glossary_bp"),
    ("workflow.web.memory", "memory_bp"),
    ("workflow.web.qa", "qa_bp"),
    ("workflow.web.rules", "rules_bp"),
    ("workflow.web.jobs", "jobs_bp"),
)


def register_web(app: Flask) -> None:
    """Register every web blueprint that exists."""
    from workflow.web.navigation import register_template_helpers

    register_template_helpers(app)
    for module_name, attribute in BLUEPRINTS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        app.register_blueprint(getattr(module, attribute))
