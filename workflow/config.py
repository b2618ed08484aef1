"""Configuration from the environment, one class per mode.

Every setting has a default that works on a developer's machine (SQLite in ``instance/``, a generated
secret) except in production, where a missing ``SECRET_KEY`` refuses to start. The README's configuration
table lists the same variables; keep the two in step.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigurationError(RuntimeError):
    """The environment does not describe a runnable Copydesk; the message says what to fix."""


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}.") from None


def _development_secret(instance_path: Path) -> str:
    """A per-installation secret kept in ``instance/secret_key`` so sessions survive restarts."""
    instance_path.mkdir(parents=True, exist_ok=True)
    secret_file = instance_path / "secret_key"
    if secret_file.exists():
        return secret_file.read_text(encoding="utf-8").strip()
    secret = secrets.token_hex(32)
    secret_file.write_text(secret, encoding="utf-8")
    secret_file.chmod(0o600)
    return secret


def build_config(instance_path: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Assemble the Flask configuration from the environment and ``overrides`` (tests pass those).

    :raise ConfigurationError: when production mode lacks ``SECRET_KEY`` or a value is malformed.
    """
    overrides = dict(overrides or {})
    env = overrides.pop("ENV", None) or os.environ.get("COPYDESK_ENV", "development")
    production = env == "production"
    secret = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if not secret:
        if production:
            raise ConfigurationError(
                "SECRET_KEY is not set. In production Copydesk refuses to start without it; "
                "set SECRET_KEY to a long random string (e.g. `python -c 'import secrets; "
                "print(secrets.token_hex(32))'`)."
            )
        secret = _development_secret(instance_path)
    default_db = f"sqlite:///{instance_path / 'copydesk.sqlite3'}"
    config: dict[str, Any] = {
        "COPYDESK_ENV": env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL") or default_db,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SQLALCHEMY_TRACK_MODIFICATIONS": False,
        "SQLITE_BUSY_TIMEOUT_MS": _env_int("COPYDESK_SQLITE_BUSY_TIMEOUT_MS", 15000),
        "MAX_CONTENT_LENGTH": _env_int("COPYDESK_MAX_UPLOAD_BYTES", 64 * 1024 * 1024),
        "COPYDESK_MAX_ARTICLE_BYTES": _env_int("COPYDESK_MAX_ARTICLE_BYTES", 2 * 1024 * 1024),
        "COPYDESK_MAX_TARGET_CHARS": _env_int("COPYDESK_MAX_TARGET_CHARS", 10000),
        "COPYDESK_FOUR_EYES": _env_bool("COPYDESK_FOUR_EYES", True),
        "COPYDESK_TRANSLATORS_MAY_IMPORT": _env_bool("COPYDESK_TRANSLATORS_MAY_IMPORT", False),
        "COPYDESK_TM_THRESHOLD": _env_int("COPYDESK_TM_THRESHOLD", 70),
        "COPYDESK_TM_SYNC_SECONDS": float(os.environ.get("COPYDESK_TM_SYNC_SECONDS", "0.5")),
        "COPYDESK_PRETRANSLATE_FUZZY": _env_int("COPYDESK_PRETRANSLATE_FUZZY", 0),
        "COPYDESK_GLOSSARY_CACHE_SECONDS": float(os.environ.get("COPYDESK_GLOSSARY_CACHE_SECONDS", "1")),
        "COPYDESK_UPLOAD_FOLDER": os.environ.get("COPYDESK_UPLOAD_FOLDER", str(instance_path / "uploads")),
        "COPYDESK_PAGE_SIZE": _env_int("COPYDESK_PAGE_SIZE", 25),
        "COPYDESK_SIGNIN_LIMIT": os.environ.get("COPYDESK_SIGNIN_LIMIT", "5 per 5 minutes"),
        "COPYDESK_SESSION_IDLE_MINUTES": _env_int("COPYDESK_SESSION_IDLE_MINUTES", 120),
        "COPYDESK_SESSION_MAX_HOURS": _env_int("COPYDESK_SESSION_MAX_HOURS", 12),
        "COPYDESK_QUEUE_PATH": os.environ.get("COPYDESK_QUEUE_PATH", str(instance_path / "tasks.sqlite3")),
        "COPYDESK_TASKS_IMMEDIATE": _env_bool("COPYDESK_TASKS_IMMEDIATE", False),
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_ENABLED": _env_bool("COPYDESK_RATELIMIT", True),
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("COPYDESK_DEFAULT_TIMEZONE", "UTC"),
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "COPYDESK_LANGUAGES": {"en": "English", "zh_Hans": "简体中文"},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production or _env_bool("COPYDESK_SECURE_COOKIES", False),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production or _env_bool("COPYDESK_SECURE_COOKIES", False),
        "REMEMBER_COOKIE_DURATION": 60 * 60 * 24 * _env_int("COPYDESK_REMEMBER_DAYS", 14),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "TESTING": False,
    }
    config.update(overrides)
    return config
