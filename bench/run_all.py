"""Run every benchmark in ``bench/`` and print their tables; ``make bench`` calls this.

Each benchmark measures medians against a baseline taken in the same run (these machines are noisy:
compare ratios, don't quote single times). The output is also written to ``bench/results/latest.txt``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = (
    ("Quality checks: evaluation set", "qa_eval.py", []),
    ("Quality checks: speed", "qa_speed.py", []),
    ("Glossary matching", "glossary_bench.py", []),
    ("Translation memory", "tm_bench.py", []),
    ("Translation memory in the database", "tm_db_bench.py", []),
    ("Editor", "editor_bench.py", []),
)


def main() -> int:
    """Run each benchmark that exists; return non-zero if one failed."""
    failures = 0
    chunks = []
    for title, script, args in SCRIPTS:
        path = HERE / script
        if not path.exists():
            continue
        print(f"\n## {title} ({script})", flush=True)
        result = subprocess.run(
            [sys.executable, str(path), *args, *sys.argv[1:]], capture_output=True, text=True, check=False
        )
        print(result.stdout, end="")
        if result.returncode != 0:
            failures += 1
            print(result.stderr[-2000:], file=sys.stderr)
        chunks.append(f"## {title} ({script})\n{result.stdout}")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "latest.txt").write_text("\n".join(chunks), encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
