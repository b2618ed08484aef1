"""Benchmark of the quality checks: every check over a 500-segment article must take ≤ 500 ms.

Builds a throw-away app on a fresh, migrated SQLite database and imports a 500-segment article made of
real trade-news sentence pairs (the evaluation set and the demo article, repeated), with their MT as the
target, so every check family has work to do. Reports medians of:

* a baseline measured in the same run: one Unicode word scan of every source and target (the floor cost
  of reading the article's text), to compare machines by ratio rather than by absolute time;
* all checks over the 500 pairs (the registry with the style rules in force), context built once;
* the whole service, ``article_findings`` — loading segments and dismissals, the checks, fingerprints;
* the editor's live check of one segment (``check_pair``: validation, context, checks).

    .venv/bin/python bench/qa_speed.py            # 15 runs
    .venv/bin/python bench/qa_speed.py --quick    # 5 runs, for CI
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import Flask

from workflow import create_app

DATA = Path(__file__).resolve().parents[1] / "workflow" / "data"
SEGMENTS = 500
BUDGET_MS = 500.0
_WORD = re.compile(r"\w+")


def _pairs() -> list[tuple[str, str]]:
    """Real sentence pairs (source, MT) from the evaluation set and the demo article."""
    pairs: list[tuple[str, str]] = []
    for line in (DATA / "qa_eval" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            pairs += [(source, target) for source, target in json.loads(line)["segments"]]
    sources = (DATA / "demo" / "yichang_zh.txt").read_text(encoding="utf-8").splitlines()
    targets = (DATA / "demo" / "yichang_mt_en.txt").read_text(encoding="utf-8").splitlines()
    pairs += [(s, t) for s, t in zip(sources, targets, strict=False) if s.strip() and t.strip()]
    return (pairs * (SEGMENTS // len(pairs) + 1))[:SEGMENTS]


def _build_app(workdir: Path) -> Flask:
    from flask_migrate import upgrade

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "COPYDESK_QUEUE_PATH": str(workdir / "tasks.sqlite3"),
        }
    )
    with app.app_context():
        upgrade()
    return app


def _median_ms(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and median CPU milliseconds (CPU time is steadier on a shared, busy machine)."""
    action()  # warm-up: compiled rules, caches
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _store_article(pairs: list[tuple[str, str]]) -> int:
    """Save the pairs as one article's segments directly (the importer's segmentation is not measured)."""
    import datetime as dt

    from workflow.cli.demo import seed_users
    from workflow.extensions import db
    from workflow.models import Article, Segment

    users = seed_users()
    article = Article(
        title="QA speed",
        source_lang="zh",
        target_lang="en",
        source_text="\n".join(s for s, _t in pairs),
        article_date=dt.date(2022, 8, 30),
        state="translating",
        created_by_id=users["editor"].id,
    )
    db.session.add(article)
    for position, (source, target) in enumerate(pairs):
        article.segments.append(
            Segment(
                position=position,
                paragraph=position // 4,
                source=source,
                mt=target,
                target=target,
                status="mt",
            )
        )
    db.session.commit()
    return article.id


Row = tuple[str, tuple[float, float]]


def run(runs: int) -> tuple[list[Row], int]:
    """Measure; returns (label, (median wall ms, median CPU ms)) rows and the finding count."""
    from workflow.checks.registry import run_article_checks
    from workflow.extensions import db
    from workflow.models import Article
    from workflow.services import qa

    pairs = _pairs()
    with tempfile.TemporaryDirectory() as tmp:
        app = _build_app(Path(tmp))
        with app.app_context():
            article_id = _store_article(pairs)
            baseline = _median_ms(lambda: [(_WORD.findall(s), _WORD.findall(t)) for s, t in pairs], runs)
            context = qa.build_context(source_lang="zh", target_lang="en", article_date=None)
            checks = qa.checks_in_force()
            findings = run_article_checks(pairs, context, checks)
            pure = _median_ms(lambda: run_article_checks(pairs, context, checks), runs)
            article = db.session.get(Article, article_id)
            service = _median_ms(lambda: qa.article_findings(article), runs)
            one = qa.PairCheckInput(pairs[1][0], pairs[1][1], "zh", "en", "2022-08-30")
            live = _median_ms(lambda: qa.check_pair(one), runs * 4)
            db.session.remove()
            db.engine.dispose()
    rows = [
        ("baseline: word scan of 500 pairs", baseline),
        ("all checks, 500 segments (pure)", pure),
        ("article_findings, 500 segments (DB + checks)", service),
        ("live check of one segment", live),
    ]
    return rows, len(findings)


def main() -> None:
    """Run the benchmark, print a table, and fail when the 500-segment budget is exceeded."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (CI)")
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    rows, found = run(runs)
    print(
        f"Quality-check speed (median of {runs} runs; {SEGMENTS} segments, {found} findings; "
        f"budget {BUDGET_MS:.0f} ms)"
    )
    print(f"{'measurement':<48} {'wall ms':>9} {'CPU ms':>9} {'× baseline':>11}")
    base_cpu = max(rows[0][1][1], 1e-3)
    for label, (wall, cpu) in rows:
        print(f"{label:<48} {wall:>9.1f} {cpu:>9.1f} {cpu / base_cpu:>11.1f}")
    worst = max(rows[1][1][1], rows[2][1][1])
    print(
        f"{'within budget' if worst <= BUDGET_MS else 'OVER BUDGET'} (CPU time): "
        f"{worst:.0f} ms of {BUDGET_MS:.0f} ms"
    )
    if worst > BUDGET_MS:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
