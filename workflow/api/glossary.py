"""API v1 routes for the glossary: term matches in a text, the paginated list, proposals, admin CRUD.

``GET /glossary/matches`` is what the editor's glossary panel and external clients call; its items keep
the fields ``term_id, source_term, target_term, start, end`` (character offsets into ``text``) forever and
may only gain fields.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request
from flask_login import current_user

from workflow.api import api_bp
from workflow.api.openapi import doc
from workflow.api.request_body import json_body
from workflow.glossary.terms import MAX_NOTE_LENGTH, MAX_TERM_LENGTH, STATUS_APPROVED, TermData
from workflow.models import Term
from workflow.services import glossary
from workflow.services.errors import InvalidInput

MAX_MATCH_TEXT = 20_000

_STRINGS = {"type": "array", "items": {"type": "string"}}
TERM_FIELDS: dict[str, Any] = {
    "source_term": {"type": "string", "maxLength": MAX_TERM_LENGTH},
    "target_term": {"type": "string", "maxLength": MAX_TERM_LENGTH},
    "variants": _STRINGS,
    "forbidden": _STRINGS,
    "part_of_speech": {"type": "string", "maxLength": 32},
    "domain": {"type": "string", "maxLength": 64},
    "note": {"type": "string", "maxLength": MAX_NOTE_LENGTH},
    "case_sensitive": {"type": "boolean"},
    "do_not_translate": {"type": "boolean"},
    "status": {"type": "string", "enum": ["approved", "proposed"]},
}
TERM = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "source_lang": {"type": "string"},
        "target_lang": {"type": "string"},
        **TERM_FIELDS,
        "created_by": {"type": ["string", "null"]},
        "created_at": {"type": "string"},
        "updated_by": {"type": ["string", "null"]},
        "updated_at": {"type": "string"},
    },
}
TERM_CREATE = {
    "type": "object",
    "required": ["source_lang", "target_lang", "source_term"],
    "properties": {"source_lang": {"type": "string"}, "target_lang": {"type": "string"}, **TERM_FIELDS},
}
TERM_UPDATE = {"type": "object", "required": ["source_term"], "properties": TERM_FIELDS}
PROPOSAL = {
    "type": "object",
    "required": ["source_lang", "target_lang", "source_term", "target_term"],
    "properties": {
        "source_lang": {"type": "string"},
        "target_lang": {"type": "string"},
        "source_term": TERM_FIELDS["source_term"],
        "target_term": TERM_FIELDS["target_term"],
        "note": TERM_FIELDS["note"],
        "domain": TERM_FIELDS["domain"],
    },
}
MATCH = {
    "type": "object",
    "required": ["term_id", "source_term", "target_term", "start", "end"],
    "properties": {
        "term_id": {"type": "integer"},
        "source_term": {"type": "string"},
        "target_term": {"type": "string"},
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "text": {"type": "string"},
        "variants": _STRINGS,
        "forbidden": _STRINGS,
        "note": {"type": "string"},
        "domain": {"type": "string"},
        "part_of_speech": {"type": "string"},
        "do_not_translate": {"type": "boolean"},
        "status": {"type": "string"},
    },
}
_PAIR_QUERY = {
    "source_lang": {"required": True, "schema": {"type": "string"}},
    "target_lang": {"required": True, "schema": {"type": "string"}},
}


def term_json(term: Any) -> dict[str, Any]:
    """A stored term as the API shows it: every field plus who created and last changed it, and when."""
    data = glossary.snapshot(term)
    data.update(
        created_by=term.created_by.username if term.created_by else None,
        created_at=term.created_at.isoformat() if term.created_at else "",
        updated_by=term.updated_by.username if term.updated_by else None,
        updated_at=term.updated_at.isoformat() if term.updated_at else "",
    )
    return data


def _term_data(body: dict[str, Any], *, default_status: str = STATUS_APPROVED) -> TermData:
    for name in ("variants", "forbidden"):
        if any(not isinstance(item, str) for item in body.get(name) or []):
            raise InvalidInput("The request body is invalid.", errors={name: "Must be a list of strings."})
    return TermData(
        source_term=body.get("source_term") or "",
        target_term=body.get("target_term") or "",
        variants=tuple(body.get("variants") or ()),
        forbidden=tuple(body.get("forbidden") or ()),
        part_of_speech=body.get("part_of_speech") or "",
        domain=body.get("domain") or "",
        note=body.get("note") or "",
        case_sensitive=bool(body.get("case_sensitive")),
        do_not_translate=bool(body.get("do_not_translate")),
        status=body.get("status") or default_status,
    )


def _pair_args() -> tuple[str, str]:
    source, target = request.args.get("source_lang", ""), request.args.get("target_lang", "")
    if not source or not target:
        raise InvalidInput("source_lang and target_lang are required.")
    return source, target


@api_bp.get("/glossary/matches")
@doc(
    summary="Glossary terms found in a text, with character offsets",
    response={"type": "array", "items": MATCH},
    query={
        **_PAIR_QUERY,
        "text": {"required": True, "schema": {"type": "string", "maxLength": MAX_MATCH_TEXT}},
    },
    errors=(400, 401, 413, 422),
)
def glossary_matches() -> Response:
    """Approved and proposed terms in ``text``, leftmost-longest, non-overlapping, in text order."""
    source, target = _pair_args()
    text = request.args.get("text", "")
    if len(text) > MAX_MATCH_TEXT:
        raise InvalidInput(f"text is longer than {MAX_MATCH_TEXT} characters.")
    return jsonify(glossary.find_matches(source, target, text))


@api_bp.get("/glossary")
@doc(
    summary="List and search a pair's glossary",
    response={"type": "object", "properties": {"items": {"type": "array", "items": TERM}}},
    query={
        **_PAIR_QUERY,
        "q": {"schema": {"type": "string"}},
        "domain": {"schema": {"type": "string"}},
        "status": {"schema": {"type": "string", "enum": ["approved", "proposed"]}},
        "page": {"schema": {"type": "integer", "minimum": 1}},
        "per_page": {"schema": {"type": "integer", "minimum": 1, "maximum": 100}},
    },
    errors=(400, 401, 422),
)
def list_glossary() -> Response:
    """A page of terms matching the search text, domain and status."""
    source, target = _pair_args()
    try:
        page = max(1, int(request.args.get("page", 1)))
        per_page = min(
            100, max(1, int(request.args.get("per_page", current_app.config["COPYDESK_PAGE_SIZE"])))
        )
    except ValueError:
        raise InvalidInput("page and per_page must be whole numbers.") from None
    result = glossary.list_terms(
        glossary.GlossaryQuery(
            source_lang=source,
            target_lang=target,
            q=request.args.get("q", ""),
            domain=request.args.get("domain", ""),
            status=request.args.get("status", ""),
            page=page,
            per_page=per_page,
        )
    )
    return jsonify(
        items=[term_json(term) for term in result.items],
        total=result.total or 0,
        page=result.page,
        pages=result.pages,
    )


@api_bp.get("/glossary/<int:term_id>")
@doc(summary="One glossary term with its history", response=TERM, errors=(401, 404))
def get_glossary_term(term_id: int) -> Response:
    """A term and its revisions (newest first)."""
    term = glossary.get_term(term_id)
    data = term_json(term)
    data["history"] = [
        {
            "action": r.action,
            "at": r.at.isoformat(),
            "by": r.by.username if r.by else None,
            "snapshot": r.snapshot,
        }
        for r in glossary.term_history(term_id)
    ]
    return jsonify(data)


@api_bp.post("/glossary")
@doc(
    summary="Add a glossary term (admins)",
    request=TERM_CREATE,
    response=TERM,
    status=201,
    errors=(400, 401, 403, 409, 422),
)
def create_glossary_term() -> tuple[Response, int]:
    """Create an approved (or proposed) term; duplicates of a source term answer 409."""
    body = json_body(TERM_CREATE)
    term = glossary.create_term(
        body["source_lang"], body["target_lang"], _term_data(body), actor=current_user
    )
    return _created(term)


@api_bp.post("/glossary/proposals")
@doc(
    summary="Propose a term for the glossary",
    request=PROPOSAL,
    response=TERM,
    status=201,
    errors=(400, 401, 409, 422),
)
def propose_glossary_term() -> tuple[Response, int]:
    """Any signed-in user proposes a source term with a suggested rendering; admins review it."""
    body = json_body(PROPOSAL)
    data = TermData(
        source_term=body["source_term"],
        target_term=body["target_term"],
        note=body.get("note") or "",
        domain=body.get("domain") or "",
    )
    term = glossary.propose_term(body["source_lang"], body["target_lang"], data, actor=current_user)
    return _created(term)


def _created(term: Term) -> tuple[Response, int]:
    """The 201 answer for a new term: the term, and where it now lives."""
    response = jsonify(term_json(term))
    response.headers["Location"] = f"/api/v1/glossary/{term.id}"
    return response, 201


@api_bp.put("/glossary/<int:term_id>")
@doc(
    summary="Replace a glossary term's fields (admins)",
    request=TERM_UPDATE,
    response=TERM,
    errors=(400, 401, 403, 404, 409, 422),
)
def update_glossary_term(term_id: int) -> Response:
    """Replace every field of a term; fields left out are emptied (status defaults to approved)."""
    body = json_body(TERM_UPDATE)
    return jsonify(term_json(glossary.update_term(term_id, _term_data(body), actor=current_user)))


@api_bp.post("/glossary/<int:term_id>/approve")
@doc(summary="Approve a proposed term (admins)", response=TERM, errors=(401, 403, 404))
def approve_glossary_term(term_id: int) -> Response:
    """Approve a proposal so the QA checks enforce it."""
    return jsonify(term_json(glossary.approve_term(term_id, actor=current_user)))


@api_bp.delete("/glossary/<int:term_id>")
@doc(summary="Delete a glossary term or reject a proposal (admins)", status=204, errors=(401, 403, 404))
def delete_glossary_term(term_id: int) -> tuple[str, int]:
    """Delete a term; its history stays in the revisions and the audit log."""
    glossary.delete_term(term_id, actor=current_user)
    return "", 204
