"""Article pages: my work, the list with filters and search, import, the article page, actions, export."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as WerkzeugResponse

from workflow.domain.languages import language_display_name
from workflow.downloads import download_response
from workflow.extensions import db
from workflow.formats.article_files import ArticleFileError, read_article_file
from workflow.i18n import gettext as _
from workflow.models import User
from workflow.services import articles, exports, segments, transitions
from workflow.services.articles import ArticleInput, ArticleQuery
from workflow.services.errors import Conflict, InvalidInput
from workflow.web.article_forms import ActionForm, ImportForm

articles_bp = Blueprint("articles", __name__)

# Offered as suggestions on the import form; any BCP 47 tag Babel knows is accepted.
COMMON_LANGUAGES = ("zh", "zh-TW", "en", "en-GB", "ja", "ko", "de", "fr", "es", "pt", "ru", "ar", "it", "vi")

ACTION_LABELS = {
    "assign": "Assign",
    "claim": "Claim",
    "submit": "Submit for editing",
    "reject": "Send back to translation",
    "approve": "Approve",
    "reopen": "Reopen",
    "archive": "Archive",
    "restore": "Restore",
}


@articles_bp.app_context_processor
def _article_helpers() -> dict[str, object]:
    from flask_babel import get_locale

    def lang_name(tag: str) -> str:
        try:
            return language_display_name(tag, str(get_locale() or "en"))
        except ValueError:
            return tag

    def state_label(state: str) -> str:
        labels = {
            "new": _("New"),
            "translating": _("Translating"),
            "editing": _("Editing"),
            "approved": _("Approved"),
            "archived": _("Archived"),
        }
        return labels.get(state, state)

    def action_label(action: str) -> str:
        labels = {
            "assign": _("Assign"),
            "claim": _("Claim"),
            "submit": _("Submit for editing"),
            "reject": _("Send back to translation"),
            "approve": _("Approve"),
            "reopen": _("Reopen"),
            "archive": _("Archive"),
            "restore": _("Restore"),
            "import": _("Imported"),
        }
        return labels.get(action, action)

    return {
        "lang_name": lang_name,
        "state_label": state_label,
        "action_label": action_label,
        "is_overdue": articles.is_overdue,
    }


@articles_bp.route("/my-work")
@login_required
def my_work() -> str:
    """The user's queues: assigned, claimable, awaiting review."""
    queues = articles.my_work(current_user)
    ids = sorted({a.id for queue in queues.values() for a in queue})
    return render_template("articles/my_work.html", queues=queues, progress=articles.progress_by_article(ids))


@articles_bp.route("/articles")
@login_required
def article_list() -> str:
    """All visible articles with filters, full-text search, sorting and pagination."""
    try:
        page = int(request.args.get("page", 1))
    except ValueError:
        page = 1
    query = ArticleQuery(
        state=request.args.get("state", ""),
        source_lang=request.args.get("source_lang", ""),
        target_lang=request.args.get("target_lang", ""),
        assignee=request.args.get("assignee", ""),
        overdue=request.args.get("overdue") == "1",
        q=request.args.get("q", ""),
        sort=request.args.get("sort", "due"),
        page=page,
        per_page=current_app.config["COPYDESK_PAGE_SIZE"],
    )
    result = articles.list_articles(query, actor=current_user)
    return render_template(
        "articles/list.html",
        page=result,
        query=query,
        progress=articles.progress_by_article([a.id for a in result.items]),
        filters={k: v for k, v in request.args.items() if k != "page"},
    )


def _read_upload(storage: object) -> str | None:
    if storage is None or not getattr(storage, "filename", ""):
        return None
    return read_article_file(storage.filename, storage.read())


@articles_bp.route("/articles/import", methods=["GET", "POST"])
@login_required
def import_article() -> WerkzeugResponse | str:
    """Paste or upload an article (and its MT draft) and import it."""
    if not articles.may_import(current_user):
        abort(403)
    form = ImportForm()
    if form.validate_on_submit():
        try:
            source = _read_upload(form.source_file.data) or form.source_text.data or ""
            mt = _read_upload(form.mt_file.data) or form.mt_text.data or None
            article, summary = articles.import_article(
                ArticleInput(
                    title=form.title.data or "",
                    source_text=source,
                    target_lang=form.target_lang.data or "",
                    source_lang=form.source_lang.data or None,
                    mt_text=mt,
                    article_date=form.article_date.data or None,
                    due_date=form.due_date.data or None,
                    origin_url=form.origin_url.data or "",
                    priority=int(form.priority.data or 1),
                ),
                actor=current_user,
            )
        except ArticleFileError as exc:
            flash(_(str(exc)), "danger")
        except InvalidInput as exc:
            for field, message in (exc.errors or {}).items():
                if field in form:
                    form[field].errors = [*form[field].errors, message]
            flash(exc.detail, "danger")
        else:
            flash(
                _(
                    "Imported %(segments)d segments: %(mt)d from the MT draft, %(tm)d from the memory, "
                    "%(empty)d empty.",
                    segments=summary.segments,
                    mt=summary.from_mt,
                    tm=summary.from_tm,
                    empty=summary.empty,
                ),
                "success",
            )
            for note in articles.translated_notes(summary.notes):
                flash(note, "warning")
            return redirect(url_for("articles.article_detail", article_id=article.id))
    status = 422 if form.errors or request.method == "POST" else 200
    return render_template("articles/import.html", form=form, language_codes=COMMON_LANGUAGES), status


def _action_form(article_id: int) -> ActionForm:
    form = ActionForm()
    people = db.session.execute(
        db.select(User).where(User.active.is_(True)).order_by(User.username)
    ).scalars()
    people = list(people)
    form.translator.choices = [("", "—")] + [(u.username, u.name) for u in people]
    form.editor.choices = [("", "—")] + [(u.username, u.name) for u in people if u.has_role("editor")]
    return form


@articles_bp.route("/articles/<int:article_id>")
@login_required
def article_detail(article_id: int) -> str:
    """The article's page: facts, progress, the actions you may take, exports and the timeline."""
    article = articles.get_article(article_id, actor=current_user)
    allowed, reason = segments.editing_permission(article, current_user)
    return render_template(
        "articles/detail.html",
        article=article,
        progress=articles.progress_by_article([article.id])[article.id],
        actions=transitions.actions_for(article, current_user),
        events=transitions.timeline(article),
        form=_action_form(article.id),
        can_edit=allowed,
        edit_reason=reason,
        facts=transitions.gather_facts(article),
        notes=articles.translated_notes(articles.decode_notes(article.alignment_notes)),
        may_export=article.state == "approved" or current_user.has_role("editor"),
    )


@articles_bp.route("/articles/<int:article_id>/action", methods=["POST"])
@login_required
def article_action(article_id: int) -> WerkzeugResponse:
    """Take a lifecycle action from the article page's buttons."""
    form = _action_form(article_id)
    if not form.validate_on_submit():
        flash(_("The form has expired; try again."), "danger")
        return redirect(url_for("articles.article_detail", article_id=article_id))
    try:
        transitions.take_action(
            article_id,
            transitions.ActionInput(
                action=form.action.data or "",
                comment=form.comment.data or "",
                override_reason=form.override_reason.data or "",
                translator=form.translator.data or None,
                editor=form.editor.data or None,
            ),
            actor=current_user,
        )
    except Conflict as exc:
        flash(exc.detail, "danger")
        for blocker in exc.extra.get("blocking", []):
            flash(blocker["message"], "warning")
    except InvalidInput as exc:
        flash(exc.detail, "danger")
    # PermissionDenied and NotFound propagate: the person gets a real 403/404 page, not a cheerful redirect.
    else:
        flash(
            _(
                "Done: %(action)s.",
                action=_(ACTION_LABELS.get(form.action.data or "", form.action.data or "")),
            ),
            "success",
        )
    return redirect(url_for("articles.article_detail", article_id=article_id))


@articles_bp.route("/articles/<int:article_id>/export")
@login_required
def article_export(article_id: int) -> Response:
    """Download the article as txt, md, html or docx (bilingual=1 for review)."""
    data, content_type, filename = exports.export_article(
        article_id,
        request.args.get("format", "txt"),
        actor=current_user,
        bilingual=request.args.get("bilingual") == "1",
    )
    return download_response(data, content_type, filename)
