"""The plain glossary term and its validation, shared by the matcher, the checks and every import format.

A :class:`TermData` is the database-free shape of one termbase entry for one language pair. Importers
(CSV, TBX) build them and report problems as :class:`RowError` values tied to a line of the uploaded file,
so a user sees every problem in a preview before anything is written. Messages are English templates
marked with ``N_`` and filled from ``params``, so the web layer can translate them at display time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from workflow.checks.base import N_

STATUS_APPROVED = "approved"
STATUS_PROPOSED = "proposed"
TERM_STATUSES = (STATUS_APPROVED, STATUS_PROPOSED)

# Column limits follow the ``terms`` table so a valid TermData always fits the database.
MAX_TERM_LENGTH = 300
MAX_PART_OF_SPEECH_LENGTH = 32
MAX_DOMAIN_LENGTH = 64
MAX_NOTE_LENGTH = 4000
MAX_RENDERINGS = 50


@dataclass(frozen=True, slots=True)
class TermData:
    """One glossary entry for one language pair.

    ``target_term`` is the preferred rendering; ``variants`` are accepted alternatives and ``forbidden``
    renderings that must not be used. ``do_not_translate`` marks names and brands that stay as written.
    """

    source_term: str
    target_term: str
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    part_of_speech: str = ""
    domain: str = ""
    note: str = ""
    case_sensitive: bool = False
    do_not_translate: bool = False
    status: str = STATUS_APPROVED
    id: int | None = None

    @property
    def accepted_renderings(self) -> tuple[str, ...]:
        """The preferred rendering followed by the accepted variants (the source itself when untranslated)."""
        preferred = self.target_term or (self.source_term if self.do_not_translate else "")
        renderings = (preferred, *self.variants)
        return tuple(dict.fromkeys(r for r in renderings if r))


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one line of an imported file (``line`` 0 means the file as a whole)."""

    line: int
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The message with its placeholders filled, in English."""
        return self.message % dict(self.params) if self.params else self.message


def split_list_field(value: str) -> tuple[str, ...]:
    """``'FTZ; free trade zone;'`` → ``('FTZ', 'free trade zone')``: a ``;``-separated cell as a tuple."""
    return tuple(dict.fromkeys(part.strip() for part in value.split(";") if part.strip()))


def join_list_field(values: Sequence[str]) -> str:
    """The inverse of :func:`split_list_field`, used by exporters."""
    return "; ".join(values)


def term_key(term: TermData) -> str:
    """The identity of a term within one pair: its source, case-folded unless the term is case-sensitive."""
    source = " ".join(term.source_term.split())
    return source if term.case_sensitive else source.casefold()


def validate_term(term: TermData, line: int = 0) -> list[RowError]:
    """Every problem that makes ``term`` unfit to store, as row errors for ``line`` (empty when valid).

    Catches empty source or target, a forbidden rendering that is also accepted, unknown status values
    and fields longer than the database allows.
    """
    errors: list[RowError] = []

    def add(message: str, **params: Any) -> None:
        errors.append(RowError(line, message, params))

    if not term.source_term.strip():
        add(N_("The source term is empty."))
    if not term.target_term.strip() and not term.do_not_translate:
        add(N_("The target term for “%(source)s” is empty."), source=term.source_term)
    _check_lengths(term, add)
    if term.status not in TERM_STATUSES:
        add(
            N_("Unknown status “%(status)s”; use approved or proposed."),
            status=term.status,
        )
    fold = (lambda s: s) if term.case_sensitive else str.casefold
    accepted = {fold(r.strip()) for r in term.accepted_renderings}
    for rendering in term.forbidden:
        if fold(rendering.strip()) in accepted:
            add(
                N_("“%(rendering)s” is listed both as accepted and as forbidden for “%(source)s”."),
                rendering=rendering,
                source=term.source_term,
            )
    if any(not r.strip() for r in (*term.variants, *term.forbidden)):
        add(N_("A variant or forbidden rendering of “%(source)s” is empty."), source=term.source_term)
    return errors


def _check_lengths(term: TermData, add: Any) -> None:
    limits = (
        ("source term", term.source_term, MAX_TERM_LENGTH),
        ("target term", term.target_term, MAX_TERM_LENGTH),
        ("part of speech", term.part_of_speech, MAX_PART_OF_SPEECH_LENGTH),
        ("domain", term.domain, MAX_DOMAIN_LENGTH),
        ("note", term.note, MAX_NOTE_LENGTH),
    )
    for field_name, value, limit in limits:
        if len(value) > limit:
            add(
                N_("The %(field)s is longer than %(limit)s characters."),
                field=field_name,
                limit=limit,
            )
    for rendering in (*term.variants, *term.forbidden):
        if len(rendering) > MAX_TERM_LENGTH:
            add(
                N_("A variant or forbidden rendering is longer than %(limit)s characters."),
                limit=MAX_TERM_LENGTH,
            )
            break
    if len(term.variants) + len(term.forbidden) > MAX_RENDERINGS:
        add(
            N_("More than %(limit)s variants and forbidden renderings; split the entry."),
            limit=MAX_RENDERINGS,
        )
