"""API v1 routes for quality checks: check one pair statelessly, and an article's findings with dismissals."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from flask_login import current_user

from workflow.api import api_bp
from workflow.api.openapi import doc
from workflow.api.request_body import json_body
from workflow.i18n import gettext as _
from workflow.services import qa
from workflow.services.articles import get_article

_FINDING: dict[str, Any] = {
    "type": "object",
    "required": ["check", "severity", "message", "start", "end", "suggestions"],
    "properties": {
        "check": {"type": "string"},
        "severity": {"type": "string", "enum": ["error", "warning", "info"]},
        "message": {"type": "string"},
        "start": {"type": ["integer", "null"]},
        "end": {"type": ["integer", "null"]},
        "source_start": {"type": ["integer", "null"]},
        "source_end": {"type": ["integer", "null"]},
        "suggestions": {"type": "array", "items": {"type": "string"}},
    },
}
QA_CHECK: dict[str, Any] = {
    "type": "object",
    "required": ["source", "target", "source_lang", "target_lang"],
    "properties": {
        "source": {"type": "string", "maxLength": qa.MAX_CHECK_CHARS},
        "target": {"type": "string", "maxLength": qa.MAX_CHECK_CHARS},
        "source_lang": {"type": "string", "maxLength": 35},
        "target_lang": {"type": "string", "maxLength": 35},
        "article_date": {"type": ["string", "null"], "maxLength": 10, "description": "YYYY-MM-DD"},
    },
}
QA_FINDINGS: dict[str, Any] = {
    "type": "object",
    "properties": {"findings": {"type": "array", "items": _FINDING}},
}
ARTICLE_QA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "article_id": {"type": "integer"},
        "counts": {"type": "object"},
        "checks": {"type": "object", "description": "check id → translated name"},
        "findings": {
            "type": "array",
            "items": {
                **_FINDING,
                "properties": {
                    **_FINDING["properties"],
                    "segment_id": {"type": "integer"},
                    "position": {"type": "integer"},
                    "fingerprint": {"type": "string"},
                    "flagged": {"type": "string"},
                    "dismissed": {"type": "boolean"},
                    "dismissal_reason": {"type": ["string", "null"]},
                },
            },
        },
        "strings": {"type": "object", "description": "UI strings for the editor's Quality panel"},
    },
}


def panel_strings() -> dict[str, str]:
    """The translated sentences the editor's Quality panel shows."""
    return {
        "title": _("Quality"),
        "checking": _("Checking…"),
        "none": _("No findings for this segment."),
        "failed": _("The quality check failed: %(detail)s"),
        "apply": _("Use “%(text)s”"),
        "remove": _("Remove the flagged text"),
        "flagged": _("Flagged: “%(text)s”"),
        "inSource": _("In the source: “%(text)s”"),
        "dismissed": _("Dismissed"),
        "report": _("Full quality report"),
        "error": _("Error"),
        "warning": _("Warning"),
        "info": _("Info"),
    }


@api_bp.post("/qa/check")
@doc(summary="Check one source/target pair", request=QA_CHECK, response=QA_FINDINGS, errors=(400, 401, 422))
def qa_check() -> Response:
    """Run every check on one pair with the server's glossary and style rules; nothing is stored."""
    body = json_body(QA_CHECK)
    findings = qa.check_pair(
        qa.PairCheckInput(
            source=body["source"],
            target=body["target"],
            source_lang=body["source_lang"],
            target_lang=body["target_lang"],
            article_date=body.get("article_date"),
        )
    )
    return jsonify(
        findings=[
            {**f.as_dict(), "message": qa.display_message(f), "rule": f.params.get("rule")} for f in findings
        ]
    )


@api_bp.get("/articles/<int:article_id>/qa")
@doc(summary="An article's quality findings", response=ARTICLE_QA, errors=(401, 404))
def article_qa(article_id: int) -> Response:
    """Every finding of the article with its segment id, fingerprint and whether it was dismissed."""
    article = get_article(article_id, actor=current_user)
    data = qa.findings_json(article)
    data["checks"] = qa.check_names()
    data["strings"] = panel_strings()
    return jsonify(data)
