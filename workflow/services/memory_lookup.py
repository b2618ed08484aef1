"""Looking up the translation memory: fuzzy matches for a text or a segment, each explained.

A match carries its score (edit similarity over characters for CJK, words otherwise; 101 for an identical
source with the same neighbours), the differences between the query and its source as escaped HTML, the
numbers and glossary terms that differ, and its origin (article, author, date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from markupsafe import Markup, escape
from sqlalchemy import select

from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.memory.diffing import diff_spans
from workflow.memory.index import TmMatch
from workflow.memory.scoring import EXACT_SCORE, is_character_scored, number_differences
from workflow.models import Article, Segment, TmEntry, User
from workflow.services.errors import InvalidInput, NotFound
from workflow.services.memory import validate_pair
from workflow.services.memory_sync import forget_locally, synced_index

MAX_QUERY_CHARS = 5000
MAX_LIMIT = 20


def threshold() -> float:
    """The configured minimum fuzzy score (``COPYDESK_TM_THRESHOLD``, 70 by default)."""
    return float(current_app.config.get("COPYDESK_TM_THRESHOLD", 70))


def scoring_help(source_lang: str) -> str:
    """How the score is computed, in words for the help text next to the matches."""
    unit = _("characters") if is_character_scored(source_lang) else _("words")
    return _(
        "The score compares the sources by edit distance over %(unit)s: 100 × (1 − edits ÷ length of the "
        "longer). 100 means identical, 101 identical with the same neighbouring sentences, 99 only "
        "punctuation, spacing or case differ.",
        unit=unit,
    )


@dataclass
class Suggestion:
    """One match as the panel, the API and the pages show it."""

    entry_id: int
    source: str
    target: str
    score: float
    diff_html: Markup
    origin: dict[str, Any]
    number_differences: dict[str, list[str]]
    glossary_differences: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_context_match(self) -> bool:
        """Identical source with the same neighbours (score 101)."""
        return self.score > EXACT_SCORE

    def as_json(self) -> dict[str, Any]:
        """The API shape: source, target, score, origin first; extras after."""
        return {
            "source": self.source,
            "target": self.target,
            "score": self.score,
            "origin": self.origin,
            "entry_id": self.entry_id,
            "context_match": self.is_context_match,
            "diff_html": str(self.diff_html),
            "number_differences": self.number_differences,
            "glossary_differences": self.glossary_differences,
        }


def diff_html(query: str, match_source: str, language: str) -> Markup:
    """The query with the match's differences marked: ``<ins>`` only in it, ``<del>`` only in the match.

    Every piece of text is escaped; only the two tags are markup.
    """
    parts = []
    for op, text in diff_spans(query, match_source, language):
        if op == "equal":
            parts.append(escape(text))
        elif op == "insert":
            parts.append(Markup("<ins>%s</ins>") % text)
        else:
            parts.append(Markup("<del>%s</del>") % text)
    return Markup("").join(parts)


def _glossary_differences(
    source_lang: str, target_lang: str, query: str, match_source: str
) -> dict[str, list[str]]:
    """Glossary terms present in one source but not the other (empty when the glossary is not installed)."""
    try:
        from workflow.services.glossary import get_matcher
    except ImportError:
        return {}
    try:
        matcher = get_matcher(source_lang, target_lang)
    except Exception:
        current_app.logger.exception("glossary matcher unavailable")
        return {}
    in_query = {term.source_term for term, _match in matcher.terms_in(query)}
    in_match = {term.source_term for term, _match in matcher.terms_in(match_source)}
    if in_query == in_match:
        return {}
    return {"only_in_query": sorted(in_query - in_match), "only_in_match": sorted(in_match - in_query)}


def _origins(entry_ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = db.session.execute(
        select(
            TmEntry.id,
            TmEntry.origin,
            TmEntry.last_used_at,
            TmEntry.article_id,
            Article.title,
            User.username,
            User.display_name,
        )
        .outerjoin(Article, Article.id == TmEntry.article_id)
        .outerjoin(User, User.id == TmEntry.author_id)
        .where(TmEntry.id.in_(entry_ids))
    ).all()
    return {
        row.id: {
            "kind": row.origin,
            "article_id": row.article_id,
            "article_title": row.title or "",
            "author": row.username or "",
            "author_name": row.display_name or row.username or "",
            "date": row.last_used_at.isoformat() if row.last_used_at else None,
        }
        for row in rows
    }


def find_matches(
    source_lang: str,
    target_lang: str,
    text: str,
    *,
    limit: int = 5,
    min_score: float | None = None,
    context_prev: str | None = None,
    context_next: str | None = None,
) -> list[Suggestion]:
    """The best matches for ``text`` above the threshold, context matches (101) first, each explained.

    :raise InvalidInput: unknown languages, empty or over-long text, a limit outside 1–20.
    """
    source_lang, target_lang = validate_pair(source_lang, target_lang)
    if not text or not text.strip():
        raise InvalidInput(_("Give the text to look up."), errors={"text": _("Required.")})
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidInput(_("The text is too long to look up."), errors={"text": _("Too long.")})
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(_("limit must be between 1 and 20."), errors={"limit": _("Out of range.")})
    index = synced_index(source_lang, target_lang)
    found: list[TmMatch] = index.lookup(
        text,
        limit=limit,
        threshold=threshold() if min_score is None else min_score,
        context_prev=context_prev,
        context_next=context_next,
    )
    origins = _origins([match.entry_id for match in found]) if found else {}
    suggestions = []
    for match in found:
        if match.entry_id not in origins:  # deleted meanwhile; the tombstone has not been read yet
            forget_locally(source_lang, target_lang, match.entry_id)
            continue
        numbers = number_differences(text, match.source)
        suggestions.append(
            Suggestion(
                entry_id=match.entry_id,
                source=match.source,
                target=match.target,
                score=match.score,
                diff_html=diff_html(text, match.source, source_lang),
                origin=origins[match.entry_id],
                number_differences={
                    "only_in_query": list(numbers.only_in_query),
                    "only_in_match": list(numbers.only_in_match),
                },
                glossary_differences=_glossary_differences(source_lang, target_lang, text, match.source),
            )
        )
    return suggestions


def matches_for_segment(
    article: Article, segment_id: int, *, limit: int = 5
) -> tuple[Segment, list[Suggestion]]:
    """The matches for one segment of an article, with its neighbours as context.

    :raise NotFound: the segment is not one of this article's.
    """
    segment = db.session.get(Segment, segment_id)
    if segment is None or segment.article_id != article.id:
        raise NotFound(_("This segment does not belong to this article."))
    neighbours = dict(
        db.session.execute(
            select(Segment.position, Segment.source).where(
                Segment.article_id == article.id,
                Segment.position.in_((segment.position - 1, segment.position + 1)),
            )
        ).all()
    )
    return segment, find_matches(
        article.source_lang,
        article.target_lang,
        segment.source,
        limit=limit,
        context_prev=neighbours.get(segment.position - 1),
        context_next=neighbours.get(segment.position + 1),
    )
