"""Command-line tools (``flask …``): one module per command group, registered here."""

from __future__ import annotations

from flask import Flask


def register_commands(app: Flask) -> None:
    """Attach every command group to the app's CLI."""
    from workflow.cli.demo import demo_cli
    from workflow.cli.translate import translate_cli
    from workflow.cli.users import tokens_cli, users_cli

    for group in (users_cli, tokens_cli, translate_cli, demo_cli):
        app.cli.add_command(group)
    for module_name, group_name in (
        ("workflow.cli.articles", "articles_cli"),
        ("workflow.cli.glossary", "glossary_cli"),
        ("workflow.cli.memory", "tm_cli"),
        ("workflow.cli.qa", "qa_cli"),
        ("workflow.cli.backup", "backup_commands"),
    ):
        try:
            module = __import__(module_name, fromlist=[group_name])
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        commands = getattr(module, group_name)
        for command in commands if isinstance(commands, list | tuple) else [commands]:
            app.cli.add_command(command)
