"""Use cases of the translation memory: remember confirmed pairs, pretranslate, search, delete.

Entries come from reviewed segments, approved articles and TMX imports (:mod:`workflow.services.memory_io`).
Identical source+target pairs of a language pair are stored once (``pair_hash``) with their latest use.
Lookups (:mod:`workflow.services.memory_lookup`) run against an in-process index that
:mod:`workflow.services.memory_sync` keeps in step with the database in every worker; every write here
bumps the pair's change counter in the caller's transaction.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from flask import current_app
from markupsafe import Markup, escape
from sqlalchemy import delete, or_, select

from workflow.database import unit_of_work
from workflow.domain.languages import UnknownLanguage, normalise_language_tag
from workflow.domain.lifecycle import Role, SegmentStatus
from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.memory.scoring import EXACT_SCORE, context_hash
from workflow.models import Article, Segment, TmEntry, TmTombstone, User
from workflow.models.base import utcnow
from workflow.services import audit
from workflow.services.errors import InvalidInput, NotFound, PermissionDenied
from workflow.services.memory_sync import announce_write, next_entry_id, synced_index


def pair_hash(source: str, target: str) -> str:
    """The identity of a pair within a language pair: sha256 of the NFC-normalised, trimmed texts."""
    normalised = (
        unicodedata.normalize("NFC", source.strip()) + "\x1f" + unicodedata.normalize("NFC", target.strip())
    )
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def validate_pair(source_lang: str, target_lang: str) -> tuple[str, str]:
    """Both language tags normalised. :raise InvalidInput: unknown codes."""
    try:
        return normalise_language_tag(source_lang), normalise_language_tag(target_lang)
    except (UnknownLanguage, ValueError, AttributeError):
        raise InvalidInput(
            _("Choose a known source and target language (e.g. zh and en)."),
            errors={"source_lang": _("Required."), "target_lang": _("Required.")},
        ) from None


# --- remembering ---------------------------------------------------------------------------------------


def _store_pair(
    session: Any,
    article: Article,
    segment: Segment,
    author_id: int | None,
    prev_source: str | None,
    next_source: str | None,
    existing: dict[str, TmEntry],
) -> None:
    """Insert the segment's pair, or refresh the identical pair already stored (its latest use)."""
    source_lang, target_lang = article.source_lang, article.target_lang
    digest = pair_hash(segment.source, segment.target)
    prev_hash = context_hash(prev_source, source_lang) or ""
    next_hash = context_hash(next_source, source_lang) or ""
    entry = existing.get(digest)
    if entry is None:
        entry = TmEntry(
            id=next_entry_id(session),
            source_lang=source_lang,
            target_lang=target_lang,
            source=segment.source.strip(),
            target=segment.target.strip(),
            pair_hash=digest,
            context_prev=prev_hash,
            context_next=next_hash,
            article_id=article.id,
            segment_id=segment.id,
            author_id=author_id,
            origin="review",
        )
        session.add(entry)
        session.flush()
        existing[digest] = entry
        return
    entry.last_used_at = utcnow()
    entry.author_id = author_id
    entry.article_id = article.id
    entry.segment_id = segment.id
    if (entry.context_prev, entry.context_next) != (prev_hash, next_hash):
        # The index keeps context hashes, so other workers must re-read this entry: a tombstone says so.
        entry.context_prev, entry.context_next = prev_hash, next_hash
        session.add(TmTombstone(entry_id=entry.id, source_lang=source_lang, target_lang=target_lang))


def _existing_entries(session: Any, article: Article, digests: list[str]) -> dict[str, TmEntry]:
    if not digests:
        return {}
    rows = session.execute(
        select(TmEntry).where(
            TmEntry.source_lang == article.source_lang,
            TmEntry.target_lang == article.target_lang,
            TmEntry.pair_hash.in_(digests),
        )
    ).scalars()
    return {entry.pair_hash: entry for entry in rows}


def _ordered_segments(article: Article) -> list[Segment]:
    return list(
        db.session.execute(
            select(Segment).where(Segment.article_id == article.id).order_by(Segment.position)
        ).scalars()
    )


def remember_segment(article: Article, segment: Segment, actor: User | None) -> None:
    """Store a reviewed segment's pair with its neighbours' sources as context (inside the caller's save)."""
    if not segment.source.strip() or not segment.target.strip():
        return
    neighbours = dict(
        db.session.execute(
            select(Segment.position, Segment.source).where(
                Segment.article_id == article.id,
                Segment.position.in_((segment.position - 1, segment.position + 1)),
            )
        ).all()
    )
    _remember_pairs(article, [segment], neighbours, actor)


def remember_article(article: Article, actor: User | None) -> None:
    """Store every translated segment of an approved article (inside the caller's approve transaction)."""
    ordered = _ordered_segments(article)
    chosen = [s for s in ordered if s.source.strip() and s.target.strip()]
    if not chosen:
        return
    _remember_pairs(article, chosen, {s.position: s.source for s in ordered}, actor)


def _remember_pairs(
    article: Article, chosen: list[Segment], source_at: dict[int, str], actor: User | None
) -> None:
    """Store the chosen segments' pairs, each with the sources before and after it (from ``source_at``)."""
    session = db.session
    announce_write(session, article.source_lang, article.target_lang)
    existing = _existing_entries(session, article, sorted({pair_hash(s.source, s.target) for s in chosen}))
    for segment in chosen:
        _store_pair(
            session,
            article,
            segment,
            actor.id if actor else None,
            source_at.get(segment.position - 1),
            source_at.get(segment.position + 1),
            existing,
        )


def pretranslate_segments(article: Article) -> tuple[int, int]:
    """Fill the new article's segments from the memory; returns (exact matches, fuzzy matches).

    Exact matches (100, or 101 with the same neighbours) replace the MT draft. Fuzzy matches scoring at
    least ``COPYDESK_PRETRANSLATE_FUZZY`` (off when unset or 0) fill only segments without an MT draft.
    Runs inside the import's transaction and writes through the ORM objects.
    """
    fuzzy_floor = float(current_app.config.get("COPYDESK_PRETRANSLATE_FUZZY") or 0)
    index = synced_index(article.source_lang, article.target_lang)
    if not len(index):
        return 0, 0
    ordered = sorted(article.segments, key=lambda s: s.position)
    exact = fuzzy = 0
    for number, segment in enumerate(ordered):
        wanted = fuzzy_floor if fuzzy_floor and not segment.mt.strip() else EXACT_SCORE
        matches = index.lookup(
            segment.source,
            limit=1,
            threshold=wanted,
            context_prev=ordered[number - 1].source if number > 0 else None,
            context_next=ordered[number + 1].source if number + 1 < len(ordered) else None,
        )
        if not matches:
            continue
        best = matches[0]
        segment.target = best.target
        segment.status = SegmentStatus.TM.value
        segment.origin = "tm"
        segment.tm_entry_id = best.entry_id
        if best.score >= EXACT_SCORE:
            exact += 1
        else:
            fuzzy += 1
    return exact, fuzzy


# --- concordance, listing, deleting ----------------------------------------------------------------------


def highlight(text: str, phrase: str) -> Markup:
    """``text`` escaped, with every case-insensitive occurrence of ``phrase`` wrapped in ``<mark>``."""
    if not phrase:
        return escape(text)
    pieces = re.split(f"({re.escape(phrase)})", text, flags=re.IGNORECASE)
    return Markup("").join(
        Markup("<mark>%s</mark>") % piece if number % 2 else escape(piece)
        for number, piece in enumerate(pieces)
    )


def concordance(source_lang: str, target_lang: str, phrase: str, *, page: int = 1, per_page: int = 25) -> Any:
    """Entries whose source or target contains ``phrase`` (case-insensitive), newest use first, paginated.

    :raise InvalidInput: unknown languages, or a phrase longer than 200 characters.
    """
    source_lang, target_lang = validate_pair(source_lang, target_lang)
    phrase = (phrase or "").strip()
    if len(phrase) > 200:
        raise InvalidInput(_("The search phrase is too long."), errors={"q": _("Too long.")})
    query = select(TmEntry).where(TmEntry.source_lang == source_lang, TmEntry.target_lang == target_lang)
    if phrase:
        query = query.where(
            or_(
                TmEntry.source.icontains(phrase, autoescape=True),
                TmEntry.target.icontains(phrase, autoescape=True),
            )
        )
    query = query.order_by(TmEntry.last_used_at.desc(), TmEntry.id.desc())
    return db.paginate(query, page=max(1, page), per_page=per_page, error_out=False, count=True)


def language_pairs() -> list[tuple[str, str]]:
    """The language pairs the memory holds entries for."""
    return [
        (row[0], row[1])
        for row in db.session.execute(
            select(TmEntry.source_lang, TmEntry.target_lang)
            .distinct()
            .order_by(TmEntry.source_lang, TmEntry.target_lang)
        ).all()
    ]


def delete_entry(entry_id: int, *, actor: User) -> None:
    """Delete an entry (admins only); a tombstone written in the same transaction tells every worker.

    :raise PermissionDenied: not an admin. :raise NotFound: no such entry.
    """
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(_("Only admins may delete memory entries."))
    with unit_of_work() as session:
        entry = session.get(TmEntry, entry_id)
        if entry is None:
            raise NotFound(_("No such memory entry."))
        announce_write(session, entry.source_lang, entry.target_lang)
        session.add(
            TmTombstone(entry_id=entry.id, source_lang=entry.source_lang, target_lang=entry.target_lang)
        )
        audit.record("tm.delete", actor=actor, target=f"tm entry {entry.id}", source=entry.source[:200])
        session.execute(delete(TmEntry).where(TmEntry.id == entry.id))
