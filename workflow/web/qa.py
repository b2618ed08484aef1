"""The article quality report: findings grouped by check, links to the segments, dismiss and undismiss."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as WerkzeugResponse
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.validators import DataRequired, Length

from workflow.i18n import gettext as _
from workflow.i18n import lazy_gettext as _l
from workflow.services import qa
from workflow.services.articles import get_article
from workflow.services.errors import ServiceError
from workflow.web.navigation import has_endpoint

qa_bp = Blueprint("qa", __name__)


class DismissForm(FlaskForm):
    """Dismiss one finding on one segment, saying why it is not a problem."""

    segment_id = IntegerField(validators=[DataRequired()])
    fingerprint = HiddenField(validators=[DataRequired(), Length(max=64)])
    reason = TextAreaField(_l("Why is this not a problem?"), validators=[DataRequired(), Length(max=2000)])


class UndismissForm(FlaskForm):
    """Take a dismissal back (CSRF only)."""


def segment_link(article_id: int, segment_id: int) -> str | None:
    """Where to open a segment: the editor row when the editor exists."""
    if not has_endpoint("editor.edit"):
        return None
    return url_for("editor.edit", article_id=article_id) + f"#seg-{segment_id}"


@qa_bp.route("/articles/<int:article_id>/qa")
@login_required
def article_report(article_id: int) -> str:
    """Every finding of the article, grouped by check, with counts by severity and the dismissals."""
    article = get_article(article_id, actor=current_user)
    found = qa.article_findings(article)
    return render_template(
        "qa/report.html",
        article=article,
        found=found,
        grouped=found.by_check(),
        counts=found.counts(),
        dismissed=len(found.items) - len(found.active()),
        check_names=qa.check_names(),
        severity_labels=qa.severity_labels(),
        message_of=qa.display_message,
        segment_link=segment_link,
        may_dismiss=current_user.has_role("editor"),
        form=DismissForm(),
        undismiss_form=UndismissForm(),
    )


@qa_bp.route("/articles/<int:article_id>/qa/dismiss", methods=["POST"])
@login_required
def dismiss(article_id: int) -> WerkzeugResponse:
    """Dismiss a finding with a reason (editors); errors come back as a flashed message."""
    form = DismissForm()
    if not form.validate_on_submit():
        flash(_("Give a reason (at most 2000 characters) to dismiss a finding."), "danger")
    else:
        try:
            qa.dismiss_finding(
                article_id,
                form.segment_id.data or 0,
                form.fingerprint.data or "",
                form.reason.data or "",
                actor=current_user,
            )
        except ServiceError as exc:
            if exc.status in (403, 404):
                raise
            flash(exc.detail, "danger")
        else:
            flash(_("Finding dismissed."), "success")
    return redirect(url_for("qa.article_report", article_id=article_id))


@qa_bp.route("/articles/<int:article_id>/qa/dismissals/<int:dismissal_id>/delete", methods=["POST"])
@login_required
def undismiss(article_id: int, dismissal_id: int) -> WerkzeugResponse:
    """Take a dismissal back, so the finding counts again."""
    if not UndismissForm().validate_on_submit():
        flash(_("The form has expired; try again."), "danger")
    else:
        qa.undismiss_finding(article_id, dismissal_id, actor=current_user)
        flash(_("The finding counts again."), "success")
    return redirect(url_for("qa.article_report", article_id=article_id))
