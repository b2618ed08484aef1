"""``flask translate extract|update|compile|init``: the UI catalogs, via pybabel with argument lists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from workflow.config import PROJECT_ROOT

translate_cli = AppGroup("translate", help="Extract, update and compile the UI translations.")

_POT = PROJECT_ROOT / "translations" / "messages.pot"
_CATALOGS = PROJECT_ROOT / "translations"


def _pybabel(*args: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    result = subprocess.run(command, cwd=PROJECT_ROOT, check=False)  # noqa: S603 - fixed argument list
    if result.returncode != 0:
        raise click.ClickException(f"pybabel {args[0]} failed with exit code {result.returncode}")


def extract_arguments(output: Path) -> list[str]:
    """The pybabel arguments that collect every wrapped string (``_``, ``_l``, ``N_``) into ``output``."""
    return [
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "N_",
        "--no-location",
        "--sort-output",
        "--project",
        "Copydesk",
        "-o",
        str(output),
        ".",
    ]


@translate_cli.command("extract")
def extract() -> None:
    """Collect every wrapped string into translations/messages.pot."""
    _pybabel(*extract_arguments(_POT))


@translate_cli.command("update")
def update() -> None:
    """Extract, then merge new strings into the en and zh_Hans catalogs."""
    extract.callback()  # type: ignore[misc]
    _pybabel("update", "-i", str(_POT), "-d", str(_CATALOGS), "--no-fuzzy-matching", "--ignore-obsolete")


@translate_cli.command("compile")
def compile_catalogs() -> None:
    """Build the .mo files the app reads (the set-up runs this; .mo files are not committed)."""
    _pybabel("compile", "-d", str(_CATALOGS), "--statistics")


@translate_cli.command("init")
@click.argument("language")
def init(language: str) -> None:
    """Start a catalog for a new UI language."""
    _pybabel("init", "-i", str(_POT), "-d", str(_CATALOGS), "-l", language)
