"""Tense against the article date: the future used for a period already over, or the past for a plan.

Machine translation of Chinese news has no tense to copy, so it guesses: "2021年，园区产值达13.56亿元" in
an August 2022 article becomes "In 2021, the output value of the park will reach 1.356 billion yuan". The
check finds time anchors in each English sentence (years, months, "last year", "the first half") and, when
the sentence has none, borrows the time expressions of the matching Chinese sentence (去年, 已经, 将于…);
then it compares them with the English verb forms found by regular expressions. It stays silent when the
anchors disagree, since a sentence can mix a past and a future period.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from workflow.checks.base import N_, Check, CheckContext, Finding
from workflow.domain.dates_en import (
    FUTURE,
    NOT_VERBS,
    PAST,
    PRESENT_MARKERS,
    PROGRESSIVE,
    Anchor,
    find_target_anchors,
    future_suggestion,
    nearest_anchor,
    past_suggestion,
    past_tense,
    progressive_past_suggestion,
    split_target_sentences,
)
from workflow.domain.dates_zh import TimeRef, find_time_references, plan_markers, split_source_sentences

__all__ = ["TenseDateCheck", "past_tense"]

_REPORTING = re.compile(
    r"\b(?:said|says|announced|stated|noted|pointed out|added|expects?|expected|predicted|forecast|decided"
    r"|agreed|signed|approved|promised|pledged|plans?|planned|proposed|that|which|whose|when)\b",
    re.IGNORECASE,
)

# Chinese words saying an action is under way now, which a progressive renders correctly.
_SOURCE_UNDER_WAY = re.compile(r"目前|正在|现在|当前|如今|仍在|眼下|现已|正处于")
# Between a since-anchor and a "will": words that start another clause or verb phrase.
_SAME_CLAUSE_BREAK = re.compile(
    r"\b(?:and|but|while|which|that|who|whose|when|after|as|because|has|have|had|said|says|expects?)\b|[;:]",
    re.IGNORECASE,
)
# English words opening a clause whose time need not be the main verb's.
_CLAUSE_WORDS = re.compile(r"\b(?:which|that|who|whose|when|after|since|while|as|because)\b", re.IGNORECASE)


def _aligned_source_range(
    source_spans: list[tuple[int, int]], source_length: int, start: int, end: int, target_length: int
) -> tuple[int, int]:
    """The source text [from, to) whose sentences sit at the same relative position as target [start, end).

    Sentences are matched by where they fall in the segment, which survives the splits and merges of MT.
    """
    low, high = start / target_length, end / target_length
    ends = [s_end / source_length for _, s_end in source_spans]
    first = bisect.bisect_right(ends, low)
    chosen = []
    for s_start, s_end in source_spans[first:]:
        s_low, s_high = s_start / source_length, s_end / source_length
        if s_low >= high:
            break
        if min(high, s_high) - max(low, s_low) > 0.25 * min(high - low, s_high - s_low):
            chosen.append((s_start, s_end))
    return (chosen[0][0], chosen[-1][1]) if chosen else (0, 0)


def _in_other_clause(target: str, anchor: Anchor, offset: int, match: re.Match[str]) -> bool:
    """Whether a relative or adverbial clause word separates an anchor from a progressive verb."""
    low = max(0, min(anchor.start + offset, match.start()) - 30)
    high = max(anchor.end + offset, match.start())
    return bool(_CLAUSE_WORDS.search(target, low, high))


def _verbs_not_past(source: str, target: str, start: int, end: int) -> list[re.Match[str]]:
    """The future phrases of a sentence, else its progressives.

    Progressives are left alone when the sentence says "now" or the like, or the source says the action is
    under way (目前, 正在): "is expanding" then renders the Chinese faithfully.
    """
    futures = [m for m in FUTURE.finditer(target, start, end) if m["verb"].lower() not in NOT_VERBS]
    if futures or "ing" not in target[start:end]:
        return futures
    progressives = list(PROGRESSIVE.finditer(target, start, end))
    if progressives and (PRESENT_MARKERS.search(target, start, end) or _SOURCE_UNDER_WAY.search(source)):
        return []
    return progressives


class TenseDateCheck(Check):
    """Future forms for periods past on the article date, or past forms for plans and future periods."""

    id = "tense-date"
    name = N_("Tense versus article date")
    description = N_(
        "The target uses the future for a period that is already over when the article is published, "
        "or the past for something the source presents as a plan or a future period."
    )
    source_langs = frozenset({"zh"})
    target_langs = frozenset({"en"})

    FUTURE_FOR_PAST = N_(
        "The source refers to %(period)s, which is past on the article date %(date)s, but the target uses "
        "the future ('%(phrase)s')."
    )
    PAST_FOR_FUTURE = N_(
        "The source refers to %(period)s, which is still ahead on the article date %(date)s, but the target "
        "uses a past form ('%(phrase)s')."
    )
    FUTURE_FOR_DONE = N_(
        "The source marks this as already done ('%(marker)s'), but the target uses the future ('%(phrase)s')."
    )
    PAST_FOR_PLAN = N_(
        "The source presents this as a plan ('%(marker)s'), but the target uses a past form ('%(phrase)s')."
    )

    PROGRESSIVE_FOR_PAST = N_(
        "The source refers to %(period)s, which is past on the article date %(date)s, but the target uses "
        "the present progressive ('%(phrase)s')."
    )

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """Compare the verb forms of each English sentence with the time it refers to."""
        today = context.article_date
        if today is None or not source.strip():
            return []
        if not (
            FUTURE.search(target) or PAST.search(target) or ("ing" in target and PROGRESSIVE.search(target))
        ):
            return []
        refs = [ref for ref in find_time_references(source, today) if not ref.comparison]
        plans = plan_markers(source)
        ref_starts = [ref.start for ref in refs]
        source_years = {
            year
            for ref in refs
            if ref.period_start and ref.period_end
            for year in range(ref.period_start.year, min(ref.period_end.year, ref.period_start.year + 50) + 1)
        }
        verdicts = {ref.is_past for ref in refs} | ({False} if plans else set())
        source_spans = split_source_sentences(source)
        findings: list[Finding] = []
        for start, end in split_target_sentences(target):
            ahead = _verbs_not_past(source, target, start, end)
            pasts = [] if ahead else list(PAST.finditer(target, start, end))
            if not ahead and not pasts:
                continue
            anchors = find_target_anchors(target[start:end], today)
            low, high = (0, 0)
            if plans or not anchors:
                low, high = _aligned_source_range(source_spans, len(source), start, end, len(target))
            local_plans = plans[bisect.bisect_left(plans, (low, 0)) : bisect.bisect_left(plans, (high, 0))]
            if anchors:
                findings += self._judge_by_anchors(
                    source, target, start, anchors, ahead or pasts, source_years, verdicts, local_plans, today
                )
                continue
            local_refs = refs[bisect.bisect_left(ref_starts, low) : bisect.bisect_left(ref_starts, high)]
            findings += self._judge_by_source(source, ahead, pasts, local_refs, local_plans, today)
        return findings

    def _judge_by_anchors(
        self,
        source: str,
        target: str,
        offset: int,
        anchors: list[Anchor],
        verb_phrases: list[re.Match[str]],
        source_years: set[int],
        source_verdicts: set[bool | None],
        plans: list[tuple[int, int]],
        today: dt.date,
    ) -> list[Finding]:
        """Judge a sentence with its own time anchors; all of them must agree before anything is said.

        A past form under anchors that are not over ("this year", "in November" said in August) is wrong
        only when the source presents the action as a plan (将, 预计, 计划).
        """
        verdicts = {anchor.is_past for anchor in anchors}
        is_future = verb_phrases[0].re is not PAST
        if not is_future and plans and True not in verdicts and verdicts != {False}:
            marker = source[plans[0][0] : plans[0][1]]
            return [
                self._verb_finding(self.PAST_FOR_PLAN, {"marker": marker}, match, plans[0])
                for match in verb_phrases
            ]
        if is_future and verdicts == {None}:
            return self._future_since_past(target, offset, anchors, verb_phrases, today)
        if verdicts != ({True} if is_future else {False}):
            return []
        findings = []
        for match in verb_phrases:
            anchor = nearest_anchor(anchors, match.start() - offset)
            if anchor.years and not source_years.intersection(anchor.years):
                continue  # the target's year is not one the source talks about: no evidence either way
            if not anchor.years and anchor.is_past not in source_verdicts:
                continue  # "next year" with no time word of its kind in the source: not evidence
            reported = anchor.start + offset < match.start() and _REPORTING.search(
                target, anchor.end + offset, match.start()
            )
            if is_future and reported:
                continue  # "In 2021 the firm announced that it will build…": the future is relative
            if match.re is PROGRESSIVE and _in_other_clause(target, anchor, offset, match):
                continue  # "The project, which started last year, is progressing": the year is the clause's
            params = {"period": anchor.label, "date": today.isoformat()}
            findings.append(self._verb_finding(self._message_for(match), params, match, None))
        return findings

    def _future_since_past(
        self,
        target: str,
        offset: int,
        anchors: list[Anchor],
        verb_phrases: list[re.Match[str]],
        today: dt.date,
    ) -> list[Finding]:
        """A plain "will" governed directly by a since-anchor: "Since 2020, the company will recruit…".

        Only a "will" in the same clause as the anchor is judged (no "and", "but" or clause word between
        them), so "Since 2020 it has hired 3,000 and will hire 500 more" stays silent.
        """
        findings = []
        for match in verb_phrases:
            anchor = nearest_anchor(anchors, match.start() - offset)
            start = anchor.end + offset
            if (
                not anchor.since
                or match.re is not FUTURE
                or match["aux"].lower() != "will"
                or anchor.start + offset > match.start()
                or _SAME_CLAUSE_BREAK.search(target, start, match.start())
            ):
                continue
            params = {"period": anchor.label, "date": today.isoformat()}
            findings.append(self._verb_finding(self.FUTURE_FOR_PAST, params, match, None))
        return findings

    def _message_for(self, match: re.Match[str]) -> str:
        """The message for a verb phrase in the wrong tense, by the form it has."""
        if match.re is PAST:
            return self.PAST_FOR_FUTURE
        return self.PROGRESSIVE_FOR_PAST if match.re is PROGRESSIVE else self.FUTURE_FOR_PAST

    def _judge_by_source(
        self,
        source: str,
        ahead: list[re.Match[str]],
        pasts: list[re.Match[str]],
        refs: list[TimeRef],
        plans: list[tuple[int, int]],
        today: dt.date,
    ) -> list[Finding]:
        """Judge an anchorless English sentence by the time words of the matching Chinese sentence.

        A progressive is judged only against a named period (去年, 上月), not an aspect marker such as 已经:
        "is already growing" may well render 已经.
        """
        past_refs = [r for r in refs if r.is_past is True]
        if ahead and ahead[0].re is PROGRESSIVE:
            past_refs = [r for r in past_refs if r.period_start]
        future_refs = [r for r in refs if r.is_past is False]
        date = today.isoformat()
        if ahead and past_refs and not future_refs and not plans:
            ref = next((r for r in past_refs if r.period_start), past_refs[0])
            message = self._message_for(ahead[0]) if ref.period_start else self.FUTURE_FOR_DONE
            params = {"period": ref.label, "date": date, "marker": ref.marker}
            return [self._verb_finding(message, params, match, (ref.start, ref.end)) for match in ahead]
        if pasts and (plans or future_refs) and not past_refs:
            if plans:
                marker_span, message = plans[0], self.PAST_FOR_PLAN
                params = {"marker": source[marker_span[0] : marker_span[1]]}
            else:
                marker_span, message = (future_refs[0].start, future_refs[0].end), self.PAST_FOR_FUTURE
                params = {"period": future_refs[0].label, "date": date}
            return [self._verb_finding(message, params, match, marker_span) for match in pasts]
        return []

    def _verb_finding(
        self, message: str, params: dict[str, str], match: re.Match[str], source_span: tuple[int, int] | None
    ) -> Finding:
        """A finding on one verb phrase, suggesting the tense the period calls for."""
        if match.re is FUTURE:
            suggestion = past_suggestion(match)
        elif match.re is PROGRESSIVE:
            suggestion = progressive_past_suggestion(match)
        else:
            suggestion = future_suggestion(match)
        return self.finding(
            message,
            params=params | {"phrase": match.group(0)},
            start=match.start(),
            end=match.end(),
            source_start=source_span[0] if source_span else None,
            source_end=source_span[1] if source_span else None,
            suggestions=(suggestion,) if suggestion else (),
        )
