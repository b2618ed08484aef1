"""JSON shapes of the API v1 (JSON Schema, used in the OpenAPI document) and the serialisers that fill them.

External clients rely on these shapes: extend them, never break them.
"""

from __future__ import annotations

from typing import Any

from workflow.models import Article, ArticleEvent, Segment
from workflow.services.articles import decode_notes

NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}

SEGMENT = {
    "type": "object",
    "required": ["id", "position", "paragraph", "source", "target", "mt", "status", "version"],
    "properties": {
        "id": {"type": "integer"},
        "position": {"type": "integer"},
        "paragraph": {"type": "integer"},
        "is_heading": {"type": "boolean"},
        "source": {"type": "string"},
        "target": {"type": "string"},
        "mt": {"type": "string"},
        "status": {"type": "string", "enum": ["empty", "mt", "tm", "draft", "translated", "reviewed"]},
        "origin": {"type": "string"},
        "version": {"type": "integer"},
    },
}

ARTICLE_SUMMARY = {
    "type": "object",
    "required": ["id", "title", "state", "version", "source_lang", "target_lang"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "state": {"type": "string", "enum": ["new", "translating", "editing", "approved", "archived"]},
        "version": {"type": "integer"},
        "source_lang": {"type": "string"},
        "target_lang": {"type": "string"},
        "article_date": NULLABLE_DATE,
        "due_date": NULLABLE_DATE,
        "priority": {"type": "integer"},
        "translator": NULLABLE_STRING,
        "editor": NULLABLE_STRING,
        "progress": {"type": "object"},
    },
}

ARTICLE = {
    **ARTICLE_SUMMARY,
    "required": [*ARTICLE_SUMMARY["required"], "segments"],
    "properties": {
        **ARTICLE_SUMMARY["properties"],
        "origin_url": {"type": "string"},
        "alignment_mode": {"type": "string"},
        "alignment_notes": {"type": "array", "items": {"type": "string"}},
        "segments": {"type": "array", "items": SEGMENT},
        "import_summary": {"type": "object"},
    },
}

ARTICLE_LIST = {
    "type": "object",
    "required": ["items", "total"],
    "properties": {
        "items": {"type": "array", "items": ARTICLE_SUMMARY},
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
    },
}

ARTICLE_CREATE = {
    "type": "object",
    "required": ["title", "target_lang", "source_text"],
    "properties": {
        "title": {"type": "string", "maxLength": 300},
        "source_lang": NULLABLE_STRING,
        "target_lang": {"type": "string"},
        "source_text": {"type": "string"},
        "mt_text": NULLABLE_STRING,
        "article_date": NULLABLE_DATE,
        "due_date": NULLABLE_DATE,
        "origin_url": {"type": "string"},
        "priority": {"type": "integer", "minimum": 0, "maximum": 3},
    },
}

SEGMENT_SAVE = {
    "type": "object",
    "required": ["target", "version"],
    "properties": {
        "target": {"type": "string"},
        "version": {"type": "integer"},
        "status": {"type": "string", "enum": ["draft", "translated", "reviewed"]},
        "origin": {"type": "string"},
    },
}

TRANSITION = {
    "type": "object",
    "required": ["action"],
    "properties": {
        "action": {
            "type": "string",
            "enum": ["assign", "claim", "submit", "reject", "approve", "reopen", "archive", "restore"],
        },
        "comment": {"type": "string"},
        "override_reason": {"type": "string"},
        "translator": NULLABLE_STRING,
        "editor": NULLABLE_STRING,
    },
}

EVENT = {
    "type": "object",
    "required": ["id", "action", "at"],
    "properties": {
        "id": {"type": "integer"},
        "action": {"type": "string"},
        "actor": NULLABLE_STRING,
        "at": {"type": "string", "format": "date-time"},
        "from_state": NULLABLE_STRING,
        "to_state": NULLABLE_STRING,
        "comment": {"type": "string"},
        "override_reason": {"type": "string"},
    },
}

EVENTS = {"type": "array", "items": EVENT}


def segment_json(segment: Segment) -> dict[str, Any]:
    """A segment as the API shows it."""
    return {
        "id": segment.id,
        "position": segment.position,
        "paragraph": segment.paragraph,
        "is_heading": segment.is_heading,
        "source": segment.source,
        "target": segment.target,
        "mt": segment.mt,
        "status": segment.status,
        "origin": segment.origin,
        "version": segment.version,
    }


def article_summary_json(article: Article, progress: dict[str, int] | None = None) -> dict[str, Any]:
    """An article without its segments (for lists)."""
    return {
        "id": article.id,
        "title": article.title,
        "state": article.state,
        "version": article.version,
        "source_lang": article.source_lang,
        "target_lang": article.target_lang,
        "article_date": article.article_date.isoformat() if article.article_date else None,
        "due_date": article.due_date.isoformat() if article.due_date else None,
        "priority": article.priority,
        "translator": article.translator.username if article.translator else None,
        "editor": article.editor.username if article.editor else None,
        "progress": progress or {},
    }


def article_json(article: Article) -> dict[str, Any]:
    """An article with its segments."""
    data = article_summary_json(article)
    data.update(
        {
            "origin_url": article.origin_url,
            "alignment_mode": article.alignment_mode,
            "alignment_notes": [n["text"] for n in decode_notes(article.alignment_notes)],
            "segments": [segment_json(s) for s in article.segments],
        }
    )
    return data


def event_json(event: ArticleEvent) -> dict[str, Any]:
    """A timeline event."""
    return {
        "id": event.id,
        "action": event.action,
        "actor": event.actor.username if event.actor else None,
        "at": event.at.isoformat(),
        "from_state": event.from_state,
        "to_state": event.to_state,
        "comment": event.comment,
        "override_reason": event.override_reason,
    }
