"""``flask glossary import|export|load-starter``: the termbase from the shell.

Import is all or nothing, like the web import: every row error is printed with its line and the command
exits with status 1 without writing anything. Export writes CSV or TBX to standard output or a file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from workflow.services.errors import ServiceError
from workflow.services.glossary import load_starter_glossary
from workflow.services.glossary_io import EXPORT_FORMATS, export_glossary, import_file

glossary_cli = AppGroup("glossary", help="Import and export the glossary (termbase).")


@glossary_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source-lang", required=True, help="Source language of the glossary, e.g. zh.")
@click.option("--target-lang", required=True, help="Target language of the glossary, e.g. en.")
def import_command(file: Path, source_lang: str, target_lang: str) -> None:
    """Import a CSV or TBX glossary FILE; on any row error nothing is written and the exit code is 1."""
    try:
        report = import_file(file.read_bytes(), file.name, source_lang, target_lang, actor=None)
    except ServiceError as exc:
        click.echo(exc.detail, err=True)
        problems = exc.errors if isinstance(exc.errors, list) else []
        for problem in problems:
            where = f"line {problem['line']}: " if problem.get("line") else ""
            click.echo(f"  {where}{problem['message']}", err=True)
        if isinstance(exc.errors, dict):
            for name, message in exc.errors.items():
                click.echo(f"  {name}: {message}", err=True)
        sys.exit(1)
    click.echo(
        f"Imported {file.name}: {report.created} created, {report.updated} updated, "
        f"{report.skipped} unchanged."
    )


@glossary_cli.command("export")
@click.option("--format", "file_format", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True)
@click.option("--source-lang", required=True, help="Source language, e.g. zh.")
@click.option("--target-lang", required=True, help="Target language, e.g. en.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
def export_command(file_format: str, source_lang: str, target_lang: str, output: Path | None) -> None:
    """Export a pair's glossary as CSV (UTF-8) or TBX-Basic."""
    try:
        data = export_glossary(source_lang, target_lang, file_format)
    except ServiceError as exc:
        raise click.ClickException(exc.detail) from None
    if output is None:
        click.echo(data, nl=False)
    else:
        output.write_bytes(data)
        click.echo(f"Wrote {output}.", err=True)


@glossary_cli.command("load-starter")
def load_starter_command() -> None:
    """Load the shipped zh → en starter glossary unless the pair already has terms."""
    done = load_starter_glossary(actor=None)
    click.echo("\n".join(done) if done else "The zh → en glossary already has terms; nothing loaded.")
