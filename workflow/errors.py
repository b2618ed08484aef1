"""Error pages for people and problem+json for programs, chosen by where the request was going."""

from __future__ import annotations

from flask import Flask, Response, abort, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException, InternalServerError

from workflow.api.problems import problem
from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.services.errors import ServiceError

DATABASE_INT_MAX = 2**31 - 1  # ids are INTEGER columns: PostgreSQL's int4, the narrowest backend
PAGE_STATUSES = (400, 403, 404, 405, 409, 413, 415, 422, 429, 500)


def wants_problem_json() -> bool:
    """API paths (and clients asking for JSON) get problem+json; browsers get a page."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return (
        best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        403: _("You are not allowed to do this"),
        404: _("Page not found"),
        405: _("Method not allowed"),
        409: _("Conflict"),
        413: _("File or text too large"),
        415: _("Unsupported file type"),
        422: _("Invalid input"),
        429: _("Too many attempts"),
        500: _("Something went wrong"),
    }


def render_error(status: int, detail: str = "", **extra: object) -> Response:
    """Answer an error with a page or a problem document, whichever the client expects."""
    title = _titles().get(status, _("Error"))
    if wants_problem_json():
        return problem(status, title, detail, **extra)
    page = render_template("errors/error.html", status=status, title=title, detail=detail)
    return make_response(page, status)


def register_errors(app: Flask) -> None:
    """Route HTTP errors, CSRF failures and service errors to :func:`render_error`."""

    @app.url_value_preprocessor
    def _refuse_impossible_ids(endpoint: str | None, values: dict[str, object] | None) -> None:
        """An id no database column can hold names nothing: 404 before any query would overflow."""
        for value in (values or {}).values():
            if isinstance(value, int) and not -DATABASE_INT_MAX <= value <= DATABASE_INT_MAX:
                abort(404)

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> Response:
        return render_error(400, _("The form has expired or was not sent by Copydesk. Reload and retry."))

    @app.errorhandler(ServiceError)
    def _service(error: ServiceError) -> Response:
        db.session.rollback()
        extra = dict(error.extra)
        if error.errors:
            extra["errors"] = error.errors
        return render_error(error.status, error.detail, **extra)

    @app.errorhandler(OverflowError)
    @app.errorhandler(DataError)
    def _out_of_range(error: Exception) -> Response:
        """A number or text the database cannot hold (page=10**30, an id past int4) is the client's error."""
        db.session.rollback()
        return render_error(400, _("A number or text in the request is out of range."))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        status = error.code or 500
        detail = ""
        if status == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH") or 0
            detail = _("The upload is larger than %(mb).1f MB.", mb=limit / 1024 / 1024)
        elif status == 429:
            detail = _("Too many attempts. Wait a few minutes and try again.")
        elif status == 404:
            detail = _("There is nothing at this address.")
        elif status == 405:
            detail = _("This address does not accept that method.")
        response = render_error(status, detail)
        valid_methods = getattr(error, "valid_methods", None)
        if status == 405 and valid_methods:
            response.headers["Allow"] = ", ".join(valid_methods)
        return response

    @app.errorhandler(InternalServerError)
    def _internal(error: InternalServerError) -> Response:
        db.session.rollback()
        app.logger.exception("unhandled error", exc_info=getattr(error, "original_exception", None))
        return render_error(500, _("The error has been logged. Please try again."))
