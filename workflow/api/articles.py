"""API v1 routes for articles: create, list, read, save segments, take actions, export, timeline."""

from __future__ import annotations

from flask import Response, current_app, jsonify, request
from flask_login import current_user

from workflow.api import api_bp
from workflow.api.openapi import doc
from workflow.api.request_body import json_body
from workflow.api.schemas import (
    ARTICLE,
    ARTICLE_CREATE,
    ARTICLE_LIST,
    EVENTS,
    SEGMENT,
    SEGMENT_SAVE,
    TRANSITION,
    article_json,
    article_summary_json,
    event_json,
    segment_json,
)
from workflow.downloads import download_response
from workflow.services import articles, exports, segments, transitions
from workflow.services.articles import ArticleInput, ArticleQuery
from workflow.services.errors import InvalidInput


@api_bp.post("/articles")
@doc(
    summary="Import an article",
    request=ARTICLE_CREATE,
    response=ARTICLE,
    status=201,
    errors=(400, 401, 403, 413, 422),
)
def create_article() -> tuple[Response, int]:
    """Import an article with an optional MT draft; segments come back with their MT text."""
    body = json_body(ARTICLE_CREATE)
    article, summary = articles.import_article(
        ArticleInput(
            title=body.get("title") or "",
            source_text=body["source_text"],
            target_lang=body["target_lang"],
            source_lang=body.get("source_lang"),
            mt_text=body.get("mt_text"),
            article_date=body.get("article_date"),
            due_date=body.get("due_date"),
            origin_url=body.get("origin_url") or "",
            priority=body.get("priority", 1),
        ),
        actor=current_user,
    )
    data = article_json(article)
    data["import_summary"] = summary.__dict__
    response = jsonify(data)
    response.headers["Location"] = f"/api/v1/articles/{article.id}"
    return response, 201


@api_bp.get("/articles")
@doc(
    summary="List and search articles",
    response=ARTICLE_LIST,
    query={
        "state": {"schema": {"type": "string"}},
        "q": {"schema": {"type": "string"}},
        "page": {"schema": {"type": "integer", "minimum": 1}},
        "per_page": {"schema": {"type": "integer", "minimum": 1, "maximum": 100}},
    },
    errors=(400, 401),
)
def list_articles() -> Response:
    """A page of the articles the caller may see."""
    try:
        page = int(request.args.get("page", 1))
        per_page = min(
            100, max(1, int(request.args.get("per_page", current_app.config["COPYDESK_PAGE_SIZE"])))
        )
    except ValueError:
        raise InvalidInput("page and per_page must be whole numbers.") from None
    result = articles.list_articles(
        ArticleQuery(
            state=request.args.get("state", ""),
            q=request.args.get("q", ""),
            source_lang=request.args.get("source_lang", ""),
            target_lang=request.args.get("target_lang", ""),
            assignee=request.args.get("assignee", ""),
            overdue=request.args.get("overdue") in {"1", "true"},
            page=max(1, page),
            per_page=per_page,
        ),
        actor=current_user,
    )
    progress = articles.progress_by_article([a.id for a in result.items])
    return jsonify(
        items=[article_summary_json(a, progress.get(a.id)) for a in result.items],
        total=result.total or 0,
        page=result.page,
        pages=result.pages,
    )


@api_bp.get("/articles/<int:article_id>")
@doc(summary="An article with its segments", response=ARTICLE, errors=(401, 404))
def get_article(article_id: int) -> Response:
    """The article and every segment with its version."""
    return jsonify(article_json(articles.get_article(article_id, actor=current_user)))


@api_bp.put("/articles/<int:article_id>/segments/<int:segment_id>")
@doc(
    summary="Save a segment's target",
    request=SEGMENT_SAVE,
    response=SEGMENT,
    errors=(400, 401, 403, 404, 409, 422),
)
def save_segment(article_id: int, segment_id: int) -> Response:
    """Save a target if ``version`` is current; a stale version answers 409 with the current text."""
    body = json_body(SEGMENT_SAVE)
    segment = segments.save_segment(
        article_id,
        segment_id,
        segments.SegmentSave(
            target=body["target"],
            version=body["version"],
            status=body.get("status"),
            origin=body.get("origin", "typed"),
        ),
        actor=current_user,
    )
    return jsonify(segment_json(segment))


@api_bp.post("/articles/<int:article_id>/transitions")
@doc(
    summary="Take a lifecycle action",
    request=TRANSITION,
    response=ARTICLE,
    errors=(400, 401, 403, 404, 409, 422),
)
def take_action(article_id: int) -> Response:
    """Claim, submit, reject, approve…; 403 when not permitted, 409 with ``blocking`` reasons otherwise."""
    body = json_body(TRANSITION)
    article = transitions.take_action(
        article_id,
        transitions.ActionInput(
            action=body["action"],
            comment=body.get("comment") or "",
            override_reason=body.get("override_reason") or "",
            translator=body.get("translator"),
            editor=body.get("editor"),
        ),
        actor=current_user,
    )
    return jsonify(article_json(article))


@api_bp.get("/articles/<int:article_id>/export")
@doc(
    summary="Export the translated article",
    query={
        "format": {"schema": {"type": "string", "enum": ["txt", "md", "html", "docx"]}},
        "bilingual": {"schema": {"type": "string", "enum": ["0", "1"]}},
    },
    response={"type": "string"},
    content_type=(
        "text/plain",
        "text/markdown",
        "text/html",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    errors=(401, 403, 404, 422),
)
def export_article(article_id: int) -> Response:
    """The target text as txt, md, html or docx (bilingual=1 for a two-column review file)."""
    data, content_type, filename = exports.export_article(
        article_id,
        request.args.get("format", "txt"),
        actor=current_user,
        bilingual=request.args.get("bilingual") == "1",
    )
    return download_response(data, content_type, filename)


@api_bp.get("/articles/<int:article_id>/events")
@doc(summary="The article's timeline", response=EVENTS, errors=(401, 404))
def article_events(article_id: int) -> Response:
    """Every step: import, assignments, transitions with comments and override reasons."""
    article = articles.get_article(article_id, actor=current_user)
    return jsonify([event_json(e) for e in transitions.timeline(article)])
