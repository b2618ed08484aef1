"""Consistency across an article: the same source text translated in different ways.

Trade-news articles repeat their boilerplate (the headline in the breadcrumb and the title, a company's
standard description); when those segments are translated differently the reader sees two versions of
the same sentence. Term-level consistency against the glossary lives in the glossary checks.
"""

from __future__ import annotations

from collections.abc import Sequence

from workflow.checks.base import N_, ArticleCheck, CheckContext, Finding


def _normalised(text: str) -> str:
    """Text with runs of whitespace collapsed and case folded, for comparing renderings."""
    return " ".join(text.split()).casefold()


class ConsistencyCheck(ArticleCheck):
    """Identical source segments whose translations differ; the later ones are reported."""

    id = "consistency"
    name = N_("Inconsistent translation")
    description = N_(
        "The same source text appears more than once in the article and is translated differently."
    )

    def check_article(
        self, pairs: Sequence[tuple[str, str]], context: CheckContext
    ) -> list[tuple[int, Finding]]:
        """Report every later segment whose translation differs from the first translation of its source.

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
                N_("The same source text is translated differently in segment %(segment)s: '%(rendering)s'."),
                params={"segment": first_index + 1, "rendering": first_target.strip()},
                start=0,
                end=len(target),
                suggestions=(first_target.strip(),),
            )
            findings.append((index, finding))
        return findings
