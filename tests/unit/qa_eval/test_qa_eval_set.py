"""The labelled QA evaluation set is well formed, big enough per family, and labelled consistently.

The set in ``workflow/data/qa_eval/`` is what ``bench/qa_eval.py`` scores the quality checks against, so a
typo in a record (an unknown check id, a bad date) or a label that contradicts its own text would silently
skew every recall and false-alarm figure. These tests also pin how the benchmark scores: errors and
warnings count, info findings do not, and missing checks are reported instead of crashing the run.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from workflow.checks.base import Check, CheckContext, Finding, Severity

ROOT = Path(__file__).resolve().parents[3]
DATA_DIR = ROOT / "workflow" / "data" / "qa_eval"


def _load_bench():
    spec = importlib.util.spec_from_file_location("qa_eval_bench", ROOT / "bench" / "qa_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _load_bench()
PAIRS = bench.load_pairs(DATA_DIR)
ARTICLES = bench.load_articles(DATA_DIR)
CLEAN = [pair for pair in PAIRS if pair.is_clean]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
FULL_WIDTH_PUNCTUATION = re.compile(r"[，。：；（）、！？《》【】\u3000]|——|……")
REPEATED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)


def _with(check_id: str) -> list:
    return [pair for pair in PAIRS if check_id in pair.expect]


def _glossary_rows() -> list[dict[str, str]]:
    with (DATA_DIR / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _renderings(row: dict[str, str], column: str) -> list[str]:
    values = [row["target_term"]] if column == "accepted" else []
    field = "variants" if column == "accepted" else "forbidden"
    return values + [part.strip() for part in row[field].split(";") if part.strip()]


def test_every_line_is_a_json_object_with_the_required_fields():
    for path in DATA_DIR.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert {"id", "article_date", "expect", "note"} <= record.keys(), (path.name, line)


def test_ids_are_unique_across_pairs_and_articles():
    ids = [pair.id for pair in PAIRS] + [article.id for article in ARTICLES]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_article_dates_are_realistic():
    for item in [*PAIRS, *ARTICLES]:
        assert dt.date(2022, 1, 1) <= item.article_date <= dt.date(2025, 12, 31), item.id


def test_expected_ids_are_known_checks():
    used = {check_id for item in [*PAIRS, *ARTICLES] for check_id in item.expect}
    assert used <= set(bench.CHECK_IDS)


def test_set_size():
    assert len(PAIRS) >= 300
    assert len(CLEAN) >= 120


@pytest.mark.parametrize(
    ("check_ids", "minimum"),
    [
        (("numbers",), 40),
        (("tense-date",), 20),
        (("untranslated",), 12),
        (("empty",), 5),
        (("glossary", "forbidden-term"), 15),
        (("style",), 100),
        (("punctuation",), 20),
        (("repeated-word",), 8),
        (("length",), 8),
    ],
)
def test_family_minimums(check_ids, minimum):
    assert len([pair for pair in PAIRS if set(check_ids) & set(pair.expect)]) >= minimum


def test_defective_pairs_aim_at_one_check():
    assert [pair.id for pair in PAIRS if len(pair.expect) > 1] == []


def test_style_pairs_each_name_a_distinct_chinglish_pattern():
    patterns = [pair.pattern.strip().lower() for pair in _with("style")]
    assert all(patterns)
    assert len(set(patterns)) >= 100


@pytest.mark.parametrize(
    "marker",
    ["十", "百", "千", "万", "亿", "〇", "两", "多", "余", "逾", "超", "近", "约", "左右", "年", "月", "日",
     "至", "到", "～", "-", "—", "成", "倍", "翻", "同比", "环比", "百分之", "%", "个百分点", "."],
)  # fmt: skip
def test_numbers_defects_cover_every_unit_and_approximation(marker):
    assert any(marker in pair.source for pair in _with("numbers"))


@pytest.mark.parametrize(
    "phrase",
    ["1.356 billion yuan", "14,000", "nearly 30 percent", "more than 150", "15% year on year", "doubled",
     "first five months", "RMB 1.2 billion", "¥1.2 billion", "1.2 billion yuan", "will be held", "“", "\"",
     " — ", "percentage point", "had had"],
)  # fmt: skip
def test_clean_pairs_include_the_tricky_correct_cases(phrase):
    assert any(phrase in pair.target for pair in CLEAN)


def test_clean_set_includes_headings_without_final_stop():
    headings = [p for p in CLEAN if p.source[-1] not in "。？！”" and p.target[-1] not in '.?!”"']
    assert len(headings) >= 3


def test_clean_targets_are_english_without_chinese_punctuation():
    for pair in CLEAN:
        assert pair.target.strip(), pair.id
        assert not CJK.search(pair.target), pair.id
        assert not FULL_WIDTH_PUNCTUATION.search(pair.target), pair.id


def test_empty_and_untranslated_labels_match_their_targets():
    assert all(not pair.target.strip() for pair in _with("empty"))
    assert all(CJK.search(pair.target) for pair in _with("untranslated"))


def test_punctuation_and_repeated_word_labels_match_their_targets():
    clean_repeats = {m.group(0).lower() for p in CLEAN for m in REPEATED_WORD.finditer(p.target)}
    assert clean_repeats <= {"had had", "that that"}
    assert all(REPEATED_WORD.search(pair.target) for pair in _with("repeated-word"))


def test_glossary_file_has_the_import_header():
    with (DATA_DIR / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [
        "source_term", "target_term", "variants", "forbidden", "part_of_speech", "domain", "note",
    ]  # fmt: skip


def test_glossary_labels_agree_with_the_glossary():
    rows = _glossary_rows()

    def terms_in(source: str) -> list[dict[str, str]]:
        return [row for row in rows if row["source_term"] in source]

    def uses(target: str, renderings: list[str]) -> bool:
        return any(rendering.lower() in target.lower() for rendering in renderings)

    for pair in _with("glossary"):
        assert any(not uses(pair.target, _renderings(r, "accepted")) for r in terms_in(pair.source)), pair.id
    for pair in _with("forbidden-term"):
        assert any(uses(pair.target, _renderings(r, "forbidden")) for r in terms_in(pair.source)), pair.id
    for pair in CLEAN:
        for row in terms_in(pair.source):
            assert uses(pair.target, _renderings(row, "accepted")), (pair.id, row["source_term"])


def test_articles_have_segments_and_both_labels():
    assert all(len(article.segments) >= 2 for article in ARTICLES)
    assert {tuple(article.expect) for article in ARTICLES} == {(), ("consistency",)}


class _FlagsDigits(Check):
    """A stand-in numbers check: warns when the target has a digit, notes (info) when it has 'percent'."""

    id = "numbers"
    name = description = "test double"

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        findings = [self.finding("digit")] if re.search(r"\d", target) else []
        if "percent" in target:
            findings.append(self.finding("info only", severity=Severity.INFO))
        return findings


def _pair(pair_id: str, target: str, expect: tuple[str, ...]):
    return bench.EvalPair(pair_id, "出口增长5%。", target, dt.date(2024, 1, 1), expect, "note")


def test_bench_scores_recall_and_clean_false_alarms_from_errors_and_warnings_only():
    pairs = [
        _pair("d1", "Exports grew 5%.", ("numbers",)),
        _pair("d2", "Exports grew.", ("numbers",)),
        _pair("c1", "Exports grew 5%.", ()),
        _pair("c2", "Exports grew five percent.", ()),
    ]
    result = bench.evaluate(pairs, [], [_FlagsDigits()], glossary=None, check_ids=("numbers", "style"))
    numbers, style = result.scores["numbers"], result.scores["style"]
    assert (numbers.defective, numbers.detected, numbers.recall) == (2, 1, 0.5)
    assert (numbers.false_alarms, numbers.clean_total) == (1, 2)
    assert result.clean_flagged == 1 and result.clean_false_alarm_rate == 0.5
    assert style.status == "not registered"
    assert any("numbers: recall 50.0%" in problem for problem in bench.missed_targets(result))


def test_bench_runs_on_a_small_set_and_fails_only_when_strict(tmp_path, capsys):
    (tmp_path / "pairs.jsonl").write_text(
        json.dumps({"id": "a", "source": "出口增长5%。", "target": "Exports grew 5%.",
                    "article_date": "2024-01-01", "expect": [], "note": "clean"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    (tmp_path / "glossary.csv").write_text((DATA_DIR / "glossary.csv").read_text(encoding="utf-8"))
    assert bench.main(["--data", str(tmp_path), "--checks", "empty"]) == 0
    report = capsys.readouterr().out
    assert "empty" in report and "clean pairs with any error/warning" in report
    strict_code = bench.main(["--data", str(tmp_path), "--checks", "empty", "--strict"])
    registered = "empty" in {check.id for check in bench.all_checks()}
    assert strict_code == (0 if registered else 1)


def test_loader_rejects_unknown_check_ids(tmp_path):
    (tmp_path / "bad.jsonl").write_text(
        json.dumps({"id": "x", "source": "a", "target": "b", "article_date": "2024-01-01",
                    "expect": ["spelling"], "note": ""}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    with pytest.raises(bench.EvalSetError, match="unknown check ids"):
        bench.load_pairs(tmp_path)
