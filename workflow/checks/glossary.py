"""Glossary compliance checks: agreed renderings, untranslated names and forbidden renderings.

Both checks read ``context.glossary`` — a :class:`~workflow.glossary.matcher.GlossaryMatcher` for the
segment's language pair — and do nothing when it is ``None``. Only approved terms are enforced; proposed
terms are still shown by the editor's glossary panel but raise no findings until a terminologist
approves them.
"""

from __future__ import annotations

from workflow.checks.base import N_, Check, CheckContext, Finding, Severity
from workflow.glossary.matcher import GlossaryMatcher
from workflow.glossary.terms import STATUS_APPROVED, TermData


def _enforced_terms(source: str, target: str, context: CheckContext) -> list[tuple[TermData, int, int]]:
    """Approved terms found in the source, each once, with its first source span (nothing to do if empty)."""
    matcher = context.glossary
    if not isinstance(matcher, GlossaryMatcher) or not source.strip() or not target.strip():
        return []
    return [
        (term, match.start, match.end)
        for term, match in matcher.terms_in(source)
        if term.status == STATUS_APPROVED
    ]


class GlossaryTermCheck(Check):
    """A source term from the glossary is present but none of its agreed renderings is in the translation."""

    id = "glossary"
    name = N_("Glossary term")
    description = N_(
        "A glossary term in the source is not translated with its preferred rendering or an accepted "
        "variant; names marked do-not-translate must appear unchanged."
    )
    severity = Severity.WARNING

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """One finding per glossary term of the source whose agreed rendering is missing from the target."""
        findings: list[Finding] = []
        matcher: GlossaryMatcher = context.glossary
        for term, start, end in _enforced_terms(source, target, context):
            if term.do_not_translate:
                kept = matcher.rendering_spans(
                    (term.source_term, *term.accepted_renderings), target, case_sensitive=True
                )
                if not kept:
                    findings.append(
                        self.finding(
                            N_("“%(source)s” is a name to keep unchanged in the translation."),
                            params={"source": term.source_term},
                            source_start=start,
                            source_end=end,
                            suggestions=(term.target_term or term.source_term,),
                        )
                    )
                continue
            if matcher.target_occurrences(term, target) or matcher.forbidden_occurrences(term, target):
                continue  # rendered as agreed, or forbidden-term reports the wrong rendering as an error
            findings.append(
                self.finding(
                    N_("The glossary renders “%(source)s” as “%(expected)s”."),
                    params={"source": term.source_term, "expected": term.target_term},
                    source_start=start,
                    source_end=end,
                    suggestions=(term.target_term,),
                )
            )
        return findings


class ForbiddenTermCheck(Check):
    """The translation uses a rendering the glossary forbids for a term that is in the source."""

    id = "forbidden-term"
    name = N_("Forbidden rendering")
    description = N_(
        "The translation uses a rendering the glossary marks as forbidden for a term in the source, such "
        "as “One Belt One Road” for 一带一路."
    )
    severity = Severity.ERROR

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """One finding per forbidden rendering found in the target, with the preferred one as suggestion."""
        matcher: GlossaryMatcher = context.glossary
        hits = [
            (start, end, term, source_start, source_end)
            for term, source_start, source_end in _enforced_terms(source, target, context)
            if term.forbidden
            for start, end in matcher.forbidden_occurrences(term, target)
        ]
        # Longest first, so "talents" inside a reported "high-level talents" is not reported again.
        hits.sort(key=lambda hit: hit[0] - hit[1])
        kept: list[tuple[int, int, TermData, int, int]] = []
        for hit in hits:
            if not any(other[0] < hit[1] and hit[0] < other[1] for other in kept):
                kept.append(hit)
        return [
            self.finding(
                N_("“%(found)s” is a forbidden rendering of “%(source)s”; use “%(expected)s”."),
                params={"found": target[start:end], "source": term.source_term, "expected": term.target_term},
                start=start,
                end=end,
                source_start=source_start,
                source_end=source_end,
                suggestions=(term.target_term,),
            )
            for start, end, term, source_start, source_end in sorted(kept, key=lambda hit: hit[0])
        ]


GLOSSARY_CHECKS: tuple[type[Check], ...] = (GlossaryTermCheck, ForbiddenTermCheck)
