"""Quality checks as a use case: findings computed on the fly, dismissals stored, errors guarding approval.

Findings are never stored: they are rebuilt from the check registry whenever they are shown, so a fixed
segment or a changed rule shows at once. Only an editor's decision that a finding is not a problem is
stored (:class:`~workflow.models.FindingDismissal`), keyed by a fingerprint of what was flagged so it
survives edits elsewhere in the segment but not a change of the flagged text itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from workflow.checks.base import Check, CheckContext, Finding, Severity
from workflow.checks.registry import all_checks, run_article_checks, run_pair_checks
from workflow.database import unit_of_work
from workflow.domain.languages import UnknownLanguage, normalise_language_tag
from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.models import Article, FindingDismissal, Segment, User
from workflow.services import audit
from workflow.services.articles import get_article
from workflow.services.errors import InvalidInput, NotFound, PermissionDenied
from workflow.services.jobs import job_handler
from workflow.services.rules import current_rule_set

MAX_CHECK_CHARS = 100_000
MAX_REASON_CHARS = 2000
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def checks_in_force() -> list[Check]:
    """Every registered check, plus the style check while the registry does not list it yet."""
    checks = all_checks()
    if not any(check.id == "style" for check in checks):
        from workflow.checks.style import StyleCheck

        checks.append(StyleCheck())
    return checks


def _glossary_matcher(source_lang: str, target_lang: str) -> Any:
    """The glossary matcher for a language pair, or None while the glossary service is absent."""
    try:
        from workflow.services.glossary import get_matcher
    except ImportError as exc:  # the glossary service is optional; a missing module or function means none
        if getattr(exc, "name", None) not in {"workflow.services.glossary", None}:
            raise
        return None
    return get_matcher(source_lang, target_lang)


def build_context(
    article: Article | None = None,
    *,
    source_lang: str = "zh",
    target_lang: str = "en",
    article_date: dt.date | None = None,
) -> CheckContext:
    """What the checks may know: languages, article date, glossary matcher and the style rules in force."""
    if article is not None:
        source_lang, target_lang, article_date = (
            article.source_lang,
            article.target_lang,
            article.article_date,
        )
    return CheckContext(
        source_lang=source_lang,
        target_lang=target_lang,
        article_date=article_date,
        glossary=_glossary_matcher(source_lang, target_lang),
        style_rules=current_rule_set(),
    )


def finding_fingerprint(finding: Finding, target: str) -> str:
    """A stable hash of what a finding flags: check, rule, the flagged target text and the message params.

    Edits elsewhere in the segment move the span but keep the flagged text, so the fingerprint holds;
    changing the flagged text (or, for source-only findings, the facts in the params) makes a new one.
    """
    flagged = (
        target[finding.start : finding.end] if finding.start is not None and finding.end is not None else ""
    )
    params = {str(k): str(v) for k, v in sorted(finding.params.items())}
    payload = json.dumps(
        [finding.check, params.get("rule", ""), flagged, params], ensure_ascii=False, sort_keys=True
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def display_message(finding: Finding) -> str:
    """The message in the UI language: check messages are translated, rule-pack messages are data."""
    template = finding.message if finding.check == "style" else _(finding.message)
    try:
        return template % dict(finding.params) if finding.params else template
    except (KeyError, ValueError, TypeError):
        return finding.text


def check_names() -> dict[str, str]:
    """Each check id with its translated name, for headings and badges."""
    return {check.id: _(check.name) for check in checks_in_force()}


def severity_labels() -> dict[str, str]:
    """The translated name of each severity."""
    return {"error": _("Error"), "warning": _("Warning"), "info": _("Info")}


# --- live checks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairCheckInput:
    """One source/target pair to check, as the API and the CLI receive it."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    article_date: str | dt.date | None = None


def _validated(data: PairCheckInput) -> tuple[str, str, dt.date | None]:
    """Normalised languages and the parsed date; :raise InvalidInput: naming each bad field."""
    errors: dict[str, str] = {}
    for name in ("source", "target"):
        value = getattr(data, name)
        if not isinstance(value, str):
            errors[name] = _("Must be text.")
        elif len(value) > MAX_CHECK_CHARS:
            errors[name] = _("At most %(limit)s characters.", limit=MAX_CHECK_CHARS)
    langs: dict[str, str] = {}
    for name in ("source_lang", "target_lang"):
        try:
            langs[name] = normalise_language_tag(str(getattr(data, name) or ""))
        except UnknownLanguage:
            errors[name] = _("Not a language tag; use e.g. “zh” or “en”.")
    date = data.article_date
    if isinstance(date, str) and date:
        try:
            date = dt.date.fromisoformat(date) if len(date) == 10 else None
        except ValueError:
            date = None
        if date is None:
            errors["article_date"] = _("Use the form YYYY-MM-DD.")
    elif not isinstance(date, dt.date):
        date = None
    if errors:
        raise InvalidInput(_("The text to check is invalid."), errors=errors)
    return langs["source_lang"], langs["target_lang"], date


def check_pair(data: PairCheckInput) -> list[Finding]:
    """Findings for one pair, using the server's glossary and rules (the editor's live check, the CLI)."""
    source_lang, target_lang, date = _validated(data)
    context = build_context(source_lang=source_lang, target_lang=target_lang, article_date=date)
    return run_pair_checks(data.source, data.target, context, checks_in_force())


def check_pairs(
    pairs: list[tuple[str, str]], source_lang: str, target_lang: str, article_date: str | None = None
) -> list[tuple[int, Finding]]:
    """Findings for consecutive pairs checked as one article (the CLI's line pairs), with pair indexes."""
    probe = PairCheckInput("", "", source_lang, target_lang, article_date)
    source_lang, target_lang, date = _validated(probe)
    context = build_context(source_lang=source_lang, target_lang=target_lang, article_date=date)
    return run_article_checks(pairs, context, checks_in_force())


# --- article findings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SegmentFinding:
    """A finding on one segment of an article, with its fingerprint and dismissal (if any)."""

    segment: Segment
    finding: Finding
    fingerprint: str
    dismissal: FindingDismissal | None = None

    @property
    def flagged_text(self) -> str:
        """The target text the finding points at ('' when it has no target span)."""
        start, end = self.finding.start, self.finding.end
        return self.segment.target[start:end] if start is not None and end is not None else ""

    @property
    def flagged_source(self) -> str:
        """The source text the finding points at ('' when it has no source span)."""
        start, end = self.finding.source_start, self.finding.source_end
        return self.segment.source[start:end] if start is not None and end is not None else ""


@dataclass
class ArticleFindings:
    """Every finding of an article, in segment order, with counts for the report."""

    items: list[SegmentFinding] = field(default_factory=list)

    def active(self) -> list[SegmentFinding]:
        """Findings nobody dismissed."""
        return [item for item in self.items if item.dismissal is None]

    def counts(self) -> dict[str, int]:
        """Active findings by severity (every severity present, zero included)."""
        counted = Counter(str(item.finding.severity) for item in self.active())
        return {str(severity): counted.get(str(severity), 0) for severity in SEVERITY_ORDER}

    def by_check(self) -> dict[str, list[SegmentFinding]]:
        """Findings grouped by check id, checks in registry order."""
        order = {check.id: index for index, check in enumerate(checks_in_force())}
        grouped: dict[str, list[SegmentFinding]] = {}
        for item in sorted(self.items, key=lambda i: (order.get(i.finding.check, 99), i.segment.position)):
            grouped.setdefault(item.finding.check, []).append(item)
        return grouped


def article_findings(article: Article) -> ArticleFindings:
    """Run every check over the article's current text and attach the stored dismissals."""
    segments = list(
        db.session.execute(
            select(Segment).where(Segment.article_id == article.id).order_by(Segment.position)
        ).scalars()
    )
    results = run_article_checks(
        [(s.source, s.target) for s in segments], build_context(article), checks_in_force()
    )
    dismissals = {
        (d.segment_id, d.check_id, d.fingerprint): d
        for d in db.session.execute(
            select(FindingDismissal).join(Segment).where(Segment.article_id == article.id)
        ).scalars()
    }
    items = []
    for index, finding in sorted(results, key=lambda pair: pair[0]):
        segment = segments[index]
        fingerprint = finding_fingerprint(finding, segment.target)
        dismissal = dismissals.get((segment.id, finding.check, fingerprint))
        items.append(SegmentFinding(segment, finding, fingerprint, dismissal))
    return ArticleFindings(items)


def count_blocking_findings(article: Article) -> int:
    """Error findings nobody dismissed: they block submit and approve unless an override reason is given."""
    return sum(1 for item in article_findings(article).active() if item.finding.severity == Severity.ERROR)


def findings_json(article: Article) -> dict[str, Any]:
    """The article's findings for the API: per finding its segment, fingerprint and dismissed flag."""
    found = article_findings(article)
    return {
        "article_id": article.id,
        "counts": found.counts(),
        "findings": [
            {
                **item.finding.as_dict(),
                "message": display_message(item.finding),
                "segment_id": item.segment.id,
                "position": item.segment.position + 1,
                "fingerprint": item.fingerprint,
                "flagged": item.flagged_text,
                "dismissed": item.dismissal is not None,
                "dismissal_reason": item.dismissal.reason if item.dismissal else None,
            }
            for item in found.items
        ],
    }


# --- dismissals -----------------------------------------------------------------------------------


def _editable_segment(article_id: int, segment_id: int, actor: User) -> tuple[Article, Segment]:
    if not actor.has_role("editor"):
        raise PermissionDenied(_("Only editors may dismiss quality findings."))
    article = get_article(article_id, actor=actor)
    segment = db.session.get(Segment, segment_id)
    if segment is None or segment.article_id != article.id:
        raise NotFound(_("No such segment."))
    return article, segment


def dismiss_finding(
    article_id: int, segment_id: int, fingerprint: str, reason: str, *, actor: User
) -> FindingDismissal:
    """Record that a current finding on a segment is not a problem, with the editor's reason.

    :raise InvalidInput: no reason, or the finding is no longer there (the text changed meanwhile).
    """
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Say why the finding is not a problem."), errors={"reason": _("Required.")})
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidInput(_("The reason is too long."), errors={"reason": _("At most 2000 characters.")})
    with unit_of_work() as session:
        article, segment = _editable_segment(article_id, segment_id, actor)
        matching = [
            item
            for item in article_findings(article).items
            if item.segment.id == segment.id and item.fingerprint == fingerprint
        ]
        if not matching:
            raise InvalidInput(_("This finding is no longer reported; reload the report."))
        if matching[0].dismissal is not None:
            return matching[0].dismissal
        dismissal = FindingDismissal(
            segment_id=segment.id,
            check_id=matching[0].finding.check,
            fingerprint=fingerprint,
            reason=reason,
            dismissed_by_id=actor.id,
        )
        session.add(dismissal)
        audit.record(
            "finding.dismiss",
            actor=actor,
            target=f"article {article.id} segment {segment.id}",
            check=dismissal.check_id,
            reason=reason,
        )
        session.flush()
    return dismissal


def undismiss_finding(article_id: int, dismissal_id: int, *, actor: User) -> None:
    """Take back a dismissal so the finding counts (and blocks, if an error) again."""
    with unit_of_work() as session:
        dismissal = session.get(FindingDismissal, dismissal_id)
        if dismissal is None:
            raise NotFound(_("No such dismissal."))
        article, segment = _editable_segment(article_id, dismissal.segment_id, actor)
        audit.record(
            "finding.undismiss",
            actor=actor,
            target=f"article {article.id} segment {segment.id}",
            check=dismissal.check_id,
        )
        session.delete(dismissal)


# --- re-checking every article in the background --------------------------------------------------


@job_handler("recheck")
def recheck_articles(job: Any, payload: dict[str, Any], progress: Any) -> dict[str, Any]:
    """Count the active findings of every article not archived; the summary lands in the job result."""
    article_ids = list(
        db.session.execute(
            select(Article.id).where(Article.state != "archived").order_by(Article.id)
        ).scalars()
    )
    per_article: dict[str, dict[str, int]] = {}
    for done, article_id in enumerate(article_ids, start=1):
        article = db.session.get(Article, article_id)
        if article is not None:
            per_article[str(article_id)] = article_findings(article).counts()
        db.session.rollback()  # end the read snapshot so memory stays flat over many articles
        if done % 5 == 0 or done == len(article_ids):
            progress(done, len(article_ids), "")
    return {
        "articles": len(article_ids),
        "with_errors": sum(1 for counts in per_article.values() if counts["error"]),
        "counts": per_article,
    }
