"""``flask users create`` and ``flask tokens create|revoke``: accounts and API tokens from the shell."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from workflow.extensions import db
from workflow.models import User
from workflow.services import accounts
from workflow.services.accounts import NewUser
from workflow.services.errors import ServiceError

users_cli = AppGroup("users", help="Manage user accounts.")
tokens_cli = AppGroup("tokens", help="Manage personal API tokens.")


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(["translator", "editor", "admin"]), default="translator")
@click.option("--email", required=True)
@click.option("--name", "display_name", default="", help="Display name.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user(username: str, role: str, email: str, display_name: str, password_stdin: bool) -> None:
    """Create a user; the password comes from a prompt or from standard input."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = accounts.create_user(
            NewUser(username=username, email=email, password=password, role=role, display_name=display_name),
            actor=None,
        )
    except ServiceError as exc:
        details = "; ".join(f"{k}: {v}" for k, v in (exc.errors or {}).items())
        raise click.ClickException(f"{exc.detail} {details}".strip()) from None
    click.echo(f"Created {user.role} {user.username}.")


@users_cli.command("list")
def list_users() -> None:
    """Print every account with its role and whether it is active."""
    for user in accounts.list_users():
        click.echo(f"{user.username}\t{user.role}\t{'active' if user.active else 'inactive'}\t{user.email}")


@tokens_cli.command("create")
@click.argument("username")
@click.option("--name", default="cli", help="A name to recognise the token by.")
def create_token(username: str, name: str) -> None:
    """Create a personal API token for USERNAME and print it once."""
    user = db.session.execute(db.select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise click.ClickException(f"No user named {username!r}.")
    _row, token = accounts.create_token(user.id, name, actor=None)
    click.echo(token)


@tokens_cli.command("revoke")
@click.argument("token_id", type=int)
def revoke_token(token_id: int) -> None:
    """Revoke a token by its id (as shown on the user's page)."""
    from workflow.models import ApiToken
    from workflow.models.base import utcnow

    row = db.session.get(ApiToken, token_id)
    if row is None:
        raise click.ClickException("No such token.")
    row.revoked_at = utcnow()
    db.session.commit()
    click.echo(f"Revoked token {token_id}.")
