"""The side-by-side editor page and the "MT vs final" post-editing report of an article.

Rows are rendered on the server (fast first paint even for 500 segments); the scripts under
``static/js/editor/`` then add autosave, conflicts, keyboard shortcuts and the side panels. Data reaches
the scripts through ``data-*`` attributes and a non-executable JSON block (the CSP forbids inline
scripts), and every string the scripts show is translated here.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from flask import Blueprint, current_app, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import case, func, select
from werkzeug.routing import BuildError

from workflow.domain.diffing import render_diff_html, word_diff
from workflow.domain.lifecycle import CONFIRMED_STATUSES, Role, SegmentStatus, State
from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.models import Comment, Segment
from workflow.services import segments, transitions
from workflow.services.articles import get_article

editor_bp = Blueprint("editor", __name__)

# Panels other teams add later; a script is included only when its file exists.
OPTIONAL_PANEL_SCRIPTS = ("js/panels/glossary.js", "js/panels/tm.js", "js/panels/qa.js")
STATUS_ORDER = ("empty", "mt", "tm", "draft", "translated", "reviewed")


def status_labels() -> dict[str, str]:
    """The translated name of each segment status."""
    return {
        "empty": _("Empty"),
        "mt": _("MT"),
        "tm": _("TM"),
        "draft": _("Draft"),
        "translated": _("Translated"),
        "reviewed": _("Reviewed"),
    }


def state_labels() -> dict[str, str]:
    """The translated name of each article state."""
    return {
        "new": _("New"),
        "translating": _("Translating"),
        "editing": _("Editing"),
        "approved": _("Approved"),
        "archived": _("Archived"),
    }


def editor_strings() -> dict[str, str]:
    """Every sentence the editor's scripts show, translated for this request."""
    return {
        "saving": _("Saving…"),
        "saved": _("Saved"),
        "unsaved": _("Unsaved"),
        "error": _("Not saved"),
        "retrying": _("Offline — retrying in %(seconds)s s"),
        "conflictTitle": _("Someone else changed this segment"),
        "conflictIntro": _(
            "Segment %(n)s was saved by someone else while you were editing. "
            "Nothing is lost: choose a text, or merge them."
        ),
        "theirs": _("Their text"),
        "mine": _("Your text"),
        "merged": _("Merged text (edit freely)"),
        "keepTheirs": _("Keep theirs"),
        "keepMine": _("Keep mine"),
        "keepMerged": _("Save merged text"),
        "unsavedLeave": _("Some translations are not saved yet."),
        "restoreFound": _("Unsaved text from an earlier visit was found for %(count)s segment(s)."),
        "restore": _("Restore"),
        "discard": _("Discard"),
        "noSuggestion": _("No suggestion %(n)s for this segment."),
        "noMt": _("This segment has no MT text."),
        "reverted": _("Reverted to the last saved text."),
        "comments": _("Comments"),
        "history": _("History"),
        "noComments": _("No comments on this segment yet."),
        "addComment": _("Add comment"),
        "commentLabel": _("New comment on the active segment"),
        "reply": _("Reply"),
        "replyLabel": _("Reply to this comment"),
        "resolve": _("Resolve"),
        "reopen": _("Reopen"),
        "resolved": _("Resolved"),
        "loading": _("Loading…"),
        "loadFailed": _("Could not load: %(detail)s"),
        "noHistory": _("No saved revisions yet."),
        "version": _("Version %(n)s"),
        "origin_mt": _("MT"),
        "origin_tm": _("TM"),
        "origin_typed": _("Typed"),
        "origin_replace": _("Replace"),
        "origin_source": _("Copied source"),
        "noChanges": _("Nothing matches."),
        "replaceCount": _("%(count)s segment(s) will change."),
        "skippedReviewed": _("%(count)s reviewed segment(s) are left out."),
        "reviewedBadge": _("Reviewed — will drop back to draft"),
        "replaceAll": _("Replace in %(count)s segment(s)"),
        "replaceDone": _("Replaced in %(count)s segment(s)."),
        "replaceConflicts": _("%(count)s segment(s) were changed by someone else and left untouched."),
        "segment": _("Segment %(n)s"),
        "rejectNeedsComment": _("Write why the article goes back to translation."),
        "blocked": _("The article cannot move on yet:"),
        "actionFailed": _("The action failed: %(detail)s"),
        "networkError": _("The server could not be reached."),
        "selectSegment": _("Select a segment to see this panel."),
        "unresolvedOne": _("open comment"),
    }


def optional_panel_scripts() -> list[str]:
    """The optional panel scripts present on disk, as static file names."""
    static_folder = current_app.static_folder or ""
    return [name for name in OPTIONAL_PANEL_SCRIPTS if os.path.exists(os.path.join(static_folder, name))]


def article_url(article_id: int) -> str | None:
    """The article page's address, or None while that page does not exist."""
    try:
        return url_for("articles.article_detail", article_id=article_id)
    except BuildError:
        return None


def comment_counts(article_id: int) -> dict[int, tuple[int, int]]:
    """Per segment: (all comments, unresolved comments), in one grouped query."""
    rows = db.session.execute(
        select(
            Comment.segment_id,
            func.count(),
            func.sum(case((Comment.resolved_at.is_(None), 1), else_=0)),
        )
        .where(Comment.article_id == article_id, Comment.segment_id.is_not(None))
        .group_by(Comment.segment_id)
    ).all()
    return {segment_id: (total, int(unresolved or 0)) for segment_id, total, unresolved in rows}


def _rows(article_id: int, review_mode: bool) -> list[dict[str, Any]]:
    """The grid's rows: segments in one query, with comment counts and (in review) tracked changes."""
    counts = comment_counts(article_id)
    # one translation for every row (gettext per row costs more than rendering the row)
    label = _("Translation of segment %(n)s", n="\x00")
    rows = []
    previous_paragraph = None
    for segment in db.session.execute(
        select(Segment).where(Segment.article_id == article_id).order_by(Segment.position)
    ).scalars():
        total, unresolved = counts.get(segment.id, (0, 0))
        diff_html = ""
        if review_mode and segment.translated_text not in (None, segment.target):
            diff_html = str(render_diff_html(word_diff(segment.translated_text, segment.target)))
        rows.append(
            {
                "segment": segment,
                "label": label.replace("\x00", str(segment.position + 1)),
                "paragraph_start": previous_paragraph is not None and segment.paragraph != previous_paragraph,
                "comments": total,
                "unresolved": unresolved,
                "diff_html": diff_html,
                "confirmed": segment.status in CONFIRMED_STATUSES,
            }
        )
        previous_paragraph = segment.paragraph
    return rows


@editor_bp.route("/articles/<int:article_id>/edit")
@login_required
def edit(article_id: int) -> str:
    """The side-by-side editor: source and target per segment, autosaved, with panels and shortcuts."""
    article = get_article(article_id, actor=current_user)
    editable, reason = segments.editing_permission(article, current_user)
    is_editor = current_user.has_role(Role.EDITOR)
    review_mode = is_editor and article.state == State.EDITING.value
    rows = _rows(article.id, review_mode)
    progress = Counter(row["segment"].status for row in rows)
    config = {
        "articleId": article.id,
        "apiBase": f"/api/v1/articles/{article.id}",
        "role": current_user.role,
        "confirmStatus": SegmentStatus.REVIEWED.value if is_editor else SegmentStatus.TRANSLATED.value,
        "editable": editable,
        "reviewMode": review_mode,
        "sourceLang": article.source_lang,
        "targetLang": article.target_lang,
        "articleDate": article.article_date.isoformat() if article.article_date else "",
        "articleUrl": article_url(article.id) or "",
        "statusLabels": status_labels(),
    }
    actions = [
        a for a in transitions.actions_for(article, current_user) if a in {"submit", "approve", "reject"}
    ]
    return render_template(
        "editor/edit.html",
        article=article,
        rows=rows,
        editable=editable,
        readonly_reason=reason,
        review_mode=review_mode,
        progress=progress,
        total=len(rows),
        unresolved=sum(row["unresolved"] for row in rows),
        status_order=STATUS_ORDER,
        status_labels=status_labels(),
        state_label=state_labels().get(article.state, article.state),
        actions=actions,
        config=config,
        strings=editor_strings(),
        panel_scripts=optional_panel_scripts(),
        article_url=article_url(article.id),
        max_target=current_app.config["COPYDESK_MAX_TARGET_CHARS"],
    )


@editor_bp.route("/articles/<int:article_id>/post-editing")
@login_required
def post_editing(article_id: int) -> str:
    """MT versus final text for every segment: edit distance in percent with the diff, and the average."""
    article = get_article(article_id, actor=current_user)
    report = segments.post_edit_report(article)
    measured = [row["edit_percent"] for row in report if row["edit_percent"] is not None]
    average = round(sum(measured) / len(measured), 1) if measured else None
    return render_template(
        "editor/post_editing.html",
        article=article,
        report=report,
        average=average,
        measured=len(measured),
        article_url=article_url(article.id),
    )
