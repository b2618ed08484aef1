"""Translation-memory pages: concordance search, TMX upload and download, and the editor panel's fragments.

The editor's TM tab (``static/js/panels/tm.js``) loads server-rendered HTML fragments from here, so every
string is translated and every user text escaped by Jinja, and the script only wires up the buttons.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.wrappers import Response as WerkzeugResponse
from wtforms import StringField, SubmitField
from wtforms.validators import Length, Optional

from workflow.downloads import download_response
from workflow.i18n import lazy_gettext as _l
from workflow.services import memory, memory_io, memory_lookup
from workflow.services.articles import get_article
from workflow.services.errors import InvalidInput, ServiceError
from workflow.web.permissions import role_required

memory_bp = Blueprint("memory", __name__, url_prefix="/memory")

DEFAULT_PAIR = ("zh", "en")


class TmxImportForm(FlaskForm):
    """Upload a TMX file and say which of its languages to import."""

    file = FileField(_l("TMX file"))
    source_lang = StringField(_l("Source language"), validators=[Optional(), Length(max=35)], default="zh")
    target_lang = StringField(_l("Target language"), validators=[Optional(), Length(max=35)], default="en")
    submit = SubmitField(_l("Import"))


class DeleteForm(FlaskForm):
    """The CSRF-protected form behind each delete button."""


def _pair_args() -> tuple[str, str]:
    pairs = memory.language_pairs()
    default = pairs[0] if pairs and DEFAULT_PAIR not in pairs else DEFAULT_PAIR
    return (
        (request.args.get("source_lang") or default[0]).strip(),
        (request.args.get("target_lang") or default[1]).strip(),
    )


def _page_number() -> int:
    try:
        return max(1, int(request.args.get("page", 1)))
    except ValueError:
        return 1


@memory_bp.route("/")
@login_required
def concordance() -> tuple[str, int] | str:
    """Search the memory for a phrase in sources or targets; results highlighted and paginated."""
    source_lang, target_lang = _pair_args()
    phrase = request.args.get("q", "").strip()
    page, error = None, ""
    try:
        page = memory.concordance(
            source_lang,
            target_lang,
            phrase,
            page=_page_number(),
            per_page=current_app.config["COPYDESK_PAGE_SIZE"],
        )
    except InvalidInput as exc:
        error = exc.detail
    html = render_template(
        "memory/concordance.html",
        page=page,
        phrase=phrase,
        source_lang=source_lang,
        target_lang=target_lang,
        pairs=memory.language_pairs(),
        error=error,
        highlight=memory.highlight,
        delete_form=DeleteForm(),
        may_import=memory_io.may_import_tmx(current_user),
    )
    return (html, 422) if error else html


@memory_bp.route("/import", methods=["GET", "POST"])
@role_required("editor")
def import_tmx() -> WerkzeugResponse | tuple[str, int] | str:
    """Upload a TMX file; the import runs as a background job whose progress page we redirect to."""
    form = TmxImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        if upload is None or not getattr(upload, "filename", ""):
            form.file.errors = [*form.file.errors, _l("Choose a TMX file.")]
        else:
            try:
                job = memory_io.start_tmx_import(
                    upload.read(),
                    filename=upload.filename,
                    source_lang=(form.source_lang.data or "").strip() or None,
                    target_lang=(form.target_lang.data or "").strip() or None,
                    actor=current_user,
                )
            except ServiceError as exc:
                flash(exc.detail, "danger")
            else:
                return redirect(url_for("jobs.job_status", job_id=job.id))
    status = 422 if request.method == "POST" else 200
    return render_template("memory/import.html", form=form), status


@memory_bp.route("/export")
@login_required
def export_tmx() -> Response:
    """Download every entry of a language pair as TMX 1.4."""
    source_lang, target_lang = _pair_args()
    data = memory_io.export_tmx(source_lang, target_lang)
    filename = f"copydesk-memory-{source_lang}-{target_lang}.tmx"
    return download_response(data, "application/x-tmx+xml; charset=utf-8", filename)


@memory_bp.route("/entries/<int:entry_id>/delete", methods=["POST"])
@role_required("admin")
def delete_entry(entry_id: int) -> WerkzeugResponse:
    """Delete an entry from the concordance page (admins)."""
    if not DeleteForm().validate_on_submit():
        abort(400)
    memory.delete_entry(entry_id, actor=current_user)
    flash(str(_l("The memory entry was deleted.")), "success")
    target = request.form.get("next", "")
    return redirect(target if target.startswith("/memory") else url_for("memory.concordance"))


@memory_bp.route("/panel/<int:article_id>/<int:segment_id>")
@login_required
def panel(article_id: int, segment_id: int) -> str:
    """The editor's TM tab for one segment: matches with score, differences and origin."""
    article = get_article(article_id, actor=current_user)
    segment, suggestions = memory_lookup.matches_for_segment(article, segment_id)
    return render_template(
        "memory/_panel.html",
        article=article,
        segment=segment,
        suggestions=suggestions,
        threshold=memory_lookup.threshold(),
        scoring_help=memory_lookup.scoring_help(article.source_lang),
    )


@memory_bp.route("/panel/concordance")
@login_required
def panel_concordance() -> str:
    """The editor panel's small concordance search: the first results for a phrase."""
    source_lang, target_lang = _pair_args()
    phrase = request.args.get("q", "").strip()
    page = memory.concordance(source_lang, target_lang, phrase, page=1, per_page=10) if phrase else None
    return render_template(
        "memory/_panel_concordance.html",
        page=page,
        phrase=phrase,
        highlight=memory.highlight,
        source_lang=source_lang,
        target_lang=target_lang,
    )
