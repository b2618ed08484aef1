"""The audit log answers who did what, when (UTC) and from where, for every security-relevant act.

Each act is done the way a person does it (forms and API calls from a known address), then the entry is looked
for in the table and on /admin/audit with its filters. Nothing secret may appear in any entry.
"""

from __future__ import annotations

import datetime as dt
import re

from tests.conftest import PASSWORDS
from workflow.extensions import db
from workflow.models import AuditEntry
from workflow.services import accounts

ADDRESS = "203.0.113.7"


def _from(client):
    client.environ_base["REMOTE_ADDR"] = ADDRESS
    return client


def _sign_in(app, username: str):
    client = _from(app.test_client())
    response = client.post_form("/auth/login", {"username": username, "password": PASSWORDS[username]})
    assert response.status_code == 302
    return client


def _make_article(users) -> int:
    from workflow.services.articles import ArticleInput, import_article
    from workflow.services.transitions import ActionInput, take_action

    article, _summary = import_article(
        ArticleInput(
            source_text="出口增长。进口下降。",
            mt_text="Exports grew. Imports fell.",
            target_lang="en",
            source_lang="zh",
            title="Audit",
        ),
        actor=users["editor"],
    )
    take_action(
        article.id, ActionInput("assign", translator="translator", editor="editor"), actor=users["editor"]
    )
    return article.id


def test_security_acts_are_audited_with_who_what_when_and_where(app, users):
    started = dt.datetime.now(dt.UTC)
    anonymous = _from(app.test_client())
    anonymous.post_form("/auth/login", {"username": "translator", "password": "Not-The-Password-1"})
    admin = _sign_in(app, "admin")
    translator_id = users["translator"].id
    admin.post_form(f"/admin/users/{users['editor'].id}/role", {"role": "admin"}, token_from="/admin/users")
    admin.post_form(
        f"/admin/users/{users['translator2'].id}/active", {"active": "0"}, token_from="/admin/users"
    )
    admin.post_form("/account/tokens", {"name": "audit script"}, token_from="/account/")
    page = admin.get("/account/").get_data(as_text=True)
    token = page.split('data-testid="new-token">', 1)[1].split("<", 1)[0].strip()
    token_id = int(
        re.search(r"/account/tokens/(\d+)/revoke", admin.get("/account/").get_data(as_text=True))[1]
    )
    bearer = {"Authorization": f"Bearer {token}"}
    api = _from(app.test_client())  # a script: the token alone, no browser session
    created = api.post(
        "/api/v1/glossary",
        json={"source_lang": "zh", "target_lang": "en", "source_term": "出口", "target_term": "exports"},
        headers=bearer,
    )
    assert created.status_code == 201
    admin.post_form(
        "/rules/new",
        {
            "rule_id": "audit-rule",
            "family": "custom",
            "severity": "warning",
            "phrases": "zqx",
            "message": "No.",
        },
        token_from="/rules/new",
    )
    admin.post_form(f"/account/tokens/{token_id}/revoke", {}, token_from="/account/")
    article_id = _make_article(users)
    _row, translator_token = accounts.create_token(translator_id, "submit", actor=None)
    submitted = api.post(
        f"/api/v1/articles/{article_id}/transitions",
        json={"action": "submit", "override_reason": "The client asked for the draft as it is."},
        headers={"Authorization": f"Bearer {translator_token}"},
    )
    assert submitted.status_code == 200, submitted.get_json()
    _row, editor_token = accounts.create_token(users["editor"].id, "approve", actor=None)
    approved = api.post(
        f"/api/v1/articles/{article_id}/transitions",
        json={"action": "approve", "override_reason": "Reviewed on paper."},
        headers={"Authorization": f"Bearer {editor_token}"},
    )
    assert approved.status_code == 200, approved.get_json()

    db.session.rollback()
    entries = db.session.execute(db.select(AuditEntry).order_by(AuditEntry.id)).scalars().all()
    by_action: dict[str, AuditEntry] = {}
    for entry in entries:
        if entry.ip == ADDRESS:  # the acts done through the web and API above (setup runs as "cli")
            by_action[entry.action] = entry
    expected = {
        "auth.signin_failed": ("", "translator"),
        "auth.signin": ("admin", "admin"),  # the editor's and translator's tokens needed no sign-in
        "user.role": ("admin", "editor"),
        "user.deactivate": ("admin", "translator2"),
        "token.create": ("admin", "admin"),
        "token.revoke": ("admin", "admin"),
        "glossary.create": ("admin", "term:"),
        "rule.create": ("admin", "rule audit-rule"),
        "article.override": ("editor", f"article {article_id}"),
    }
    for action, (actor, target) in expected.items():
        entry = by_action.get(action)
        assert entry is not None, f"no audit entry for {action}: {sorted(by_action)}"
        assert entry.actor_name == actor, action
        assert entry.target.startswith(target), (action, entry.target)
        assert entry.ip == ADDRESS, (action, entry.ip)
        at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=dt.UTC)
        assert started - dt.timedelta(seconds=5) <= at <= dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
    assert by_action["user.role"].detail == {"old": "editor", "new": "admin"}
    assert by_action["article.override"].detail["reason"] == "Reviewed on paper."
    dump = " ".join(f"{e.target} {e.detail}" for e in entries)
    for secret in (*PASSWORDS.values(), "Not-The-Password-1", token, translator_token, editor_token):
        assert secret not in dump


def test_audit_page_shows_entries_and_filters_them(app, users):
    admin = _sign_in(app, "admin")
    _from(app.test_client()).post_form("/auth/login", {"username": "editor", "password": "Wrong-Guess-001"})
    admin.post_form(
        f"/admin/users/{users['translator2'].id}/active", {"active": "0"}, token_from="/admin/users"
    )
    everything = admin.get("/admin/audit").get_data(as_text=True)
    for text in ("auth.signin_failed", "auth.signin", "user.deactivate", ADDRESS, "translator2"):
        assert text in everything
    signins = admin.get("/admin/audit?action=auth.").get_data(as_text=True)
    assert "auth.signin_failed" in signins and "user.deactivate" not in signins
    by_admin = admin.get("/admin/audit?actor=admin").get_data(as_text=True)
    assert "user.deactivate" in by_admin and "auth.signin_failed" not in by_admin
    assert "UTC" in everything or re.search(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}", everything)
