"""Style rule administration for admins: list and filter, switch shipped rules, write custom ones, try them.

Views only turn forms into service calls and service errors into form errors; validation (RE2 safety,
examples) lives in :mod:`workflow.services.rules`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as WerkzeugResponse
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.i18n import lazy_gettext as _l
from workflow.models import Article
from workflow.services import rule_testing, rules
from workflow.services.errors import InvalidInput, NotFound
from workflow.services.rule_testing import TestHit
from workflow.services.rules import CustomRuleInput, RuleQuery
from workflow.web.auth import safe_next
from workflow.web.permissions import role_required

rules_bp = Blueprint("rules", __name__, url_prefix="/rules")

_LINES_HELP = _l("One per line.")


class RuleForm(FlaskForm):
    """A custom rule: phrases or a pattern, a message, suggestions and examples checked on save."""

    rule_id = StringField(_l("Rule id (kebab-case)"), validators=[DataRequired(), Length(max=64)])
    family = StringField(_l("Family"), validators=[Optional(), Length(max=40)], default="custom")
    severity = SelectField(
        _l("Severity"),
        choices=[SelectChoice("warning", _l("Warning")), SelectChoice("info", _l("Info"))],
        default="warning",
    )
    phrases = TextAreaField(_l("Phrases (matched as whole words, case-insensitive)"), validators=[Optional()])
    pattern = StringField(
        _l("…or a regular expression (RE2 syntax)"), validators=[Optional(), Length(max=2000)]
    )
    message = TextAreaField(
        _l("Message shown to the translator"), validators=[DataRequired(), Length(max=1000)]
    )
    suggestions = TextAreaField(_l("Suggested replacements"), validators=[Optional()])
    examples_match = TextAreaField(_l("Examples it must match"), validators=[Optional()])
    examples_clean = TextAreaField(_l("Examples it must not match"), validators=[Optional()])
    enabled = BooleanField(_l("Enabled"), default=True)
    test_text = TextAreaField(
        _l("Try it on this text"), validators=[Optional(), Length(max=rule_testing.MAX_TEST_TEXT)]
    )


class TestForm(FlaskForm):
    """Paste text and see which rules in force match it."""

    text = TextAreaField(
        _l("Text to test"), validators=[DataRequired(), Length(max=rule_testing.MAX_TEST_TEXT)]
    )


class CsrfOnlyForm(FlaskForm):
    """Buttons that change something (switch, delete) post this form for its CSRF token."""


def highlight_segments(text: str, hits: list[TestHit]) -> list[dict[str, Any]]:
    """The text cut into plain and highlighted pieces (overlaps merged), for an escaped rendering."""
    pieces: list[dict[str, Any]] = []
    position = 0
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.end <= position:
            continue
        start = max(hit.start, position)
        if start > position:
            pieces.append({"text": text[position:start], "rule": None})
        pieces.append({"text": text[start : hit.end], "rule": hit.rule_id})
        position = hit.end
    if position < len(text):
        pieces.append({"text": text[position:], "rule": None})
    return pieces


def _lines(text: str | None) -> list[str]:
    return [line for line in (text or "").splitlines() if line.strip()]


def _input_of(form: RuleForm) -> CustomRuleInput:
    return CustomRuleInput(
        rule_id=form.rule_id.data or "",
        family=form.family.data or "custom",
        severity=form.severity.data or "warning",
        phrases=_lines(form.phrases.data),
        pattern=form.pattern.data or "",
        message=form.message.data or "",
        suggestions=_lines(form.suggestions.data),
        examples_match=_lines(form.examples_match.data),
        examples_clean=_lines(form.examples_clean.data),
        enabled=bool(form.enabled.data),
    )


def _show_errors(form: RuleForm, exc: InvalidInput) -> None:
    for name, message in (exc.errors or {}).items():
        target = form[name] if name in form else form.pattern  # noqa: SIM401 (a form is not a dict)
        target.errors = [*target.errors, message]
    flash(exc.detail, "danger")


@rules_bp.route("")
@role_required("admin")
def rule_list() -> str:
    """Shipped and custom rules with search and filters, a switch per rule, and the try-it-out box."""
    query = RuleQuery(
        q=request.args.get("q", ""),
        family=request.args.get("family", ""),
        severity=request.args.get("severity", ""),
        source=request.args.get("source", ""),
        state=request.args.get("state", ""),
    )
    found = rules.list_rules(query)
    return render_template(
        "rules/list.html",
        rows=found,
        query=query,
        families=rules.families(),
        test_form=TestForm(),
        action_form=CsrfOnlyForm(),
        total=len(rules.all_rules()),
    )


@rules_bp.route("/shipped/<rule_id>/toggle", methods=["POST"])
@role_required("admin")
def toggle_shipped(rule_id: str) -> WerkzeugResponse:
    """Switch a shipped rule on or off."""
    if CsrfOnlyForm().validate_on_submit():
        enabled = request.form.get("enabled") == "1"
        rules.set_shipped_enabled(rule_id, enabled, actor=current_user)
        flash(
            _("Rule %(id)s is now on.", id=rule_id) if enabled else _("Rule %(id)s is now off.", id=rule_id),
            "success",
        )
    return redirect(safe_next(request.form.get("next")) or url_for("rules.rule_list"))


def _test_hits(form: RuleForm) -> tuple[list[dict[str, Any]] | None, int]:
    text = form.test_text.data or ""
    if not text.strip():
        return None, 0
    try:
        hits = rule_testing.test_draft(_input_of(form), text)
    except InvalidInput as exc:
        _show_errors(form, exc)
        return None, 0
    return highlight_segments(text, hits), len(hits)


def _rule_page(form: RuleForm, row: Any = None) -> tuple[str, int] | WerkzeugResponse:
    pieces, hit_count = None, 0
    status = 200
    if request.method == "POST" and form.validate_on_submit():
        if request.form.get("do") == "test":
            pieces, hit_count = _test_hits(form)
        else:
            try:
                if row is None:
                    saved = rules.create_custom_rule(_input_of(form), actor=current_user)
                    flash(_("Rule %(id)s created; it applies at once.", id=saved.rule_id), "success")
                else:
                    saved = rules.update_custom_rule(row.id, _input_of(form), actor=current_user)
                    flash(_("Rule %(id)s saved; it applies at once.", id=saved.rule_id), "success")
                return redirect(url_for("rules.rule_list", source="custom"))
            except InvalidInput as exc:
                _show_errors(form, exc)
                status = 422
    elif request.method == "POST":
        status = 422
    return render_template("rules/form.html", form=form, row=row, pieces=pieces, hit_count=hit_count), status


@rules_bp.route("/new", methods=["GET", "POST"])
@role_required("admin")
def new_rule() -> tuple[str, int] | WerkzeugResponse:
    """Write a custom rule; it is validated against its examples before it is saved."""
    return _rule_page(RuleForm())


@rules_bp.route("/<int:custom_id>/edit", methods=["GET", "POST"])
@role_required("admin")
def edit_rule(custom_id: int) -> tuple[str, int] | WerkzeugResponse:
    """Change a custom rule (shipped rules can only be switched off)."""
    row = rules.get_custom_rule(custom_id)
    form = RuleForm()
    if request.method == "GET":
        form.rule_id.data = row.rule_id
        form.family.data = row.family
        form.severity.data = row.severity
        form.phrases.data = "\n".join(row.phrases or [])
        form.pattern.data = row.pattern
        form.message.data = row.message
        form.suggestions.data = "\n".join(row.suggestions or [])
        form.examples_match.data = "\n".join(row.examples_match or [])
        form.examples_clean.data = "\n".join(row.examples_clean or [])
        form.enabled.data = row.enabled
    return _rule_page(form, row)


@rules_bp.route("/<int:custom_id>/toggle", methods=["POST"])
@role_required("admin")
def toggle_custom(custom_id: int) -> WerkzeugResponse:
    """Switch a custom rule on or off."""
    if CsrfOnlyForm().validate_on_submit():
        row = rules.set_custom_enabled(custom_id, request.form.get("enabled") == "1", actor=current_user)
        flash(
            _("Rule %(id)s is now on.", id=row.rule_id)
            if row.enabled
            else _("Rule %(id)s is now off.", id=row.rule_id),
            "success",
        )
    return redirect(safe_next(request.form.get("next")) or url_for("rules.rule_list"))


@rules_bp.route("/<int:custom_id>/delete", methods=["POST"])
@role_required("admin")
def delete_rule(custom_id: int) -> WerkzeugResponse:
    """Delete a custom rule for good."""
    if CsrfOnlyForm().validate_on_submit():
        rules.delete_custom_rule(custom_id, actor=current_user)
        flash(_("Rule deleted."), "success")
    return redirect(url_for("rules.rule_list"))


@rules_bp.route("/test", methods=["GET", "POST"])
@role_required("admin")
def test_rules() -> tuple[str, int]:
    """Paste text and see what the rules in force match, the spans highlighted (always escaped)."""
    form = TestForm()
    pieces, hits = None, []
    if form.validate_on_submit():
        text = form.text.data or ""
        hits = rule_testing.test_rules_in_force(text)
        pieces = highlight_segments(text, hits)
    status = 422 if request.method == "POST" and form.errors else 200
    return render_template("rules/test.html", form=form, pieces=pieces, hits=hits), status


@rules_bp.route("/recheck", methods=["POST"])
@role_required("admin")
def recheck() -> WerkzeugResponse:
    """Re-check every article in the background; the job page shows the progress."""
    from workflow.services import qa  # noqa: F401  (registers the "recheck" job handler)
    from workflow.services.jobs import start_job

    if not CsrfOnlyForm().validate_on_submit():
        flash(_("The form has expired; try again."), "danger")
        return redirect(url_for("rules.rule_list"))
    total = db.session.execute(
        db.select(db.func.count()).select_from(Article).where(Article.state != "archived")
    ).scalar_one()
    job = start_job("recheck", {}, actor=current_user, total=total)
    return redirect(url_for("rules.recheck_status", job_id=job.id))


@rules_bp.route("/recheck/<int:job_id>")
@role_required("admin")
def recheck_status(job_id: int) -> str:
    """The re-check's progress bar (the page refreshes itself while the job runs), then its summary."""
    from workflow.services.jobs import get_job

    job = get_job(job_id)
    if job is None or job.kind != "recheck":
        raise NotFound(_("No such job."))
    summary = (job.result or {}).get("summary") if job.state == "done" else None
    titles: dict[int, str] = {}
    if summary:
        ids = [int(i) for i, c in summary["counts"].items() if any(c.values())]
        titles = dict(
            db.session.execute(db.select(Article.id, Article.title).where(Article.id.in_(ids))).all()
        )
    return render_template("rules/recheck.html", job=job, summary=summary, titles=titles)
