"""API v1 routes the side-by-side editor needs: comments, segment history, review diffs, find & replace.

They sit next to the article routes and use the same services, so an external client can do all the
editor does. Shapes are extended, never broken (see ``workflow.api.schemas``).
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from flask_login import current_user

from workflow.api import api_bp
from workflow.api.openapi import doc
from workflow.api.request_body import json_body
from workflow.api.schemas import SEGMENT, segment_json
from workflow.domain.diffing import render_diff_html, word_diff
from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.models import Comment, Segment
from workflow.services import replace as replacing
from workflow.services import segments
from workflow.services.articles import get_article
from workflow.services.errors import NotFound

COMMENT = {
    "type": "object",
    "required": ["id", "segment_id", "body", "author", "created_at", "resolved"],
    "properties": {
        "id": {"type": "integer"},
        "segment_id": {"type": ["integer", "null"]},
        "parent_id": {"type": ["integer", "null"]},
        "body": {"type": "string"},
        "author": {"type": "string"},
        "author_name": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"},
        "resolved": {"type": "boolean"},
        "resolved_at": {"type": ["string", "null"], "format": "date-time"},
        "resolved_by": {"type": ["string", "null"]},
    },
}
COMMENT_LIST = {
    "type": "object",
    "required": ["items", "unresolved"],
    "properties": {"items": {"type": "array", "items": COMMENT}, "unresolved": {"type": "integer"}},
}
COMMENT_CREATE = {
    "type": "object",
    "required": ["body"],
    "properties": {
        "segment_id": {"type": ["integer", "null"]},
        "body": {"type": "string", "maxLength": 5000},
        "parent_id": {"type": ["integer", "null"]},
    },
}
COMMENT_RESOLVE = {"type": "object", "properties": {"resolved": {"type": "boolean"}}}
REVISION = {
    "type": "object",
    "required": ["version", "target", "status", "origin", "diff_html"],
    "properties": {
        "version": {"type": "integer"},
        "target": {"type": "string"},
        "status": {"type": "string"},
        "origin": {"type": "string"},
        "author": {"type": ["string", "null"]},
        "at": {"type": ["string", "null"], "format": "date-time"},
        "diff_html": {"type": "string"},
    },
}
HISTORY = {
    "type": "object",
    "required": ["items"],
    "properties": {"items": {"type": "array", "items": REVISION}},
}
REVIEW_DIFF = {
    "type": "object",
    "required": ["diff_html", "has_baseline"],
    "properties": {
        "diff_html": {"type": "string"},
        "has_baseline": {"type": "boolean"},
        "baseline": {"type": "string"},
        "target": {"type": "string"},
    },
}
REPLACE_REQUEST = {
    "type": "object",
    "required": ["find", "replace"],
    "properties": {
        "find": {"type": "string"},
        "replace": {"type": "string"},
        "include_reviewed": {"type": "boolean"},
        "case_sensitive": {"type": "boolean"},
        "apply": {"type": "boolean"},
        "versions": {"type": "object", "description": "segment id → version seen in the preview"},
    },
}
REPLACE_CHANGE = {
    "type": "object",
    "properties": {
        "segment_id": {"type": "integer"},
        "position": {"type": "integer"},
        "version": {"type": "integer"},
        "status": {"type": "string"},
        "before": {"type": "string"},
        "after": {"type": "string"},
        "occurrences": {"type": "integer"},
        "diff_html": {"type": "string"},
    },
}
REPLACE_RESULT = {
    "type": "object",
    "required": ["changes", "skipped_reviewed", "applied"],
    "properties": {
        "changes": {"type": "array", "items": REPLACE_CHANGE},
        "skipped_reviewed": {"type": "integer"},
        "applied": {"type": "boolean"},
        "segments": {"type": "array", "items": SEGMENT},
        "conflicts": {"type": "array"},
        "failed": {"type": "array"},
    },
}


def comment_json(comment: Comment) -> dict[str, Any]:
    """A comment as the API shows it (the body is plain text; clients must escape it)."""
    return {
        "id": comment.id,
        "segment_id": comment.segment_id,
        "parent_id": comment.parent_id,
        "body": comment.body,
        "author": comment.author.username,
        "author_name": comment.author.name,
        "created_at": comment.created_at.isoformat(),
        "resolved": comment.resolved_at is not None,
        "resolved_at": comment.resolved_at.isoformat() if comment.resolved_at else None,
        "resolved_by": comment.resolved_by.username if comment.resolved_by else None,
    }


@api_bp.get("/articles/<int:article_id>/comments")
@doc(summary="The article's comments, oldest first", response=COMMENT_LIST, errors=(401, 404))
def list_comments(article_id: int) -> Response:
    """Every comment with its thread parent; ``unresolved`` counts the open ones (they block approval)."""
    article = get_article(article_id, actor=current_user)
    items = [comment_json(c) for c in segments.comments_of(article)]
    return jsonify(items=items, unresolved=sum(1 for c in items if not c["resolved"]))


@api_bp.post("/articles/<int:article_id>/comments")
@doc(summary="Comment on a segment or reply", request=COMMENT_CREATE, response=COMMENT, status=201)
def create_comment(article_id: int) -> tuple[Response, int]:
    """Add a comment on a segment, or a reply in a thread (``parent_id``)."""
    body = json_body(COMMENT_CREATE)
    comment = segments.add_comment(
        article_id, body.get("segment_id"), body["body"], actor=current_user, parent_id=body.get("parent_id")
    )
    return jsonify(comment_json(comment)), 201


@api_bp.post("/articles/<int:article_id>/comments/<int:comment_id>/resolve")
@doc(summary="Resolve or reopen a comment thread", request=COMMENT_RESOLVE, response=COMMENT_LIST)
def resolve_comment(article_id: int, comment_id: int) -> Response:
    """Resolve (or reopen) a comment; resolving a thread's first comment resolves its replies too."""
    body = json_body(COMMENT_RESOLVE)
    segments.resolve_thread(article_id, comment_id, actor=current_user, resolved=body.get("resolved", True))
    return list_comments(article_id)


@api_bp.get("/articles/<int:article_id>/segments/<int:segment_id>/history")
@doc(summary="Every saved revision of a segment with word diffs", response=HISTORY, errors=(401, 404))
def segment_history(article_id: int, segment_id: int) -> Response:
    """The MT draft then every revision (author, time, origin), each diffed against the one before."""
    return jsonify(items=segments.segment_history(article_id, segment_id, actor=current_user))


@api_bp.get("/articles/<int:article_id>/segments/<int:segment_id>/review-diff")
@doc(
    summary="The editor's changes against the translator's confirmed text",
    response=REVIEW_DIFF,
    errors=(401, 404),
)
def review_diff(article_id: int, segment_id: int) -> Response:
    """Tracked changes for review: the current target diffed against ``translated_text`` (escaped HTML)."""
    article = get_article(article_id, actor=current_user)
    segment = db.session.get(Segment, segment_id)
    if segment is None or segment.article_id != article.id:
        raise NotFound(_("This segment does not belong to this article."))
    baseline = segment.translated_text
    return jsonify(
        diff_html=review_diff_html(baseline, segment.target),
        has_baseline=baseline is not None,
        baseline=baseline or "",
        target=segment.target,
    )


def review_diff_html(baseline: str | None, target: str) -> str:
    """Escaped tracked-changes HTML of ``target`` against the translator's text (empty without one)."""
    if baseline is None:
        return ""
    return str(render_diff_html(word_diff(baseline, target)))


@api_bp.post("/articles/<int:article_id>/replace")
@doc(
    summary="Find and replace in targets (preview, or apply)",
    request=REPLACE_REQUEST,
    response=REPLACE_RESULT,
)
def replace_in_targets(article_id: int) -> Response:
    """Preview every change (``apply`` false) or apply them; reviewed segments only when included."""
    body = json_body(REPLACE_REQUEST)
    options = {
        "actor": current_user,
        "case_sensitive": bool(body.get("case_sensitive", False)),
    }
    include_reviewed = bool(body.get("include_reviewed", False))
    every_change = replacing.preview_replace(
        article_id, body["find"], body["replace"], include_reviewed=True, **options
    )
    changes = [c for c in every_change if include_reviewed or c.status != "reviewed"]
    result: dict[str, Any] = {
        "changes": [c.__dict__ for c in changes],
        "skipped_reviewed": len(every_change) - len(changes),
        "applied": False,
    }
    if body.get("apply"):
        versions = _versions(body.get("versions"))
        outcome = replacing.apply_replace(
            article_id,
            body["find"],
            body["replace"],
            include_reviewed=include_reviewed,
            expected_versions=versions,
            **options,
        )
        result.update(
            applied=True,
            segments=[segment_json(s) for s in outcome.applied],
            conflicts=outcome.conflicts,
            failed=outcome.failed,
        )
    return jsonify(result)


def _versions(raw: object) -> dict[int, int] | None:
    """``{"12": 3}`` from JSON into ``{12: 3}``; None when absent. :raise InvalidInput: when malformed."""
    if raw is None:
        return None
    from workflow.services.errors import InvalidInput

    try:
        versions = {int(key): int(value) for key, value in dict(raw).items()}  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise InvalidInput(
            _("versions maps segment ids to versions."), errors={"versions": _("Invalid.")}
        ) from None
    return versions
