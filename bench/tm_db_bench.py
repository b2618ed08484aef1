"""Benchmark of a TMX import into the database: 100,000 units, all or nothing, against a time budget.

Builds a fresh, migrated SQLite database in a temporary folder (or uses ``--database-url``, e.g. a
scratch PostgreSQL database that is already migrated), writes a TMX of generated zh→en trade-news
pairs (see ``bench/tm_bench.py``), and times the phases of :func:`workflow.services.memory_io.import_tmx`:
parse + extract + dedupe, then the bulk inserts in one transaction; then the first lookup, which loads
the whole pair into the worker's index. The figure to beat is 60 s for 100,000 units.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tm_bench import make_entries

from workflow.formats.tmx import write_tmx

BUDGET_SECONDS = 60.0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per phase; exit 1 when over the budget."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="a migrated database (default: temp SQLite)")
    args = parser.parse_args(argv)

    from flask_migrate import upgrade

    from workflow import create_app
    from workflow.extensions import db
    from workflow.models import TmEntry
    from workflow.services import memory_io
    from workflow.services.memory_lookup import find_matches

    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "SECRET_KEY": "bench",
                "COPYDESK_QUEUE_PATH": f"{folder}/tasks.sqlite3",
            }
        )
        with app.app_context():
            if not args.database_url:
                upgrade()
            entries = make_entries(args.units)
            data = write_tmx(entries, "zh-CN", "en-US")
            phases: dict[str, float] = {}
            marks = [time.perf_counter()]

            def phase(done: int, total: int, message: str = "") -> None:
                marks.append(time.perf_counter())

            started = time.perf_counter()
            result = memory_io.import_tmx(data, source_lang="zh", target_lang="en", progress=phase)
            total_seconds = time.perf_counter() - started
            phases["parse, extract, dedupe"] = marks[2] - marks[1]
            phases["bulk insert (one transaction)"] = marks[3] - marks[2]
            stored = db.session.execute(db.select(db.func.count()).select_from(TmEntry)).scalar()
            started = time.perf_counter()
            find_matches("zh", "en", entries[123][0])
            first_lookup = time.perf_counter() - started
            started = time.perf_counter()
            matches = find_matches("zh", "en", entries[456][0][:-3] + "。")
            second_lookup = time.perf_counter() - started

    print(f"TMX: {len(data) / 1e6:.1f} MB, {args.units:,} units; imported {result.imported:,}")
    print(f"  rows in tm_entries: {stored:,}")
    print(f"  (duplicates in the generated file: {result.duplicates_in_file:,})")
    for name, seconds in phases.items():
        print(f"  {name:<32} {seconds:6.1f} s")
    print(f"  {'import total':<32} {total_seconds:6.1f} s   (budget {BUDGET_SECONDS:.0f} s)")
    print(f"  {'first lookup (loads the index)':<32} {first_lookup:6.1f} s")
    best = matches[0].score if matches else "-"
    print(f"  {'next lookup':<32} {second_lookup * 1000:6.1f} ms, best score {best}")
    return 0 if total_seconds < BUDGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
