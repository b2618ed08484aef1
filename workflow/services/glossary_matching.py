"""How the glossary is looked up: a pair's key, its compiled matcher (cached), and the counter behind it.

:func:`get_matcher` is the one entry point for everything that looks terms up (the editor's panel, the
matches API, the QA checks): it keeps a compiled :class:`GlossaryMatcher` per pair and per app, and rebuilds
it only when the pair's :class:`ChangeCounter` row (``glossary:<src>:<tgt>``) in the database differs from
the value it was built at — so a change made by another server process is seen within
``COPYDESK_GLOSSARY_CACHE_SECONDS`` (default 1 s) without reloading the glossary on every request. Every
change in :mod:`workflow.services.glossary` calls :func:`bump_counter` inside its transaction and
:func:`forget_matchers` after it.

Glossary pairs are keyed on primary language subtags (``zh-CN`` and ``zh`` share the ``zh`` glossary),
because the matcher and the import formats compare languages that way too; :func:`normalise_pair` is that
key and lives here with the matcher that depends on it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import select, update

from workflow.checks.base import primary_subtag
from workflow.domain.languages import UnknownLanguage, normalise_language_tag
from workflow.extensions import db
from workflow.glossary.matcher import GlossaryMatcher
from workflow.glossary.terms import STATUS_APPROVED, TERM_STATUSES, TermData
from workflow.i18n import gettext as _
from workflow.models import ChangeCounter, Term
from workflow.services.errors import InvalidInput

DEFAULT_CACHE_SECONDS = 1.0
_CACHE_KEY = "copydesk_glossary_matchers"


def pair_language(tag: str, field_name: str = "language") -> str:
    """The primary subtag a glossary is keyed on (``zh-CN`` → ``zh``). :raise InvalidInput: if unknown."""
    try:
        return primary_subtag(normalise_language_tag(tag or ""))
    except UnknownLanguage:
        raise InvalidInput(
            _("“%(code)s” is not a language code Copydesk knows (e.g. zh, en).", code=tag),
            errors={field_name: _("Unknown language code.")},
        ) from None


def normalise_pair(source_lang: str, target_lang: str) -> tuple[str, str]:
    """Both languages of a pair as primary subtags; they must differ. :raise InvalidInput: otherwise."""
    source = pair_language(source_lang, "source_lang")
    target = pair_language(target_lang, "target_lang")
    if source == target:
        raise InvalidInput(
            _("The source and target languages must differ."),
            errors={"target_lang": _("The target language must differ from the source language.")},
        )
    return source, target


def counter_name(source_lang: str, target_lang: str) -> str:
    """The change counter row of a pair: ``glossary:zh:en``."""
    return f"glossary:{source_lang}:{target_lang}"


# --- terms of a pair -------------------------------------------------------------------------------------


def term_data(term: Term) -> TermData:
    """The plain, database-free shape of a stored term (what the matcher and exporters use)."""
    return TermData(
        source_term=term.source_term,
        target_term=term.target_term,
        variants=tuple(term.variants or ()),
        forbidden=tuple(term.forbidden or ()),
        part_of_speech=term.part_of_speech or "",
        domain=term.domain or "",
        note=term.note or "",
        case_sensitive=bool(term.case_sensitive),
        do_not_translate=bool(term.do_not_translate),
        status=term.status,
        id=term.id,
    )


def pair_terms(source_lang: str, target_lang: str, *, statuses: Sequence[str] = TERM_STATUSES) -> list[Term]:
    """Every term of a pair with one of ``statuses``, by source term."""
    statement = select(Term).where(
        Term.source_lang == source_lang, Term.target_lang == target_lang, Term.status.in_(list(statuses))
    )
    return list(db.session.execute(statement.order_by(Term.source_term, Term.id)).scalars())


# --- change counter and cached matchers ------------------------------------------------------------------


def bump_counter(session: Any, source_lang: str, target_lang: str) -> None:
    """Advance the pair's change counter inside the caller's transaction (creating it at 1)."""
    name = counter_name(source_lang, target_lang)
    result = session.execute(
        update(ChangeCounter).where(ChangeCounter.name == name).values(value=ChangeCounter.value + 1)
    )
    if not result.rowcount:
        session.add(ChangeCounter(name=name, value=1))
        session.flush()


@dataclass
class _CachedMatcher:
    counter: int
    matcher: GlossaryMatcher
    checked_at: float


_lock = threading.Lock()


def _cache() -> dict[tuple[str, str, bool], _CachedMatcher]:
    return current_app.extensions.setdefault(_CACHE_KEY, {})


def forget_matchers() -> None:
    """Drop this app's compiled matchers (done after every local change; other processes use the counter)."""
    with _lock:
        _cache().clear()


def _current_counter(source_lang: str, target_lang: str) -> int:
    name = counter_name(source_lang, target_lang)
    value = db.session.execute(select(ChangeCounter.value).where(ChangeCounter.name == name)).scalar()
    return int(value or 0)


def get_matcher(source_lang: str, target_lang: str, *, include_proposed: bool = False) -> GlossaryMatcher:
    """The compiled glossary of a pair: approved terms (what the QA checks enforce), or with proposals too.

    This is the documented entry point for every lookup. The matcher is cached per app and rebuilt only
    when the pair's change counter in the database moved — checked at most once per
    ``COPYDESK_GLOSSARY_CACHE_SECONDS`` — so several server processes agree within about a second.
    """
    source, target = normalise_pair(source_lang, target_lang)
    key = (source, target, include_proposed)
    ttl = float(current_app.config.get("COPYDESK_GLOSSARY_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))
    now = time.monotonic()
    cached = _cache().get(key)
    if cached is not None and now - cached.checked_at < ttl:
        return cached.matcher
    counter = _current_counter(source, target)
    if cached is not None and cached.counter == counter:
        cached.checked_at = now
        return cached.matcher
    statuses = TERM_STATUSES if include_proposed else (STATUS_APPROVED,)
    terms = [term_data(term) for term in pair_terms(source, target, statuses=statuses)]
    matcher = GlossaryMatcher(terms, source, target)
    with _lock:
        _cache()[key] = _CachedMatcher(counter, matcher, now)
    return matcher


def find_matches(source_lang: str, target_lang: str, text: str) -> list[dict[str, Any]]:
    """Every glossary term (approved and proposed) in ``text`` with its character offsets, in order.

    The first five keys (``term_id, source_term, target_term, start, end``) are a stable API contract.
    """
    matcher = get_matcher(source_lang, target_lang, include_proposed=True)
    found = []
    for match in matcher.find(text):
        term = matcher.terms[match.term_index]
        found.append(
            {
                "term_id": match.term_id,
                "source_term": match.source_term,
                "target_term": match.target_term,
                "start": match.start,
                "end": match.end,
                "text": text[match.start : match.end],
                "variants": list(term.variants),
                "forbidden": list(term.forbidden),
                "note": term.note,
                "domain": term.domain,
                "part_of_speech": term.part_of_speech,
                "do_not_translate": term.do_not_translate,
                "status": term.status,
            }
        )
    return found
