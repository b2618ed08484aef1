"""The navigation bar by role, and small template helpers shared by every page."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from workflow.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class NavItem:
    """One link of the navigation bar."""

    label: str
    url: str
    active: bool


# (endpoint, label, minimum role) — entries whose endpoint does not exist yet are skipped.
_NAV = (
    ("articles.my_work", _l("My work"), "translator"),
    ("articles.article_list", _l("Articles"), "translator"),
    ("articles.import_article", _l("Import"), "translator"),
    ("glossary.term_list", _l("Glossary"), "translator"),
    ("memory.concordance", _l("Memory"), "translator"),
    ("rules.rule_list", _l("Style rules"), "admin"),
    ("admin.users", _l("Users"), "admin"),
    ("admin.audit_log", _l("Audit log"), "admin"),
)

ROLE_LABELS = {"translator": _l("Translator"), "editor": _l("Editor"), "admin": _l("Admin")}


def nav_items() -> list[NavItem]:
    """The links the current user may follow, in order."""
    items = []
    for endpoint, label, minimum in _NAV:
        if endpoint not in current_app.view_functions or not current_user.has_role(minimum):
            continue
        if endpoint == "articles.import_article" and not _may_import():
            continue
        items.append(NavItem(str(label), url_for(endpoint), request.endpoint == endpoint))
    return items


def _may_import() -> bool:
    return current_user.has_role("editor") or current_app.config["COPYDESK_TRANSLATORS_MAY_IMPORT"]


def role_label(role: str | None) -> str:
    """The translated name of a role."""
    return str(ROLE_LABELS.get(role or "", role or ""))


def has_endpoint(endpoint: str) -> bool:
    """Whether a page exists (optional areas link to each other only once both are there)."""
    return endpoint in current_app.view_functions


def register_template_helpers(app: Flask) -> None:
    """Expose the helpers to every template."""
    app.jinja_env.globals.update(nav_items=nav_items, role_label=role_label, has_endpoint=has_endpoint)
