"""Glossary pages: search and filter, term detail with history, propose, admin edit/approve/delete,
the proposals queue, CSV/TBX export downloads and the preview-then-confirm import.

Views stay thin: the services in ``workflow.services.glossary`` and ``glossary_io`` own validation,
permissions and transactions; a view turns their errors into form errors and flashed messages.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as WerkzeugResponse

from workflow.downloads import download_response
from workflow.glossary.terms import TermData
from workflow.i18n import gettext as _
from workflow.services import glossary, glossary_io
from workflow.services.errors import Conflict, InvalidInput, ServiceError
from workflow.web.forms import ConfirmForm
from workflow.web.glossary_forms import GlossaryImportForm, ImportConfirmForm, TermForm, list_field_values
from workflow.web.permissions import role_required

glossary_bp = Blueprint("glossary", __name__, url_prefix="/glossary")


def _pair() -> tuple[str, str]:
    """The pair a page shows: ``?pair=zh-en`` (or source_lang/target_lang), zh → en by default."""
    pair = request.args.get("pair", "")
    if "-" in pair:
        source, target = pair.split("-", 1)
    else:
        source = request.args.get("source_lang", "zh")
        target = request.args.get("target_lang", "en")
    try:
        return glossary.normalise_pair(source, target)
    except InvalidInput:
        return "zh", "en"


def _page_number() -> int:
    try:
        return max(1, int(request.args.get("page", 1)))
    except ValueError:
        return 1


@glossary_bp.route("/")
@login_required
def term_list() -> str:
    """The glossary of one pair, searchable by text and filterable by domain and status, paginated."""
    source, target = _pair()
    query = glossary.GlossaryQuery(
        source_lang=source,
        target_lang=target,
        q=request.args.get("q", ""),
        domain=request.args.get("domain", ""),
        status=request.args.get("status", ""),
        page=_page_number(),
        per_page=current_app.config["COPYDESK_PAGE_SIZE"],
    )
    filters = {"pair": f"{source}-{target}", "q": query.q, "domain": query.domain, "status": query.status}
    return render_template(
        "glossary/list.html",
        page=glossary.list_terms(query),
        query=query,
        filters={k: v for k, v in filters.items() if v},
        pair=f"{source}-{target}",
        pairs=glossary.pairs_in_use(),
        domains=glossary.domains(source, target),
        proposals=glossary.proposal_count(source, target),
        is_admin=current_user.has_role("admin"),
        action_form=ConfirmForm(),
    )


def _form_term(form: TermForm, *, status: str | None = None) -> TermData:
    return TermData(
        source_term=form.source_term.data or "",
        target_term=form.target_term.data or "",
        variants=list_field_values(form.variants.data),
        forbidden=list_field_values(form.forbidden.data),
        part_of_speech=form.part_of_speech.data or "",
        domain=form.domain.data or "",
        note=form.note.data or "",
        case_sensitive=bool(form.case_sensitive.data),
        do_not_translate=bool(form.do_not_translate.data),
        status=status or form.status.data or "approved",
    )


def _show_errors(form: FlaskForm, error: ServiceError) -> None:
    for name, message in (error.errors or {}).items() if isinstance(error.errors, dict) else ():
        if name in form:
            form[name].errors = [*form[name].errors, message]
    flash(error.detail, "danger")


@glossary_bp.route("/new", methods=["GET", "POST"])
@login_required
def term_new() -> WerkzeugResponse | tuple[str, int]:
    """Admins add a term; translators and editors propose one for an admin to review."""
    is_admin = current_user.has_role("admin")
    form = TermForm()
    if request.method == "GET":
        form.source_lang.data, form.target_lang.data = _pair()
        form.source_term.data = request.args.get("source_term", "")
    if form.validate_on_submit():
        try:
            if is_admin:
                term = glossary.create_term(
                    form.source_lang.data, form.target_lang.data, _form_term(form), actor=current_user
                )
                flash(_("Added “%(source)s” to the glossary.", source=term.source_term), "success")
            else:
                term = glossary.propose_term(
                    form.source_lang.data, form.target_lang.data, _form_term(form), actor=current_user
                )
                flash(
                    _("Thank you: “%(source)s” waits for an admin's review.", source=term.source_term),
                    "success",
                )
        except (InvalidInput, Conflict) as exc:
            _show_errors(form, exc)
        else:
            return redirect(url_for("glossary.term_detail", term_id=term.id))
    status = 422 if request.method == "POST" else 200
    return render_template("glossary/form.html", form=form, term=None, is_admin=is_admin), status


@glossary_bp.route("/<int:term_id>")
@login_required
def term_detail(term_id: int) -> str:
    """A term with every field, who created and changed it, and its history."""
    return render_template(
        "glossary/detail.html",
        term=glossary.get_term(term_id),
        history=glossary.term_history(term_id),
        is_admin=current_user.has_role("admin"),
        action_form=ConfirmForm(),
    )


@glossary_bp.route("/<int:term_id>/edit", methods=["GET", "POST"])
@role_required("admin")
def term_edit(term_id: int) -> WerkzeugResponse | tuple[str, int]:
    """Edit every field of a term (approving a proposal by setting its status)."""
    term = glossary.get_term(term_id)
    form = TermForm(obj=term)
    if request.method == "GET":
        form.variants.data = "\n".join(term.variants or [])
        form.forbidden.data = "\n".join(term.forbidden or [])
    form.source_lang.data, form.target_lang.data = term.source_lang, term.target_lang
    if form.validate_on_submit():
        try:
            glossary.update_term(term_id, _form_term(form), actor=current_user)
        except (InvalidInput, Conflict) as exc:
            _show_errors(form, exc)
        else:
            flash(_("Saved “%(source)s”.", source=form.source_term.data), "success")
            return redirect(url_for("glossary.term_detail", term_id=term_id))
    status = 422 if request.method == "POST" else 200
    return render_template("glossary/form.html", form=form, term=term, is_admin=True), status


def _back(default: str) -> str:
    target = request.form.get("next", "")
    return target if target.startswith("/glossary") and not target.startswith("//") else default


@glossary_bp.post("/<int:term_id>/approve")
@role_required("admin")
def term_approve(term_id: int) -> WerkzeugResponse:
    """Approve a proposal: the QA checks enforce it from now on."""
    if ConfirmForm().validate_on_submit():
        term = glossary.approve_term(term_id, actor=current_user)
        flash(_("Approved “%(source)s”.", source=term.source_term), "success")
    return redirect(_back(url_for("glossary.term_detail", term_id=term_id)))


@glossary_bp.post("/<int:term_id>/delete")
@role_required("admin")
def term_delete(term_id: int) -> WerkzeugResponse:
    """Delete a term, or reject a proposal (its history stays)."""
    term = glossary.get_term(term_id)
    pair = f"{term.source_lang}-{term.target_lang}"
    if ConfirmForm().validate_on_submit():
        source = term.source_term
        glossary.delete_term(term_id, actor=current_user)
        flash(_("Deleted “%(source)s”.", source=source), "success")
    return redirect(_back(url_for("glossary.term_list", pair=pair)))


@glossary_bp.route("/export")
@login_required
def export() -> Response:
    """Download a pair's glossary as CSV or TBX."""
    source, target = _pair()
    file_format = request.args.get("format", "csv")
    data = glossary_io.export_glossary(source, target, file_format, status=request.args.get("status", ""))
    content_type = "application/x-tbx+xml" if file_format == "tbx" else "text/csv"
    name = glossary_io.export_filename(source, target, file_format)
    return download_response(data, f"{content_type}; charset=utf-8", name)


@glossary_bp.route("/import", methods=["GET", "POST"])
@role_required("admin")
def import_upload() -> tuple[str, int] | str:
    """Upload a glossary file; the answer is a preview of what would be created, updated or skipped."""
    form = GlossaryImportForm()
    if form.validate_on_submit():
        storage = form.glossary_file.data
        data = storage.read()
        try:
            preview = glossary_io.preview_import(
                data, storage.filename or "", form.source_lang.data, form.target_lang.data
            )
        except ServiceError as exc:
            _show_errors(form, exc)
        else:
            token = ""
            if preview.importable:
                token = glossary_io.stash_upload(
                    data,
                    filename=storage.filename or "",
                    source_lang=preview.source_lang,
                    target_lang=preview.target_lang,
                    owner=current_user,
                )
            return render_template(
                "glossary/preview.html",
                preview=preview,
                filename=storage.filename or "",
                errors=[(e.line, glossary_io.error_text(e)) for e in preview.errors],
                confirm_form=ImportConfirmForm(token=token),
            ), (200 if preview.importable else 422)
    status = 422 if request.method == "POST" else 200
    return render_template("glossary/import.html", form=form), status


@glossary_bp.post("/import/confirm")
@role_required("admin")
def import_confirm() -> WerkzeugResponse:
    """Write a previewed import, all or nothing, and discard the kept upload."""
    form = ImportConfirmForm()
    if not form.validate_on_submit():
        flash(_("The form expired; upload the file again."), "danger")
        return redirect(url_for("glossary.import_upload"))
    data, meta = glossary_io.load_upload(form.token.data, owner=current_user)
    try:
        report = glossary_io.import_file(
            data, meta["filename"], meta["source_lang"], meta["target_lang"], actor=current_user
        )
    except InvalidInput as exc:
        flash(exc.detail, "danger")
        return redirect(url_for("glossary.import_upload"))
    finally:
        glossary_io.discard_upload(form.token.data)
    flash(
        _(
            "Imported: %(created)s created, %(updated)s updated, %(skipped)s unchanged.",
            created=report.created,
            updated=report.updated,
            skipped=report.skipped,
        ),
        "success",
    )
    return redirect(url_for("glossary.term_list", pair=f"{meta['source_lang']}-{meta['target_lang']}"))


@glossary_bp.route("/panel-strings.json")
@login_required
def panel_strings() -> Response:
    """The translated sentences of the editor's glossary panel (its script has no other way to get them)."""
    strings: dict[str, Any] = {
        "title": _("Glossary"),
        "empty": _("No glossary terms in this segment."),
        "insert": _("Insert “%(text)s” (Ctrl+Shift+%(n)s)"),
        "insertPlain": _("Insert “%(text)s”"),
        "variants": _("Also accepted:"),
        "forbidden": _("Avoid:"),
        "proposed": _("Proposed"),
        "dnt": _("Keep as written"),
        "preferred": _("Glossary: %(text)s"),
        "propose": _("Propose a term"),
        "proposeHelp": _("Select a term in the source text first, or type it."),
        "sourceTerm": _("Source term"),
        "targetTerm": _("Suggested rendering"),
        "note": _("Note (optional)"),
        "send": _("Send proposal"),
        "cancel": _("Cancel"),
        "sent": _("Proposal sent; an admin will review it."),
        "failed": _("Could not send the proposal: %(detail)s"),
        "loadFailed": _("Could not load the glossary: %(detail)s"),
        "openGlossary": _("Open the glossary"),
        "glossaryUrl": url_for("glossary.term_list"),
    }
    return jsonify(strings)
