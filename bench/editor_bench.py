"""Benchmark of the side-by-side editor: server render time of the editor page and the save round trip.

Builds a throw-away app on a fresh, migrated SQLite database, imports articles of 100 and 500 segments
(zh source with an aligned MT draft), signs in through the real form with the Flask test client, then
reports the median time to render ``/articles/<id>/edit`` against a trivial page (``/healthz``) measured
in the same run, and the median round trip of one autosave (``PUT …/segments/<id>`` with its version).

    .venv/bin/python bench/editor_bench.py            # 15 renders per size, 60 saves
    .venv/bin/python bench/editor_bench.py --quick    # fewer runs, for CI
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import Flask
from flask.testing import FlaskClient

from workflow import create_app

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|name="csrf-token" content="([^"]+)"')
SIZES = (100, 500)


def _article_text(segments: int) -> tuple[str, str]:
    """A zh source and its MT with ``segments`` sentences, four per paragraph."""
    source, mt = [], []
    for index in range(segments):
        source.append(f"今年前{index % 12 + 1}个月，宜昌片区第{index}家企业出口增长{index % 40}.5%。")
        mt.append(
            f"In the first {index % 12 + 1} months of this year, exports of company {index} "
            f"in the Yichang area grew by {index % 40}.5%."
        )
    join = lambda parts: "\n\n".join("".join(parts[i : i + 4]) for i in range(0, len(parts), 4))  # noqa: E731
    mt_joined = "\n\n".join(" ".join(mt[i : i + 4]) for i in range(0, len(mt), 4))
    return join(source), mt_joined


def _build_app(workdir: Path) -> Flask:
    from flask_migrate import upgrade

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "COPYDESK_QUEUE_PATH": str(workdir / "tasks.sqlite3"),
            "COPYDESK_SIGNIN_LIMIT": "100000 per minute",
        }
    )
    with app.app_context():
        upgrade()
    return app


def _token(client: FlaskClient, path: str) -> str:
    match = _CSRF.search(client.get(path).get_data(as_text=True))
    if not match:
        raise SystemExit(f"no CSRF token on {path}")
    return match.group(1) or match.group(2)


def _median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up: template compilation, caches
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def _expect(response: object, status: int = 200) -> object:
    if response.status_code != status:  # type: ignore[attr-defined]
        raise SystemExit(f"unexpected HTTP {response.status_code}")  # type: ignore[attr-defined]
    return response


def run(renders: int, saves: int) -> list[tuple[str, float, float]]:
    """Measure; returns (label, median ms, ratio to the trivial page) rows."""
    from workflow.cli.demo import seed_users
    from workflow.services import transitions
    from workflow.services.articles import ArticleInput, import_article
    from workflow.services.transitions import ActionInput

    with tempfile.TemporaryDirectory() as tmp:
        app = _build_app(Path(tmp))
        with app.app_context():
            users = seed_users()
            articles = {}
            for size in SIZES:
                source, mt = _article_text(size)
                article, summary = import_article(
                    ArticleInput(
                        source_text=source, target_lang="en", source_lang="zh", mt_text=mt, title=f"{size}"
                    ),
                    actor=users["editor"],
                )
                transitions.take_action(article.id, ActionInput(action="claim"), actor=users["translator"])
                articles[size] = (article.id, summary.segments, [s.id for s in article.segments])
        client = app.test_client()
        login = {
            "username": "translator",
            "password": "Lantern-Quill-42",
            "csrf_token": _token(client, "/auth/login"),
        }
        _expect(client.post("/auth/login", data=login), 302)
        baseline = _median_ms(lambda: _expect(client.get("/healthz")), renders)
        rows = [("trivial page (/healthz)", baseline, 1.0)]
        for size in SIZES:
            article_id, count, _ids = articles[size]
            median = _median_ms(lambda a=article_id: _expect(client.get(f"/articles/{a}/edit")), renders)
            rows.append((f"editor page, {count} segments", median, median / baseline))
        article_id, _count, ids = articles[500]
        headers = {"X-CSRFToken": _token(client, f"/articles/{article_id}/edit")}
        version = {"value": 1}

        def save() -> None:
            response = _expect(
                client.put(
                    f"/api/v1/articles/{article_id}/segments/{ids[7]}",
                    json={"target": f"Exports grew {version['value']}%.", "version": version["value"]},
                    headers=headers,
                )
            )
            version["value"] = response.get_json()["version"]  # type: ignore[attr-defined]

        median = _median_ms(save, saves)
        rows.append(("autosave round trip (PUT, 500-segment article)", median, median / baseline))
        return rows


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (CI)")
    args = parser.parse_args()
    renders, saves = (5, 15) if args.quick else (15, 60)
    rows = run(renders, saves)
    print(f"Editor benchmark (median of {renders} renders, {saves} saves; SQLite, Flask test client)")
    print(f"{'measurement':<50} {'median ms':>10} {'× trivial':>10}")
    for label, median, ratio in rows:
        print(f"{label:<50} {median:>10.1f} {ratio:>10.1f}")


if __name__ == "__main__":
    main()
