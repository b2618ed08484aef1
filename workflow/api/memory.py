"""API v1 routes of the translation memory: fuzzy matches, concordance search, deleting an entry."""

from __future__ import annotations

from flask import Response, jsonify, request
from flask_login import current_user

from workflow.api import api_bp
from workflow.api.openapi import doc
from workflow.services import memory, memory_lookup
from workflow.services.errors import InvalidInput

ORIGIN = {
    "type": "object",
    "properties": {
        "kind": {"type": "string"},
        "article_id": {"type": ["integer", "null"]},
        "article_title": {"type": "string"},
        "author": {"type": "string"},
        "author_name": {"type": "string"},
        "date": {"type": ["string", "null"], "format": "date-time"},
    },
}
MATCH = {
    "type": "object",
    "required": ["source", "target", "score", "origin"],
    "properties": {
        "source": {"type": "string"},
        "target": {"type": "string"},
        "score": {"type": "number", "description": "0–100 edit similarity; 101 = context match"},
        "origin": ORIGIN,
        "entry_id": {"type": "integer"},
        "context_match": {"type": "boolean"},
        "diff_html": {
            "type": "string",
            "description": "the query, <ins> only in it, <del> only in the match",
        },
        "number_differences": {"type": "object"},
        "glossary_differences": {"type": "object"},
    },
}
MATCH_LIST = {"type": "array", "items": MATCH}
ENTRY = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "source": {"type": "string"},
        "target": {"type": "string"},
        "source_html": {"type": "string"},
        "target_html": {"type": "string"},
        "origin": ORIGIN,
    },
}
CONCORDANCE = {
    "type": "object",
    "required": ["items", "total"],
    "properties": {
        "items": {"type": "array", "items": ENTRY},
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
    },
}
_PAIR_QUERY = {
    "source_lang": {"required": True, "schema": {"type": "string"}},
    "target_lang": {"required": True, "schema": {"type": "string"}},
}


def _int_arg(name: str, default: int) -> int:
    try:
        return int(request.args.get(name, default))
    except ValueError:
        raise InvalidInput(f"{name} must be a whole number.", errors={name: "Not a number."}) from None


@api_bp.get("/tm/matches")
@doc(
    summary="Fuzzy translation-memory matches for a text",
    response=MATCH_LIST,
    query={
        **_PAIR_QUERY,
        "text": {"required": True, "schema": {"type": "string"}},
        "limit": {"schema": {"type": "integer", "minimum": 1, "maximum": 20}},
        "context_prev": {"schema": {"type": "string"}},
        "context_next": {"schema": {"type": "string"}},
    },
    errors=(401, 422),
)
def tm_matches() -> Response:
    """The best matches above the threshold, context matches (101) first."""
    found = memory_lookup.find_matches(
        request.args.get("source_lang", ""),
        request.args.get("target_lang", ""),
        request.args.get("text", ""),
        limit=_int_arg("limit", 5),
        context_prev=request.args.get("context_prev") or None,
        context_next=request.args.get("context_next") or None,
    )
    return jsonify([suggestion.as_json() for suggestion in found])


@api_bp.get("/tm/concordance")
@doc(
    summary="Entries whose source or target contains a phrase",
    response=CONCORDANCE,
    query={
        **_PAIR_QUERY,
        "q": {"schema": {"type": "string"}},
        "page": {"schema": {"type": "integer", "minimum": 1}},
    },
    errors=(401, 422),
)
def tm_concordance() -> Response:
    """A page of entries containing ``q`` (case-insensitive), with the phrase highlighted in ``*_html``."""
    phrase = request.args.get("q", "")
    page = memory.concordance(
        request.args.get("source_lang", ""),
        request.args.get("target_lang", ""),
        phrase,
        page=_int_arg("page", 1),
    )
    items = [
        {
            "id": entry.id,
            "source": entry.source,
            "target": entry.target,
            "source_html": str(memory.highlight(entry.source, phrase)),
            "target_html": str(memory.highlight(entry.target, phrase)),
            "origin": {
                "kind": entry.origin,
                "article_id": entry.article_id,
                "author": entry.author.username if entry.author else "",
                "date": entry.last_used_at.isoformat(),
            },
        }
        for entry in page.items
    ]
    return jsonify({"items": items, "total": page.total or 0, "page": page.page, "pages": page.pages})


@api_bp.delete("/tm/<int:entry_id>")
@doc(summary="Delete a memory entry (admins)", response=None, status=204, errors=(401, 403, 404))
def tm_delete(entry_id: int) -> tuple[str, int]:
    """Delete the entry; every worker's index forgets it within a second."""
    memory.delete_entry(entry_id, actor=current_user)
    return "", 204
