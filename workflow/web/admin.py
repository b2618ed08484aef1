"""Admin pages: users (create, change role, deactivate — never delete) and the audit log."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.models import AuditEntry
from workflow.services import accounts
from workflow.services.accounts import NewUser
from workflow.services.errors import ServiceError
from workflow.web.forms import ConfirmForm, UserCreateForm, UserRoleForm
from workflow.web.permissions import role_required

admin_bp = Blueprint("admin", __name__, url_prefix="/admin")


@admin_bp.route("/users", methods=["GET", "POST"])
@role_required("admin")
def users() -> Response | str:
    """List users and create new ones."""
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                NewUser(
                    username=form.username.data.strip(),
                    email=form.email.data.strip(),
                    password=form.password.data,
                    role=form.role.data,
                    display_name=form.display_name.data or "",
                ),
                actor=current_user,
            )
        except ServiceError as exc:
            for field, message in (exc.errors or {}).items():
                if field in form:
                    form[field].errors.append(message)
            flash(exc.detail, "danger")
        else:
            flash(_("User %(name)s created.", name=user.username), "success")
            return redirect(url_for("admin.users"))
    return render_template(
        "admin/users.html",
        users=accounts.list_users(),
        form=form,
        role_form=UserRoleForm(),
        confirm=ConfirmForm(),
    )


@admin_bp.route("/users/<int:user_id>/role", methods=["POST"])
@role_required("admin")
def change_role(user_id: int) -> Response:
    """Change a user's role."""
    form = UserRoleForm()
    if form.validate_on_submit():
        try:
            user = accounts.change_role(user_id, form.role.data, actor=current_user)
        except ServiceError as exc:
            flash(exc.detail, "danger")
        else:
            flash(
                _("%(name)s is now %(role)s.", name=user.username, role=_(user.role.capitalize())), "success"
            )
    return redirect(url_for("admin.users"))


@admin_bp.route("/users/<int:user_id>/active", methods=["POST"])
@role_required("admin")
def set_active(user_id: int) -> Response:
    """Deactivate or reactivate a user."""
    if ConfirmForm().validate_on_submit():
        active = request.form.get("active") == "1"
        try:
            user = accounts.set_active(user_id, active, actor=current_user)
        except ServiceError as exc:
            flash(exc.detail, "danger")
        else:
            message = (
                _("%(name)s reactivated.", name=user.username)
                if active
                else _("%(name)s deactivated.", name=user.username)
            )
            flash(message, "success")
    return redirect(url_for("admin.users"))


@admin_bp.route("/audit")
@role_required("admin")
def audit_log() -> str:
    """The audit log, newest first, filterable by action and user."""
    query = db.select(AuditEntry).order_by(AuditEntry.id.desc())
    action = request.args.get("action", "").strip()
    actor = request.args.get("actor", "").strip()
    if action:
        query = query.where(AuditEntry.action.startswith(action))
    if actor:
        query = query.where(AuditEntry.actor_name == actor)
    page = db.paginate(query, per_page=current_app.config["COPYDESK_PAGE_SIZE"], error_out=False)
    return render_template("admin/audit.html", page=page, action=action, actor=actor)
