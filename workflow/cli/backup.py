"""``flask backup PATH`` and ``flask restore PATH``: a consistent copy of a live SQLite database and back.

The backup may run while the server is serving (it is an online snapshot). The restore goes only into an
empty database and should run while no server uses the target. On PostgreSQL both refuse and point at
``pg_dump`` / ``pg_restore``.
"""

from __future__ import annotations

import click

from workflow.extensions import db
from workflow.services.backup import BackupRefused, BackupSummary, backup_database, restore_database


def _describe(summary: BackupSummary) -> str:
    counts = ", ".join(f"{count} {table}" for table, count in summary.rows.items())
    return f"schema revision {summary.revision}; {counts}"


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def backup_command(path: str) -> None:
    """Write a consistent snapshot of the SQLite database to PATH (a new file), even while serving."""
    try:
        summary = backup_database(db.engine.url, path)
    except BackupRefused as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Backed up to {summary.path} ({_describe(summary)}).")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
def restore_command(path: str) -> None:
    """Restore the backup at PATH into the configured database, which must hold no users or articles."""
    url = db.engine.url
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the target open while its pages are replaced
    try:
        summary = restore_database(path, url)
    except BackupRefused as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Restored {path} into {summary.path} ({_describe(summary)}).")


backup_commands = [backup_command, restore_command]
