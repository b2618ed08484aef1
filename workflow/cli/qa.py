"""``flask qa check``: run the quality checks over two aligned text files, for use in pipelines.

Line N of the source file is checked against line N of the target file (checked together as one article,
so consistency findings appear too). The exit code is 1 when any error finding is reported, 2 for bad input.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import AppGroup

from workflow.checks.base import Finding, Severity
from workflow.services import qa
from workflow.services.errors import InvalidInput

qa_cli = AppGroup("qa", help="Quality checks from the command line.")


class BadInputFiles(click.ClickException):
    """Files the check cannot pair up; exit code 2, so pipelines can tell it from "errors found" (1)."""

    exit_code = 2


def _read_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise BadInputFiles(f"{path} is not UTF-8 text.") from None
    return text.splitlines()


def _finding_line(number: int, finding: Finding) -> str:
    where = ""
    if finding.start is not None and finding.end is not None:
        where = f" [{finding.start}-{finding.end}]"
    hint = f" → {', '.join(finding.suggestions)}" if finding.suggestions else ""
    return f"{number}: {finding.severity} {finding.check}{where}: {finding.text}{hint}"


@qa_cli.command("check")
@click.argument("source_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("target_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source-lang", required=True, help="BCP 47 tag of the source, e.g. zh.")
@click.option("--target-lang", required=True, help="BCP 47 tag of the target, e.g. en.")
@click.option(
    "--date", "article_date", default=None, help="Article date YYYY-MM-DD (anchors the tense check)."
)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check_files(
    source_file: Path,
    target_file: Path,
    source_lang: str,
    target_lang: str,
    article_date: str | None,
    output: str,
) -> None:
    """Check SOURCE_FILE against TARGET_FILE line by line; exit 1 when any error is found."""
    sources, targets = _read_lines(source_file), _read_lines(target_file)
    if len(sources) != len(targets):
        raise BadInputFiles(
            f"{source_file} has {len(sources)} lines but {target_file} has {len(targets)}; "
            "the files must have one segment per line, line N of one matching line N of the other."
        )
    try:
        results = qa.check_pairs(
            list(zip(sources, targets, strict=True)), source_lang, target_lang, article_date
        )
    except InvalidInput as exc:
        details = "; ".join(f"{name}: {message}" for name, message in (exc.errors or {}).items())
        raise click.UsageError(f"{exc.detail} {details}".strip()) from None
    results.sort(key=lambda pair: pair[0])
    errors = sum(1 for _index, finding in results if finding.severity == Severity.ERROR)
    if output == "json":
        payload = {
            "segments": len(sources),
            "errors": errors,
            "findings": [{"line": index + 1, **finding.as_dict()} for index, finding in results],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for index, finding in results:
            click.echo(_finding_line(index + 1, finding))
        click.echo(f"{len(sources)} segment(s), {len(results)} finding(s), {errors} error(s).")
    if errors:
        raise SystemExit(1)
