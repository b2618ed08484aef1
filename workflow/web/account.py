"""The user's own page: preferences (language, time zone), password and personal API tokens."""

from __future__ import annotations

from babel.dates import get_timezone
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from workflow.i18n import gettext as _
from workflow.services import accounts
from workflow.services.errors import ServiceError
from workflow.web.forms import ConfirmForm, PasswordForm, PreferencesForm, TokenForm

account_bp = Blueprint("account", __name__, url_prefix="/account")


def _preferences_form() -> PreferencesForm:
    form = PreferencesForm(obj=None if request.method == "POST" else current_user)
    form.locale.choices = [("", _("Browser default")), *current_app.config["COPYDESK_LANGUAGES"].items()]
    if request.method != "POST":
        form.locale.data = current_user.locale or ""
    return form


@account_bp.route("/", methods=["GET"])
@login_required
def profile() -> str:
    """Show preferences, the password form and the tokens."""
    return render_template(
        "account/profile.html",
        prefs=_preferences_form(),
        password_form=PasswordForm(),
        token_form=TokenForm(),
        revoke_form=ConfirmForm(),
        new_token=session.pop("new_token", None),
    )


@account_bp.route("/preferences", methods=["POST"])
@login_required
def save_preferences() -> Response | str:
    """Store display name, UI language and time zone."""
    form = _preferences_form()
    if form.validate_on_submit():
        try:
            get_timezone(form.timezone.data)
            accounts.update_preferences(
                current_user,
                locale=form.locale.data or "",
                timezone=form.timezone.data,
                display_name=form.display_name.data or "",
            )
        except (LookupError, ServiceError):
            flash(_("Unknown time zone."), "danger")
            return redirect(url_for("account.profile"))
        session["locale"] = form.locale.data or None
        flash(_("Preferences saved."), "success")
    return redirect(url_for("account.profile"))


@account_bp.route("/password", methods=["POST"])
@login_required
def change_password() -> Response:
    """Change one's own password; every other session ends, so sign in again."""
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(
                current_user.id, form.current.data, form.password.data, actor=current_user
            )
        except ServiceError as exc:
            flash(exc.detail, "danger")
            return redirect(url_for("account.profile"))
        flash(_("Password changed. Please sign in again."), "success")
        return redirect(url_for("auth.login"))
    flash(_("Fill in both password fields."), "danger")
    return redirect(url_for("account.profile"))


@account_bp.route("/tokens", methods=["POST"])
@login_required
def create_token() -> Response:
    """Create a token; it is shown once on the next page view."""
    form = TokenForm()
    if form.validate_on_submit():
        try:
            _row, token = accounts.create_token(current_user.id, form.name.data, actor=current_user)
        except ServiceError as exc:
            flash(exc.detail, "danger")
        else:
            session["new_token"] = token
    else:
        flash(_("Give the token a name."), "danger")
    return redirect(url_for("account.profile"))


@account_bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int) -> Response:
    """Revoke one of the user's tokens."""
    if ConfirmForm().validate_on_submit():
        accounts.revoke_token(token_id, actor=current_user)
        flash(_("Token revoked."), "success")
    return redirect(url_for("account.profile"))
