"""The WSGI entry point: ``gunicorn 'wsgi:app'`` serves Copydesk (see README for the environment)."""

from workflow import create_app
from workflow.config import ConfigurationError

try:
    app = create_app()
except ConfigurationError as exc:  # a clear one-line error at start, not a traceback
    raise SystemExit(f"Copydesk cannot start: {exc}") from None
