"""``flask qa check SOURCE TARGET``: line pairs checked for pipelines, text or JSON, exit 1 on errors."""

from __future__ import annotations

import json


def _files(tmp_path, source: str, target: str):
    source_file, target_file = tmp_path / "zh.txt", tmp_path / "en.txt"
    source_file.write_text(source, encoding="utf-8")
    target_file.write_text(target, encoding="utf-8")
    return str(source_file), str(target_file)


def test_text_output_lists_findings_and_exits_1_on_errors(runner, tmp_path):
    files = _files(
        tmp_path,
        "园区产值达13.56亿元。\n园区有60多家企业。\n",
        "Output reached 13.56 billion yuan.\nThe park has more than 60 companies.\n",
    )
    result = runner.invoke(
        args=["qa", "check", *files, "--source-lang", "zh", "--target-lang", "en", "--date", "2022-08-30"]
    )
    assert result.exit_code == 1
    assert "1: error numbers" in result.output and "1.356 billion yuan" in result.output
    assert "2 segment(s)" in result.output


def test_json_output_and_exit_0_without_errors(runner, tmp_path):
    files = _files(tmp_path, "我们引进人才3082名。\n", "We introduced 3,082 talents.\n")
    result = runner.invoke(
        args=["qa", "check", *files, "--source-lang", "zh", "--target-lang", "en", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["errors"] == 0 and data["segments"] == 1
    talents = [f for f in data["findings"] if f["check"] == "style"]
    assert talents and talents[0]["line"] == 1 and talents[0]["severity"] == "warning"


def test_mismatched_line_counts_are_a_clear_error(runner, tmp_path):
    files = _files(tmp_path, "一。\n二。\n", "One.\n")
    result = runner.invoke(args=["qa", "check", *files, "--source-lang", "zh", "--target-lang", "en"])
    assert result.exit_code == 2
    assert "has 2 lines but" in result.output


def test_bad_language_or_date_is_a_usage_error(runner, tmp_path):
    files = _files(tmp_path, "一。\n", "One.\n")
    result = runner.invoke(
        args=["qa", "check", *files, "--source-lang", "zh", "--target-lang", "en", "--date", "August"]
    )
    assert result.exit_code == 2 and "article_date" in result.output
