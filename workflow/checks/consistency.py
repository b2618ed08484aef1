"""Consistency across an article: the same source translated in different ways.

Trade-news articles repeat their boilerplate (the headline in the breadcrumb and the title, a company's
standard description) and their names (a company, an industrial park); when those are translated
differently the reader sees two versions of the same thing, or two companies where there is one. The check
reports identical source segments translated differently, a name rendered with different distinctive words
in two segments (人福医药 as "Renfu Pharmaceutical" and "Humanwell Pharmaceutical"), and — as advice — a
glossary term rendered with different accepted variants across the article.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workflow.checks.base import N_, ArticleCheck, CheckContext, Finding, Severity
from workflow.domain.name_renderings import find_name_conflicts

SEGMENT_DIFFERS = N_(
    "The same source text is translated differently in segment %(segment)s: '%(rendering)s'."
)
NAME_DIFFERS = N_("%(name)s is rendered '%(found)s' here but '%(rendering)s' in segment %(segment)s.")
TERM_VARIANTS = N_("%(term)s is rendered '%(found)s' here but '%(rendering)s' in segment %(segment)s.")


def _normalised(text: str) -> str:
    """Text with runs of whitespace collapsed and case folded, for comparing renderings."""
    return " ".join(text.split()).casefold()


def _variant_key(text: str) -> str:
    """A rendering folded for comparison: case, spacing and a plural -s do not make another variant."""
    return _normalised(text).removesuffix("s")


class ConsistencyCheck(ArticleCheck):
    """Identical sources or names translated differently across an article; the later ones are reported."""

    id = "consistency"
    name = N_("Inconsistent translation")
    description = N_(
        "The same source text or the same name appears more than once in the article and is translated "
        "differently."
    )

    def check_article(
        self, pairs: Sequence[tuple[str, str]], context: CheckContext
    ) -> list[tuple[int, Finding]]:
        """Report repeated segments, names and glossary terms whose translations differ (later ones)."""
        findings = self._repeated_segments(pairs)
        flagged = {index for index, _ in findings}
        findings += [item for item in self._names(pairs) if item[0] not in flagged]
        if context.glossary is not None:
            findings += self._glossary_variants(pairs, context.glossary)
        return sorted(findings, key=lambda item: item[0])

    def _repeated_segments(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[int, Finding]]:
        """Every later segment whose translation differs from the first translation of its source.

        Untranslated repeats and sources without letters (numbers, dates written in digits) are skipped:
        the empty check covers the former, and the latter cannot be inconsistent in a way that matters.
        """
        first_rendering: dict[str, tuple[int, str]] = {}
        findings: list[tuple[int, Finding]] = []
        for index, (source, target) in enumerate(pairs):
            key = _normalised(source)
            if not target.strip() or not any(char.isalpha() for char in key):
                continue
            if key not in first_rendering:
                first_rendering[key] = (index, target)
                continue
            first_index, first_target = first_rendering[key]
            if _normalised(target) == _normalised(first_target):
                continue
            finding = self.finding(
                SEGMENT_DIFFERS,
                params={"segment": first_index + 1, "rendering": first_target.strip()},
                start=0,
                end=len(target),
                suggestions=(first_target.strip(),),
            )
            findings.append((index, finding))
        return findings

    def _names(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[int, Finding]]:
        """A name rendered with other distinctive words than in an earlier segment (a warning)."""
        return [
            (
                conflict.second_index,
                self.finding(
                    NAME_DIFFERS,
                    params={
                        "name": conflict.name,
                        "found": conflict.second,
                        "rendering": conflict.first,
                        "segment": conflict.first_index + 1,
                    },
                    start=conflict.start,
                    end=conflict.end,
                    suggestions=(conflict.first,),
                ),
            )
            for conflict in find_name_conflicts(pairs)
        ]

    def _glossary_variants(
        self, pairs: Sequence[tuple[str, str]], glossary: Any
    ) -> list[tuple[int, Finding]]:
        """A glossary term rendered with another accepted variant than before: advice (info) only.

        Both renderings are accepted, so this is a matter of style ("pilot FTZ" after "pilot free trade
        zone" is common), not an error.
        """
        first_variant: dict[str, tuple[int, str]] = {}
        findings: list[tuple[int, Finding]] = []
        for index, (source, target) in enumerate(pairs):
            if not target.strip():
                continue
            for term, _ in glossary.terms_in(source):
                spans = glossary.target_occurrences(term, target)
                if not spans:
                    continue
                start, end = spans[0]
                rendering = target[start:end]
                seen = first_variant.setdefault(term.source_term, (index, rendering))
                if seen[0] == index or _variant_key(seen[1]) == _variant_key(rendering):
                    continue
                params = {
                    "term": term.source_term,
                    "found": rendering,
                    "rendering": seen[1],
                    "segment": seen[0] + 1,
                }
                finding = self.finding(
                    TERM_VARIANTS, Severity.INFO, params=params, start=start, end=end, suggestions=(seen[1],)
                )
                findings.append((index, finding))
        return findings
