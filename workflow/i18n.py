"""Two UI languages from day one: locale and time-zone selection, and Babel-formatted dates and numbers.

The user's stored preference wins, then a choice kept in the session (for visitors), then the browser's
Accept-Language. Catalogs live in ``translations/`` as ``en`` and ``zh_Hans``.
"""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_decimal, gettext, lazy_gettext, ngettext
from flask_login import current_user

from workflow.extensions import babel

__all__ = ["gettext", "lazy_gettext", "ngettext", "register_i18n", "select_locale", "select_timezone"]


def select_locale() -> str:
    """The UI language for this request."""
    available = list(current_app.config["COPYDESK_LANGUAGES"])
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    preferred = getattr(current_user, "locale", None) if current_user else None
    if preferred in available:
        return preferred
    chosen = session.get("locale")
    if chosen in available:
        return chosen
    match = request.accept_languages.best_match(["en", "zh_Hans", "zh-Hans", "zh-CN", "zh"])
    if match and match.lower().startswith("zh"):
        return "zh_Hans"
    return "en"


def select_timezone() -> str:
    """The time zone dates are shown in: the user's own, else the configured default."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_TIMEZONE"]
    tz = getattr(current_user, "timezone", None) if current_user else None
    return tz or current_app.config["BABEL_DEFAULT_TIMEZONE"]


def register_i18n(app: Flask) -> None:
    """Bind Flask-Babel and expose the formatting helpers to templates."""
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": (
        format_datetime(value, fmt) if value else ""
    )
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    app.jinja_env.filters["number"] = lambda value: format_decimal(value) if value is not None else ""
    app.jinja_env.add_extension("jinja2.ext.i18n")

    @app.context_processor
    def _inject_i18n() -> dict[str, object]:
        return {"ui_languages": app.config["COPYDESK_LANGUAGES"], "current_locale": select_locale()}


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later with ``gettext`` where it is shown."""
    return message
