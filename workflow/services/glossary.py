"""Use cases for the glossary (termbase): create, propose, edit, approve, delete, search, and history.

Every change is one transaction that writes the term, a :class:`TermRevision` snapshot, an audit entry
and bumps the pair's change counter, then drops this process's compiled matchers. Looking terms up — the
cached per-pair matcher :func:`get_matcher`, :func:`find_matches` and the counter behind them — lives in
:mod:`workflow.services.glossary_matching`; its public names are re-exported here, so
``from workflow.services.glossary import get_matcher`` keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import String, cast, func, or_, select

from workflow.database import unit_of_work
from workflow.extensions import db
from workflow.glossary.terms import (
    STATUS_APPROVED,
    STATUS_PROPOSED,
    TERM_STATUSES,
    TermData,
    validate_term,
)
from workflow.i18n import gettext as _
from workflow.models import Term, TermRevision, User
from workflow.models.base import utcnow
from workflow.services import audit
from workflow.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from workflow.services.glossary_matching import bump_counter, forget_matchers, normalise_pair, term_data

# Looking terms up moved to glossary_matching; callers may keep importing these names from here.
from workflow.services.glossary_matching import find_matches as find_matches
from workflow.services.glossary_matching import get_matcher as get_matcher
from workflow.services.glossary_matching import pair_terms as pair_terms

# --- reading -------------------------------------------------------------------------------------------


def snapshot(term: Term) -> dict[str, Any]:
    """Every field of a term as JSON-ready data: a revision's snapshot and the API's term object."""
    data = term_data(term)
    return {
        "id": term.id,
        "source_lang": term.source_lang,
        "target_lang": term.target_lang,
        "source_term": data.source_term,
        "target_term": data.target_term,
        "variants": list(data.variants),
        "forbidden": list(data.forbidden),
        "part_of_speech": data.part_of_speech,
        "domain": data.domain,
        "note": data.note,
        "case_sensitive": data.case_sensitive,
        "do_not_translate": data.do_not_translate,
        "status": data.status,
    }


def get_term(term_id: int) -> Term:
    """A stored term. :raise NotFound: for an unknown id."""
    term = db.session.get(Term, term_id)
    if term is None:
        raise NotFound(_("No such glossary term."))
    return term


def term_history(term_id: int) -> list[TermRevision]:
    """The revisions of a term, newest first (kept after a delete, so the history outlives the term)."""
    statement = select(TermRevision).where(TermRevision.term_id == term_id)
    return list(db.session.execute(statement.order_by(TermRevision.id.desc())).scalars())


def pairs_in_use() -> list[tuple[str, str]]:
    """The language pairs that have at least one term, always including zh → en."""
    rows = db.session.execute(select(Term.source_lang, Term.target_lang).distinct()).all()
    return sorted({("zh", "en"), *((s, t) for s, t in rows)})


@dataclass(frozen=True)
class GlossaryQuery:
    """Search and filters of the glossary list: text, domain, status, one pair, one page."""

    source_lang: str = "zh"
    target_lang: str = "en"
    q: str = ""
    domain: str = ""
    status: str = ""
    page: int = 1
    per_page: int = 25


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_terms(query: GlossaryQuery) -> Any:
    """A page of a pair's terms matching the text (source, target, variants, note), domain and status."""
    source, target = normalise_pair(query.source_lang, query.target_lang)
    statement = select(Term).where(Term.source_lang == source, Term.target_lang == target)
    if query.q.strip():
        needle = _like(query.q.strip())
        statement = statement.where(
            or_(
                Term.source_term.ilike(needle, escape="\\"),
                Term.target_term.ilike(needle, escape="\\"),
                cast(Term.variants, String).ilike(needle, escape="\\"),
                Term.note.ilike(needle, escape="\\"),
            )
        )
    if query.domain.strip():
        statement = statement.where(func.lower(Term.domain) == query.domain.strip().lower())
    if query.status in TERM_STATUSES:
        statement = statement.where(Term.status == query.status)
    statement = statement.order_by(Term.source_term, Term.id)
    return db.paginate(statement, page=max(1, query.page), per_page=query.per_page, error_out=False)


def domains(source_lang: str, target_lang: str) -> list[str]:
    """The domains used in a pair, for the filter menu."""
    statement = select(Term.domain).where(
        Term.source_lang == source_lang, Term.target_lang == target_lang, Term.domain != ""
    )
    return sorted(set(db.session.execute(statement.distinct()).scalars()), key=str.casefold)


def proposal_count(source_lang: str | None = None, target_lang: str | None = None) -> int:
    """How many proposals wait for review (in one pair, or in all pairs)."""
    statement = select(func.count()).select_from(Term).where(Term.status == STATUS_PROPOSED)
    if source_lang and target_lang:
        statement = statement.where(Term.source_lang == source_lang, Term.target_lang == target_lang)
    return int(db.session.execute(statement).scalar_one())


# --- changing ------------------------------------------------------------------------------------------


def _require_admin(actor: User | None) -> None:
    if actor is not None and not actor.has_role("admin"):
        raise PermissionDenied(_("Only admins may change the glossary; propose a term instead."))


def clean_term(data: TermData) -> TermData:
    """Trim every field, drop empty list entries; a do-not-translate name renders as itself.

    :raise InvalidInput: with field errors.
    """
    cleaned = replace(
        data,
        source_term=" ".join(data.source_term.split()),
        target_term=data.target_term.strip() or (data.source_term.strip() if data.do_not_translate else ""),
        variants=tuple(dict.fromkeys(v.strip() for v in data.variants if v.strip())),
        forbidden=tuple(dict.fromkeys(v.strip() for v in data.forbidden if v.strip())),
        part_of_speech=data.part_of_speech.strip(),
        domain=data.domain.strip(),
        note=data.note.strip(),
    )
    problems = validate_term(cleaned)
    if problems:
        fields = {}
        for problem in problems:
            text = _(problem.message, **dict(problem.params))
            name = "source_term" if "source term" in problem.message.lower() else "target_term"
            fields.setdefault(name, text)
        raise InvalidInput(" ".join(_(p.message, **dict(p.params)) for p in problems), errors=fields)
    return cleaned


def find_existing(source_lang: str, target_lang: str, data: TermData) -> Term | None:
    """The stored term of the pair with the same source (ignoring case unless both are case-sensitive)."""
    wanted = " ".join(data.source_term.split())
    rows = db.session.execute(
        select(Term.id, Term.source_term, Term.case_sensitive).where(
            Term.source_lang == source_lang, Term.target_lang == target_lang
        )
    ).all()
    for term_id, source, case_sensitive in rows:
        stored = " ".join(source.split())
        both_exact = case_sensitive and data.case_sensitive
        if stored == wanted or (not both_exact and stored.casefold() == wanted.casefold()):
            return db.session.get(Term, term_id)
    return None


def apply_fields(term: Term, data: TermData) -> None:
    """Copy a TermData's fields onto a stored term (status included)."""
    term.source_term = data.source_term
    term.target_term = data.target_term
    term.variants = list(data.variants)
    term.forbidden = list(data.forbidden)
    term.part_of_speech = data.part_of_speech
    term.domain = data.domain
    term.note = data.note
    term.case_sensitive = data.case_sensitive
    term.do_not_translate = data.do_not_translate
    term.status = data.status


def record_change(session: Any, term: Term, action: str, actor: User | None, **detail: Any) -> None:
    """The history row and the audit entry of one change to ``term`` (which must have an id)."""
    by_id = actor.id if actor is not None else None
    session.add(TermRevision(term_id=term.id, action=action, snapshot=snapshot(term), by_id=by_id))
    audit.record(
        f"glossary.{action}",
        actor=actor,
        target=f"term:{term.id} {term.source_term}",
        pair=f"{term.source_lang}-{term.target_lang}",
        **detail,
    )


def _create(source_lang: str, target_lang: str, data: TermData, actor: User | None, action: str) -> Term:
    source, target = normalise_pair(source_lang, target_lang)
    clean = clean_term(data)
    with unit_of_work() as session:
        existing = find_existing(source, target, clean)
        if existing is not None:
            raise Conflict(
                _(
                    "“%(source)s” is already in the glossary (as %(status)s).",
                    source=existing.source_term,
                    status=existing.status,
                ),
                extra={"term_id": existing.id},
            )
        by_id = actor.id if actor is not None else None
        term = Term(source_lang=source, target_lang=target, created_by_id=by_id, updated_by_id=by_id)
        apply_fields(term, clean)
        session.add(term)
        session.flush()
        record_change(session, term, action, actor, status=term.status)
        bump_counter(session, source, target)
    forget_matchers()
    return term


def create_term(source_lang: str, target_lang: str, data: TermData, *, actor: User | None) -> Term:
    """An admin adds a term (approved or proposed as ``data.status`` says). ``actor=None`` is the CLI.

    :raise PermissionDenied: for non-admins. :raise InvalidInput: for bad fields.
    :raise Conflict: when the pair already has a term with this source.
    """
    _require_admin(actor)
    return _create(source_lang, target_lang, data, actor, "create")


def propose_term(source_lang: str, target_lang: str, data: TermData, *, actor: User) -> Term:
    """Anyone signed in proposes a term with a suggested rendering; it waits for an admin's review.

    :raise InvalidInput: for bad fields. :raise Conflict: when the term is already in the glossary.
    """
    proposal = replace(data, status=STATUS_PROPOSED)
    return _create(source_lang, target_lang, proposal, actor, "create")


def update_term(term_id: int, data: TermData, *, actor: User | None) -> Term:
    """An admin edits a term; a proposal edited to ``approved`` is approved in the same step."""
    _require_admin(actor)
    clean = clean_term(data)
    with unit_of_work() as session:
        term = get_term(term_id)
        existing = find_existing(term.source_lang, term.target_lang, clean)
        if existing is not None and existing.id != term.id:
            raise Conflict(_("“%(source)s” is already in the glossary.", source=existing.source_term))
        before = snapshot(term)
        apply_fields(term, clean)
        term.updated_by_id = actor.id if actor is not None else None
        term.updated_at = utcnow()
        after = snapshot(term)
        changed = sorted(name for name in after if before[name] != after[name])
        action = (
            "approve" if before["status"] == STATUS_PROPOSED and clean.status == STATUS_APPROVED else "update"
        )
        record_change(session, term, action, actor, changed=changed)
        bump_counter(session, term.source_lang, term.target_lang)
    forget_matchers()
    return term


def approve_term(term_id: int, *, actor: User | None) -> Term:
    """An admin approves a proposal; from now on the QA checks enforce it. Approving twice is harmless."""
    _require_admin(actor)
    with unit_of_work() as session:
        term = get_term(term_id)
        if term.status == STATUS_APPROVED:
            return term
        term.status = STATUS_APPROVED
        term.updated_by_id = actor.id if actor is not None else None
        term.updated_at = utcnow()
        record_change(session, term, "approve", actor)
        bump_counter(session, term.source_lang, term.target_lang)
    forget_matchers()
    return term


def delete_term(term_id: int, *, actor: User | None) -> None:
    """An admin deletes a term (rejecting a proposal is deleting it); its history stays."""
    _require_admin(actor)
    with unit_of_work() as session:
        term = get_term(term_id)
        record_change(session, term, "delete", actor, status=term.status)
        bump_counter(session, term.source_lang, term.target_lang)
        session.delete(term)
    forget_matchers()


def load_starter_glossary(*, actor: User | None) -> list[str]:
    """Import the shipped zh → en starter glossary once; later calls find it there and do nothing."""
    from workflow.services.glossary_io import STARTER_GLOSSARY, import_file

    if db.session.execute(select(Term.id).where(Term.source_lang == "zh", Term.target_lang == "en")).first():
        return []
    report = import_file(STARTER_GLOSSARY.read_bytes(), STARTER_GLOSSARY.name, "zh", "en", actor=actor)
    return [f"Starter glossary: {report.created} zh → en terms."]
