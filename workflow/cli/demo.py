"""``flask demo seed``: demo users, articles, glossary and rules, so a newcomer sees the flow at once.

Seeding is idempotent: running it again changes nothing and prints the same logins.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from workflow.extensions import db
from workflow.models import User
from workflow.services import accounts
from workflow.services.accounts import NewUser

demo_cli = AppGroup("demo", help="Demo data for trying Copydesk out.")

DEMO_USERS = (
    NewUser("translator", "translator@example.com", "Lantern-Quill-42", "translator", "Tina Translator"),
    NewUser("translator2", "translator2@example.com", "Harbor-Pebble-42", "translator", "Tom Translator"),
    NewUser("editor", "editor@example.com", "Ledger-Compass-42", "editor", "Eddie Editor"),
    NewUser("admin", "admin@example.com", "Summit-Keystone-42", "admin", "Ada Admin"),
)


def seed_users() -> dict[str, User]:
    """Create the demo users that do not exist yet; return all of them by username."""
    users: dict[str, User] = {}
    for spec in DEMO_USERS:
        user = db.session.execute(db.select(User).where(User.username == spec.username)).scalar_one_or_none()
        if user is None:
            user = accounts.create_user(spec, actor=None)
        users[spec.username] = user
    return users


def seed_content(users: dict[str, User]) -> list[str]:
    """Seed the optional content (articles, glossary, rules) whose services exist; return what was done."""
    done: list[str] = []
    try:
        from workflow.services.demo_content import seed_demo_content
    except ModuleNotFoundError as exc:
        if exc.name != "workflow.services.demo_content":
            raise
        return done
    done.extend(seed_demo_content(users))
    return done


@demo_cli.command("seed")
def seed() -> None:
    """Create demo users and content once, and print the demo logins."""
    users = seed_users()
    for line in seed_content(users):
        click.echo(line)
    click.echo("")
    click.echo("Demo logins (http://127.0.0.1:5000):")
    for spec in DEMO_USERS:
        click.echo(f"  {spec.role:<10} {spec.username:<12} password: {spec.password}")
