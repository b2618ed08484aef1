"""The held-out QA set is well formed, big enough per family, labelled consistently and independent.

``workflow/data/qa_holdout/`` was written without looking at the tuned set in ``qa_eval/`` or the style
rule pack, to measure how the checks generalise. A malformed record, a label contradicting its own text, a
pair copied from the tuned set or a family too small to give a recall figure would make that figure lie.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HOLDOUT_DIR = ROOT / "workflow" / "data" / "qa_holdout"
TUNED_DIR = ROOT / "workflow" / "data" / "qa_eval"


def _load_bench():
    spec = importlib.util.spec_from_file_location("qa_holdout_bench", ROOT / "bench" / "qa_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _load_bench()
PAIRS = bench.load_pairs(HOLDOUT_DIR)
CLEAN = [pair for pair in PAIRS if pair.is_clean]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
FULL_WIDTH_PUNCTUATION = re.compile(r"[，。：；（）、！？《》【】\u3000]|——|……")
REPEATED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
GLOSSARY_HEADER = ["source_term", "target_term", "variants", "forbidden", "part_of_speech", "domain", "note"]


def _with(check_id: str) -> list:
    return [pair for pair in PAIRS if check_id in pair.expect]


def _glossary_rows() -> list[dict[str, str]]:
    with (HOLDOUT_DIR / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _renderings(row: dict[str, str], accepted: bool) -> list[str]:
    cell = row["variants"] if accepted else row["forbidden"]
    return ([row["target_term"]] if accepted else []) + [part.strip() for part in cell.split(";") if part]


def _uses(target: str, renderings: list[str]) -> bool:
    return any(rendering.strip() and rendering.strip().lower() in target.lower() for rendering in renderings)


def test_every_line_is_a_json_object_with_the_pair_fields():
    for path in HOLDOUT_DIR.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert {"id", "source", "target", "article_date", "expect", "note"} <= record.keys(), path.name


def test_ids_are_unique_and_do_not_reuse_the_tuned_sets_ids():
    ids = [pair.id for pair in PAIRS]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert set(ids).isdisjoint(pair.id for pair in bench.load_pairs(TUNED_DIR))


def test_no_pair_is_copied_from_the_tuned_set():
    tuned = {(pair.source, pair.target) for pair in bench.load_pairs(TUNED_DIR)}
    assert [pair.id for pair in PAIRS if (pair.source, pair.target) in tuned] == []


def test_set_size_and_clean_share():
    assert len(PAIRS) >= 250
    assert len(CLEAN) >= 110


@pytest.mark.parametrize(
    ("check_ids", "minimum"),
    [
        (("empty",), 5),
        (("untranslated",), 10),
        (("numbers",), 30),
        (("tense-date",), 15),
        (("glossary",), 8),
        (("forbidden-term",), 8),
        (("style",), 60),
        (("punctuation",), 12),
        (("repeated-word",), 8),
        (("length",), 8),
    ],
)
def test_family_minimums(check_ids, minimum):
    assert len([pair for pair in PAIRS if set(check_ids) & set(pair.expect)]) >= minimum


def test_defective_pairs_aim_at_one_check_and_name_known_ids():
    assert [pair.id for pair in PAIRS if len(pair.expect) > 1] == []
    assert {check_id for pair in PAIRS for check_id in pair.expect} <= set(bench.CHECK_IDS)


def test_style_pairs_each_name_a_distinct_chinglish_pattern():
    patterns = [pair.pattern.strip().lower() for pair in _with("style")]
    assert all(patterns)
    assert len(set(patterns)) == len(patterns)


@pytest.mark.parametrize(
    "marker", ["万", "亿", "万亿", "成", "倍", "翻", "个百分点", "同比", "环比", "近", "余", "逾", "约"]
)
def test_clean_sources_cover_every_chinese_number_form(marker):
    assert any(marker in pair.source for pair in CLEAN)


@pytest.mark.parametrize(
    "phrase",
    ["percentage point", "year on year", "month on month", "trillion", "billion yuan", "$", "doubled",
     "three times", "more than", "nearly", "about", "will", "expected to", "could", "\"", "“", " — ",
     "RCEP", "BRI", "FTZ", "CIIE", "MOFCOM", "high-level opening-up"],
)  # fmt: skip
def test_clean_targets_include_the_tricky_correct_cases(phrase):
    assert any(phrase in pair.target for pair in CLEAN)


def test_clean_set_includes_headings_without_final_stop():
    headings = [p for p in CLEAN if p.source[-1] not in "。？！”" and p.target[-1] not in '.?!”"']
    assert len(headings) >= 4


def test_clean_targets_are_english_without_chinese_punctuation_or_repeats():
    for pair in CLEAN:
        assert pair.target.strip(), pair.id
        assert not CJK.search(pair.target), pair.id
        assert not FULL_WIDTH_PUNCTUATION.search(pair.target), pair.id
        assert not REPEATED_WORD.search(pair.target), pair.id


def test_surface_labels_match_their_targets():
    assert all(not pair.target.strip() for pair in _with("empty"))
    assert all(CJK.search(pair.target) for pair in _with("untranslated"))
    assert all(REPEATED_WORD.search(pair.target) for pair in _with("repeated-word"))
    assert all(pair.target.strip() and not CJK.search(pair.target) for pair in _with("punctuation"))


def test_glossary_file_has_the_import_header():
    with (HOLDOUT_DIR / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == GLOSSARY_HEADER


def test_glossary_labels_agree_with_the_glossary():
    rows = _glossary_rows()

    def terms_in(source: str) -> list[dict[str, str]]:
        return [row for row in rows if row["source_term"] in source]

    for pair in _with("glossary"):
        terms = terms_in(pair.source)
        assert any(not _uses(pair.target, _renderings(row, accepted=True)) for row in terms), pair.id
        assert not any(_uses(pair.target, _renderings(row, accepted=False)) for row in terms), pair.id
    for pair in _with("forbidden-term"):
        assert any(_uses(pair.target, _renderings(r, accepted=False)) for r in terms_in(pair.source)), pair.id
    for pair in CLEAN:
        for row in terms_in(pair.source):
            assert _uses(pair.target, _renderings(row, accepted=True)), (pair.id, row["source_term"])


def test_every_glossary_term_is_exercised_by_some_pair():
    sources = [pair.source for pair in PAIRS]
    unused = [
        row["source_term"] for row in _glossary_rows() if not any(row["source_term"] in s for s in sources)
    ]
    assert unused == []


def test_the_benchmark_reads_the_holdout_with_its_own_glossary():
    assert bench.load_glossary_matcher(HOLDOUT_DIR) is not None
    assert bench.load_articles(HOLDOUT_DIR) == []
