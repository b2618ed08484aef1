"""Signing in and out. One generic message for every bad credential; attempts are rate limited."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from workflow.extensions import limiter
from workflow.i18n import gettext as _
from workflow.security import end_current_session
from workflow.services import accounts
from workflow.web.forms import LoginForm

auth_bp = Blueprint("auth", __name__, url_prefix="/auth")


def _signin_limit() -> str:
    return current_app.config["COPYDESK_SIGNIN_LIMIT"]


def _account_key() -> str:
    return "signin-account:" + (request.form.get("username") or "").strip().lower()


def safe_next(target: str | None) -> str | None:
    """Only same-site relative paths are followed after sign-in (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
    ):
        return None
    return target


def _audit_refused_attempt(_limit: object) -> None:
    """Leave a trace of every attempt the rate limit refuses; the limiter then answers 429."""
    accounts.record_limited_signin(request.form.get("username") or "")


@auth_bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_signin_limit, methods=["POST"], on_breach=_audit_refused_attempt)
@limiter.limit(_signin_limit, methods=["POST"], key_func=_account_key, on_breach=_audit_refused_attempt)
def login() -> Response | str:
    """Show the sign-in form and sign the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.username.data or "", form.password.data or "")
        if user is None:
            flash(_("Unknown username or wrong password."), "danger")
            return render_template("auth/login.html", form=form), 401
        session.clear()  # a fresh session at sign-in, nothing carried over from before
        accounts.open_session(user, remember=bool(form.remember.data))
        login_user(user, remember=bool(form.remember.data))
        if user.locale:
            session["locale"] = user.locale
        return redirect(safe_next(request.args.get("next")) or url_for("main.index"))
    return render_template("auth/login.html", form=form)


@auth_bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """Sign out and end this sign-in for good (its cookies stop working)."""
    if current_user.is_authenticated:
        end_current_session()
        flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))
