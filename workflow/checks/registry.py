"""The one explicit list of quality checks, and the functions that run them.

Adding a check means writing its class in the family module and adding it to ``CHECK_CLASSES`` here;
nothing else discovers checks. The database stores only check ids, so ids must never change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workflow.checks.base import ArticleCheck, Check, CheckContext, Finding
from workflow.checks.basic import EmptyCheck, LengthCheck, RepeatedWordCheck, UntranslatedCheck
from workflow.checks.consistency import ConsistencyCheck
from workflow.checks.glossary import ForbiddenTermCheck, GlossaryTermCheck
from workflow.checks.numbers import NumbersCheck
from workflow.checks.punctuation import PunctuationCheck
from workflow.checks.style import StyleCheck
from workflow.checks.tense import TenseDateCheck

CHECK_CLASSES: tuple[type[Check], ...] = (
    EmptyCheck,
    UntranslatedCheck,
    NumbersCheck,
    TenseDateCheck,
    GlossaryTermCheck,
    ForbiddenTermCheck,
    StyleCheck,
    PunctuationCheck,
    RepeatedWordCheck,
    LengthCheck,
    ConsistencyCheck,
)


def all_checks() -> list[Check]:
    """A fresh instance of every registered check, in registry order."""
    return [cls() for cls in CHECK_CLASSES]


CHECKS_BY_ID: dict[str, type[Check]] = {cls.id: cls for cls in CHECK_CLASSES}


def run_pair_checks(
    source: str,
    target: str,
    context: CheckContext,
    checks: Iterable[Check] | None = None,
) -> list[Finding]:
    """Run every applicable per-segment check on one pair and return all findings."""
    findings: list[Finding] = []
    for check in checks if checks is not None else all_checks():
        if isinstance(check, ArticleCheck) or not check.applies_to(context.source_lang, context.target_lang):
            continue
        findings.extend(check.check_pair(source, target, context))
    return findings


def run_article_checks(
    pairs: Sequence[tuple[str, str]],
    context: CheckContext,
    checks: Iterable[Check] | None = None,
) -> list[tuple[int, Finding]]:
    """Run every check over a whole article: per-segment checks on each pair plus article-level checks."""
    chosen = list(checks if checks is not None else all_checks())
    results: list[tuple[int, Finding]] = []
    segment_checks = [c for c in chosen if not isinstance(c, ArticleCheck)]
    for index, (source, target) in enumerate(pairs):
        results.extend((index, f) for f in run_pair_checks(source, target, context, segment_checks))
    for check in chosen:
        if isinstance(check, ArticleCheck) and check.applies_to(context.source_lang, context.target_lang):
            results.extend(check.check_article(pairs, context))
    return results
