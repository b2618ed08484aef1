"""Score the quality checks against the labelled zh→en evaluation set in ``workflow/data/qa_eval/``.

Every pair in the set carries the ids of the checks that must raise an error or warning on it (an empty
list for clean, idiomatic pairs). For each check this prints its recall on the pairs that expect it and
how many clean pairs it raises an error or warning on; then the share of clean pairs with any such finding
and the time per pair. A few small articles score the article-level ``consistency`` check the same way.
Info findings never count. The targets are recall ≥ 90% per check and ≤ 3% of clean pairs flagged.

    .venv/bin/python bench/qa_eval.py                      # all registered checks
    .venv/bin/python bench/qa_eval.py --checks numbers,tense-date
    QA_EVAL_CHECKS=style .venv/bin/python bench/qa_eval.py --show-misses style
    .venv/bin/python bench/qa_eval.py --show-false-alarms --strict
    .venv/bin/python bench/qa_eval.py --data workflow/data/qa_holdout   # the held-out set only
    .venv/bin/python bench/qa_eval.py --both                           # both sets, one table each
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workflow.checks.base import ArticleCheck, Check, CheckContext, Finding, Severity  # noqa: E402
from workflow.checks.registry import all_checks, run_article_checks, run_pair_checks  # noqa: E402

DATA_DIR = ROOT / "workflow" / "data" / "qa_eval"
# Written without looking at DATA_DIR's pairs or the rule pack: the honest generalisation figure.
HOLDOUT_DIR = ROOT / "workflow" / "data" / "qa_holdout"
ARTICLES_FILE = "articles.jsonl"
GLOSSARY_FILE = "glossary.csv"
CHECKS_ENV_VAR = "QA_EVAL_CHECKS"

# The fixed check ids the set is labelled with, in the order the table prints them.
CHECK_IDS = (
    "empty", "untranslated", "numbers", "tense-date", "glossary", "forbidden-term", "style", "punctuation",
    "repeated-word", "length", "consistency",
)  # fmt: skip
GLOSSARY_CHECK_IDS = frozenset({"glossary", "forbidden-term"})
# Checks that judge a whole article: scored on the small articles, not on single pairs.
ARTICLE_CHECK_IDS = frozenset({"consistency"})
RECALL_TARGET = 0.90
CLEAN_FALSE_ALARM_TARGET = 0.03
COUNTED_SEVERITIES = frozenset({Severity.ERROR, Severity.WARNING})


class EvalSetError(ValueError):
    """A record of the evaluation set is malformed (reported with its file and line)."""


@dataclass(frozen=True, slots=True)
class EvalPair:
    """One labelled source/target pair; ``expect`` lists the checks that must fire on it."""

    id: str
    source: str
    target: str
    article_date: dt.date
    expect: tuple[str, ...]
    note: str
    pattern: str = ""
    origin: str = ""

    @property
    def is_clean(self) -> bool:
        """A clean pair must draw no error or warning from any check."""
        return not self.expect


@dataclass(frozen=True, slots=True)
class EvalArticle:
    """A small article (ordered segments) labelled for the article-level checks."""

    id: str
    article_date: dt.date
    expect: tuple[str, ...]
    note: str
    segments: tuple[tuple[str, str], ...]


def _read_jsonl(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (``file:line``, record) for every non-blank line of a JSON Lines file."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise EvalSetError(f"{where}: invalid JSON ({error})") from error
            if not isinstance(record, dict):
                raise EvalSetError(f"{where}: a record must be a JSON object")
            yield where, record


def _common_fields(where: str, record: dict[str, Any]) -> tuple[str, dt.date, tuple[str, ...], str]:
    """Validate and return the id, article date, expected check ids and note every record has."""
    for key in ("id", "article_date", "expect", "note"):
        if key not in record:
            raise EvalSetError(f"{where}: missing field {key!r}")
    try:
        article_date = dt.date.fromisoformat(record["article_date"])
    except (TypeError, ValueError) as error:
        raise EvalSetError(f"{where}: article_date must be YYYY-MM-DD") from error
    expect = record["expect"]
    if not isinstance(expect, list) or not all(isinstance(item, str) for item in expect):
        raise EvalSetError(f"{where}: expect must be a list of check ids")
    unknown = sorted(set(expect) - set(CHECK_IDS))
    if unknown:
        raise EvalSetError(f"{where}: unknown check ids {unknown}")
    return str(record["id"]), article_date, tuple(expect), str(record["note"])


def load_pairs(data_dir: Path = DATA_DIR) -> list[EvalPair]:
    """Read every pair file (``*.jsonl`` except the articles file) of the set, in file then line order."""
    pairs: list[EvalPair] = []
    for path in sorted(data_dir.glob("*.jsonl")):
        if path.name == ARTICLES_FILE:
            continue
        for where, record in _read_jsonl(path):
            pair_id, article_date, expect, note = _common_fields(where, record)
            if not isinstance(record.get("source"), str) or not isinstance(record.get("target"), str):
                raise EvalSetError(f"{where}: source and target must be strings")
            source, target, pattern = record["source"], record["target"], str(record.get("pattern", ""))
            pairs.append(EvalPair(pair_id, source, target, article_date, expect, note, pattern, where))
    return pairs


def load_articles(data_dir: Path = DATA_DIR) -> list[EvalArticle]:
    """Read the small labelled articles used for the article-level checks (none if the file is absent)."""
    path = data_dir / ARTICLES_FILE
    if not path.exists():
        return []
    articles: list[EvalArticle] = []
    for where, record in _read_jsonl(path):
        article_id, article_date, expect, note = _common_fields(where, record)
        segments = record.get("segments")
        if not isinstance(segments, list) or not all(
            isinstance(seg, list) and len(seg) == 2 and all(isinstance(part, str) for part in seg)
            for seg in segments
        ):
            raise EvalSetError(f"{where}: segments must be a list of [source, target] pairs")
        articles.append(EvalArticle(article_id, article_date, expect, note, tuple(map(tuple, segments))))
    return articles


def load_glossary_matcher(data_dir: Path = DATA_DIR) -> Any | None:
    """Build the glossary package's matcher from the set's own ``glossary.csv``; None when unavailable."""
    try:
        from workflow.glossary.matcher import GlossaryMatcher
        from workflow.glossary.terms import TermData, split_list_field
    except ImportError:
        return None
    with (data_dir / GLOSSARY_FILE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    terms = [
        TermData(
            source_term=row["source_term"].strip(),
            target_term=row["target_term"].strip(),
            variants=split_list_field(row.get("variants") or ""),
            forbidden=split_list_field(row.get("forbidden") or ""),
        )
        for row in rows
    ]
    return GlossaryMatcher(terms, source_lang="zh", target_lang="en")


def counted(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that count for scoring: errors and warnings (info findings are advice only)."""
    return [finding for finding in findings if finding.severity in COUNTED_SEVERITIES]


@dataclass(slots=True)
class CheckScore:
    """Recall and clean false alarms for one check id; ``status`` says why it was not measured."""

    check_id: str
    defective: int = 0
    detected: int = 0
    false_alarms: int = 0
    clean_total: int = 0
    status: str = ""
    crashes: int = 0
    first_crash: str = ""

    @property
    def remark(self) -> str:
        """Why the figures are not to be trusted: not measured, or the check raised exceptions."""
        if self.crashes:
            return f"crashed on {self.crashes} items ({self.first_crash})"
        return self.status

    @property
    def recall(self) -> float | None:
        """Share of the pairs expecting this check on which it fired (None without such pairs)."""
        return self.detected / self.defective if self.defective else None

    @property
    def false_alarm_rate(self) -> float | None:
        """Share of clean pairs (or clean articles, for article checks) on which this check fired."""
        return self.false_alarms / self.clean_total if self.clean_total else None


@dataclass(slots=True)
class EvalResult:
    """Everything one run measured, plus the per-pair findings for the ``--show-*`` listings."""

    scores: dict[str, CheckScore]
    clean_total: int = 0
    clean_flagged: int = 0
    timings_ms: list[float] = field(default_factory=list)
    findings: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def clean_false_alarm_rate(self) -> float:
        """Share of clean pairs with at least one error or warning from any check."""
        return self.clean_flagged / self.clean_total if self.clean_total else 0.0


def evaluate(
    pairs: Sequence[EvalPair],
    articles: Sequence[EvalArticle],
    checks: Sequence[Check],
    glossary: Any | None,
    check_ids: Sequence[str] = CHECK_IDS,
) -> EvalResult:
    """Run ``checks`` on every pair and article of the set and score the ids in ``check_ids``."""
    registered = {check.id for check in checks}
    scores = {check_id: CheckScore(check_id) for check_id in check_ids}
    for check_id, score in scores.items():
        if check_id not in registered:
            score.status = "not registered"
        elif check_id in GLOSSARY_CHECK_IDS and glossary is None:
            score.status = "not available"
    result = EvalResult(scores=scores)
    segment_checks = [check for check in checks if not isinstance(check, ArticleCheck)]
    article_checks = [check for check in checks if isinstance(check, ArticleCheck)]

    for pair in pairs:
        context = CheckContext("zh", "en", article_date=pair.article_date, glossary=glossary)
        started = time.perf_counter()
        findings = _run_each(run_pair_checks, (pair.source, pair.target, context), segment_checks, scores)
        result.timings_ms.append((time.perf_counter() - started) * 1000)
        result.findings[pair.id] = findings
        fired = {finding.check for finding in counted(findings)}
        if pair.is_clean:
            result.clean_total += 1
            result.clean_flagged += bool(fired)
        _tally(scores, scores.keys() - ARTICLE_CHECK_IDS, pair.expect, fired)

    for article in articles:
        context = CheckContext("zh", "en", article_date=article.article_date, glossary=glossary)
        found = _run_each(run_article_checks, (list(article.segments), context), article_checks, scores)
        result.findings[article.id] = [finding for _, finding in found]
        fired = {finding.check for _, finding in found if finding.severity in COUNTED_SEVERITIES}
        _tally(scores, ARTICLE_CHECK_IDS & scores.keys(), article.expect, fired)
    return result


def _tally(
    scores: dict[str, CheckScore], check_ids: set[str], expect: Sequence[str], fired: set[str]
) -> None:
    """Count one labelled item: a hit or miss for the checks it expects, a false alarm if it is clean."""
    for check_id in check_ids:
        score = scores[check_id]
        if check_id in expect:
            score.defective += 1
            score.detected += check_id in fired
        elif not expect:
            score.clean_total += 1
            score.false_alarms += check_id in fired


def _run_each(
    run: Callable[..., list[Any]],
    args: tuple[Any, ...],
    checks: Sequence[Check],
    scores: dict[str, CheckScore],
) -> list[Any]:
    """Call ``run(*args, [check])`` per check, so a check that raises loses only its own findings."""
    results: list[Any] = []
    for check in checks:
        try:
            results.extend(run(*args, [check]))
        except Exception as error:  # noqa: BLE001 - a crash is a measured outcome, not a reason to stop
            score = scores.get(check.id)
            if score is not None:
                score.crashes += 1
                score.first_crash = score.first_crash or f"{type(error).__name__}: {error}"[:80]
    return results


def _percent(value: float | None) -> str:
    """``0.934`` → ``'93.4%'``; a dash when there is nothing to divide."""
    return "—" if value is None else f"{value * 100:.1f}%"


def format_report(result: EvalResult) -> str:
    """The score table followed by the overall clean false-alarm rate and the timing."""
    header = ("check", "defective", "detected", "recall", "false alarms", "rate", "")
    rows = [header] + [
        (score.check_id, str(score.defective), str(score.detected), _percent(score.recall),
         str(score.false_alarms), _percent(score.false_alarm_rate), score.remark)
        for score in result.scores.values()
    ]  # fmt: skip
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths).rstrip())
    timings = result.timings_ms
    median = statistics.median(timings) if timings else 0.0
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 2 else median
    lines += [
        "",
        "false alarms: clean pairs with an error/warning of that check (consistency: clean articles).",
        f"clean pairs with any error/warning: {result.clean_flagged}/{result.clean_total} "
        f"= {_percent(result.clean_false_alarm_rate)} (target ≤ {CLEAN_FALSE_ALARM_TARGET:.0%})",
        f"time per pair: median {median:.2f} ms, p95 {p95:.2f} ms over {len(timings)} pairs",
    ]
    return "\n".join(lines)


def missed_targets(result: EvalResult) -> list[str]:
    """Why the run misses its targets (empty when every measured target is met)."""
    problems = []
    for score in result.scores.values():
        if score.remark:
            problems.append(f"{score.check_id}: {score.remark}")
        elif score.recall is not None and score.recall < RECALL_TARGET:
            problems.append(f"{score.check_id}: recall {_percent(score.recall)} < {RECALL_TARGET:.0%}")
    if result.clean_false_alarm_rate > CLEAN_FALSE_ALARM_TARGET:
        problems.append(f"clean false alarms {_percent(result.clean_false_alarm_rate)}")
    return problems


def _describe(item: EvalPair | EvalArticle, findings: Sequence[Finding]) -> str:
    """A pair or article with its note and findings, for the ``--show-*`` listings."""
    texts = [(item.source, item.target)] if isinstance(item, EvalPair) else item.segments
    lines = [f"[{item.id}] {item.note}  ({item.article_date})"]
    for source, target in texts:
        lines += [f"  zh: {source}", f"  en: {target!r}"]
    lines += [f"  - {f.check} {f.severity}: {f.text}" for f in findings] or ["  (no findings)"]
    return "\n".join(lines) + "\n"


def _chosen_ids(option: str | None) -> list[str]:
    """The check ids to score: from ``--checks``, else the environment variable, else all of them."""
    raw = option if option is not None else os.environ.get(CHECKS_ENV_VAR, "")
    chosen = [part.strip() for part in raw.split(",") if part.strip()]
    unknown = sorted(set(chosen) - set(CHECK_IDS))
    if unknown:
        raise SystemExit(f"unknown check ids: {', '.join(unknown)} (known: {', '.join(CHECK_IDS)})")
    return chosen or list(CHECK_IDS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, action="append", help="directory of an evaluation set (repeatable)"
    )
    parser.add_argument(
        "--both", action="store_true", help=f"score the set and the held-out set ({HOLDOUT_DIR.name})"
    )
    parser.add_argument("--checks", help=f"comma-separated check ids to run (or ${CHECKS_ENV_VAR})")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--show-misses", metavar="CHECK", help="list the pairs CHECK failed to flag")
    parser.add_argument("--show-false-alarms", action="store_true", help="list clean pairs with findings")
    args = parser.parse_args(argv)

    check_ids = _chosen_ids(args.checks)
    data_dirs = args.data or ([DATA_DIR, HOLDOUT_DIR] if args.both else [DATA_DIR])
    if args.both and args.data:
        data_dirs = [*args.data, HOLDOUT_DIR]
    problems: list[str] = []
    for index, data_dir in enumerate(data_dirs):
        if index:
            print()
        problems += [f"{data_dir.name}: {problem}" for problem in _score_set(data_dir, check_ids, args)]
    return 1 if args.strict and problems else 0


def _score_set(data_dir: Path, check_ids: list[str], args: argparse.Namespace) -> list[str]:
    """Score one evaluation set, print its table and the requested listings; return the missed targets."""
    pairs = load_pairs(data_dir)
    articles = load_articles(data_dir)
    checks = [check for check in all_checks() if check.id in check_ids]
    glossary = load_glossary_matcher(data_dir)
    result = evaluate(pairs, articles, checks, glossary, check_ids)

    print(
        f"QA evaluation set {data_dir.name}: {len(pairs)} pairs ({result.clean_total} clean), "
        f"{len(articles)} articles"
    )
    print(format_report(result))
    by_id = {pair.id: pair for pair in pairs}
    if args.show_misses:
        print(f"\nItems expecting {args.show_misses} that it did not flag:")
        for item in [*pairs, *articles]:
            fired = {finding.check for finding in counted(result.findings.get(item.id, []))}
            if args.show_misses in item.expect and args.show_misses not in fired:
                print(_describe(item, result.findings.get(item.id, [])))
    if args.show_false_alarms:
        print("\nClean pairs with an error or warning:")
        for pair_id, findings in result.findings.items():
            if pair_id in by_id and by_id[pair_id].is_clean and counted(findings):
                print(_describe(by_id[pair_id], counted(findings)))
    problems = missed_targets(result)
    if problems:
        print("\ntargets missed: " + "; ".join(problems))
    return problems


if __name__ == "__main__":
    sys.exit(main())
