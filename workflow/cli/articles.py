"""``flask articles import|export``: articles from and to files, for scripts and batch work."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from workflow.extensions import db
from workflow.formats.article_files import ArticleFileError, read_article_file
from workflow.models import User
from workflow.services.articles import ArticleInput, import_article
from workflow.services.errors import ServiceError
from workflow.services.exports import export_article

articles_cli = AppGroup("articles", help="Import and export articles.")


def _acting_user(username: str | None) -> User:
    query = db.select(User).where(User.active.is_(True))
    query = query.where(User.username == username) if username else query.where(User.role == "admin")
    user = db.session.execute(query.order_by(User.id)).scalars().first()
    if user is None:
        raise click.ClickException(
            f"No active user {username!r}." if username else "No active admin; pass --as USERNAME."
        )
    return user


def _read(path: str) -> str:
    try:
        return read_article_file(path, Path(path).read_bytes())
    except (OSError, ArticleFileError) as exc:
        raise click.ClickException(f"{path}: {exc}") from None


@articles_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--source-lang", default=None, help="BCP 47 code; detected when omitted.")
@click.option("--target-lang", required=True)
@click.option("--mt", "mt_file", type=click.Path(exists=True, dir_okay=False), help="The MT draft.")
@click.option("--title", default="")
@click.option("--date", "article_date", default=None, help="Publication date, YYYY-MM-DD.")
@click.option("--due", "due_date", default=None, help="Due date, YYYY-MM-DD.")
@click.option("--as", "username", default=None, help="Act as this user (default: the first admin).")
def import_command(
    file: str,
    source_lang: str | None,
    target_lang: str,
    mt_file: str | None,
    title: str,
    article_date: str | None,
    due_date: str | None,
    username: str | None,
) -> None:
    """Import FILE (.txt, .md, .html, .docx) with an optional MT draft."""
    actor = _acting_user(username)
    try:
        article, summary = import_article(
            ArticleInput(
                title=title,
                source_text=_read(file),
                target_lang=target_lang,
                source_lang=source_lang,
                mt_text=_read(mt_file) if mt_file else None,
                article_date=article_date,
                due_date=due_date,
            ),
            actor=actor,
        )
    except ServiceError as exc:
        details = "; ".join(f"{k}: {v}" for k, v in (exc.errors or {}).items())
        raise click.ClickException(f"{exc.detail} {details}".strip()) from None
    click.echo(
        f"Imported article {article.id} ({article.source_lang} → {article.target_lang}): {summary.segments} "
        f"segments, {summary.from_mt} from MT, {summary.from_tm} from memory, {summary.empty} empty; "
        f"alignment: {summary.alignment_mode}."
    )
    for note in summary.notes:
        click.echo(f"note: {note}")


@articles_cli.command("export")
@click.argument("article_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["txt", "md", "html", "docx"]), default="txt")
@click.option("--bilingual", is_flag=True, help="Two columns, source and target (html, docx).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option("--as", "username", default=None, help="Act as this user (default: the first admin).")
def export_command(
    article_id: int, fmt: str, bilingual: bool, output: str | None, username: str | None
) -> None:
    """Export ARTICLE_ID's translation."""
    try:
        data, _type, filename = export_article(
            article_id, fmt, actor=_acting_user(username), bilingual=bilingual
        )
    except ServiceError as exc:
        raise click.ClickException(exc.detail) from None
    if output:
        Path(output).write_bytes(data)
        click.echo(f"Wrote {output}")
    elif fmt == "docx" and sys.stdout.isatty():
        raise click.ClickException(f"DOCX is binary; use -o {filename}")
    else:
        sys.stdout.buffer.write(data)
