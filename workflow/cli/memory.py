"""``flask tm import|export``: the translation memory as TMX from the shell, with a progress bar."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click
from flask.cli import AppGroup

from workflow.extensions import db
from workflow.models import User
from workflow.services import memory_io
from workflow.services.errors import ServiceError

tm_cli = AppGroup("tm", help="Import and export the translation memory (TMX).")


class _TerminalProgress:
    """Feeds the importer's progress into a click progress bar on standard error, once the total is known."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._shown = 0

    def phase(self, done: int, total: int, message: str = "") -> None:
        """A phase change: print the message; start the bar when the number of pairs is known."""
        if message:
            click.echo(message, err=True)
        if total and self._bar is None:
            self._bar = click.progressbar(length=total, label="Writing", file=sys.stderr)
            self._bar.__enter__()
        self.batch(done, total)

    def batch(self, done: int, _total: int) -> None:
        """A batch was written."""
        if self._bar is not None and done > self._shown:
            self._bar.update(done - self._shown)
            self._shown = done

    def close(self) -> None:
        """Finish the bar's line."""
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


@tm_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--source-lang", default=None, help="Source language in the file (default: the header's srclang)."
)
@click.option("--target-lang", default=None, help="Target language (default: the file's other language).")
@click.option("--as", "username", default=None, help="Record entries as imported by this user.")
def import_command(
    file: Path, source_lang: str | None, target_lang: str | None, username: str | None
) -> None:
    """Import the pairs of a TMX FILE, all or nothing; duplicates are skipped."""
    actor = None
    if username:
        actor = db.session.execute(db.select(User).where(User.username == username)).scalar_one_or_none()
        if actor is None:
            raise click.ClickException(f"No user named {username!r}.")
    progress = _TerminalProgress()
    started = time.perf_counter()
    try:
        result = memory_io.import_tmx(
            file.read_bytes(),
            source_lang=source_lang,
            target_lang=target_lang,
            actor=actor,
            filename=file.name,
            progress=progress.phase,
            batch_progress=progress.batch,
        )
    except ServiceError as exc:
        raise click.ClickException(exc.detail) from None
    finally:
        progress.close()
    click.echo(
        f"Imported {result.imported} pairs ({result.source_lang}→{result.target_lang}) "
        f"from {result.units} units in {time.perf_counter() - started:.1f} s: "
        f"{result.duplicates_in_file} duplicates in the file, "
        f"{result.already_present} already in the memory, {result.skipped} without both languages."
    )
    for note in result.notes:
        click.echo(f"note: {note}", err=True)


@tm_cli.command("export")
@click.option("--source-lang", required=True)
@click.option("--target-lang", required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File (default: stdout).",
)
def export_command(source_lang: str, target_lang: str, output: Path | None) -> None:
    """Write every entry of a language pair as TMX 1.4 to standard output (or --output)."""
    try:
        data = memory_io.export_tmx(source_lang, target_lang)
    except ServiceError as exc:
        raise click.ClickException(exc.detail) from None
    if output is None:
        click.echo(data, nl=False)  # bytes go to the binary stream unchanged
    else:
        output.write_bytes(data)
        click.echo(f"Wrote {output}.", err=True)
