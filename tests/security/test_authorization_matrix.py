"""Every URL rule × method × principal answers with the status the checked-in table expects.

The table (``authz_matrix.py`` next to this file) is the reviewed statement of who may do what. The test walks
``app.url_map``, so a new route without a row fails, and so does a row for a route that no longer exists.
Requests are well-formed (valid JSON with the right version, forms with a CSRF token), so the status tells
about authorization, not validation. Set ``COPYDESK_AUTHZ_RECORD=1`` to print the observed table when adding
routes; review every cell before pasting it in.
"""

from __future__ import annotations

import importlib.util
import io
import os
from pathlib import Path
from typing import Any

from tests.security.conftest import PASSWORDS, SOURCE, World, report_figure, sign_in

TABLE_FILE = Path(__file__).with_name("authz_matrix.py")
_spec = importlib.util.spec_from_file_location("copydesk_authz_matrix", TABLE_FILE)
assert _spec and _spec.loader
matrix = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(matrix)

PRINCIPALS = matrix.PRINCIPALS
SKIPPED_RULES = {"/static/<path:filename>"}
CSV_UPLOAD = "source_term,target_term\n出口,exports\n".encode()
TMX_UPLOAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh" datatype="plaintext" '
    b'segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>'
    b'<tu><tuv xml:lang="zh"><seg>\xe5\x87\xba\xe5\x8f\xa3</seg></tuv><tuv xml:lang="en"><seg>exports</seg>'
    b"</tuv></tu></body></tmx>"
)


def _term_form(world: World) -> dict[str, Any]:
    n = world.next_serial()
    return {
        "form": {
            "source_lang": "zh",
            "target_lang": "en",
            "source_term": f"进口{n}",
            "target_term": f"imports {n}",
            "status": "approved",
        }
    }


def _rule_form(world: World) -> dict[str, Any]:
    n = world.next_serial()
    return {
        "form": {
            "rule_id": f"matrix-new-{n}",
            "family": "custom",
            "severity": "warning",
            "phrases": f"qz{n}y",
            "message": "Avoid this phrase.",
            "enabled": "y",
        }
    }


def _glossary_json(world: World) -> dict[str, Any]:
    n = world.next_serial()
    return {
        "json": {
            "source_lang": "zh",
            "target_lang": "en",
            "source_term": f"关税{n}",
            "target_term": f"tariff {n}",
        }
    }


# What each (endpoint, method) sends besides the URL. Absent = nothing (GET) or just the CSRF token (POST).
REQUESTS: dict[tuple[str, str], Any] = {
    ("account.change_password", "POST"): lambda w, who: {
        "form": {"current": PASSWORDS.get(who, "x"), "password": PASSWORDS.get(who, "Granite-Orbit-77")}
    },
    ("account.create_token", "POST"): lambda w, who: {"form": {"name": "matrix script"}},
    ("account.save_preferences", "POST"): lambda w, who: {
        "form": {"display_name": "", "locale": "", "timezone": "UTC"}
    },
    ("admin.change_role", "POST"): lambda w, who: {"form": {"role": "editor"}},
    ("admin.set_active", "POST"): lambda w, who: {"form": {"active": "0"}},
    ("admin.users", "POST"): lambda w, who: {
        "form": {
            "username": f"newuser{(n := w.next_serial())}",
            "email": f"newuser{n}@example.com",
            "role": "translator",
            "password": "Granite-Orbit-77",
        }
    },
    ("articles.article_action", "POST"): lambda w, who: {
        "form": {"action": "assign", "translator": "translator", "editor": "editor"}
    },
    ("articles.import_article", "POST"): lambda w, who: {
        "form": {
            "title": "Imported",
            "source_text": SOURCE,
            "source_lang": "zh",
            "target_lang": "en",
            "priority": "1",
        }
    },
    ("articles.article_export", "GET"): lambda w, who: {"query": {"format": "txt"}},
    ("glossary.import_confirm", "POST"): lambda w, who: {"form": {"token": "0123456789abcdef"}},
    ("glossary.import_upload", "POST"): lambda w, who: {
        "form": {"source_lang": "zh", "target_lang": "en"},
        "files": {"glossary_file": (io.BytesIO(CSV_UPLOAD), "terms.csv")},
    },
    ("glossary.term_edit", "POST"): lambda w, who: _term_form(w),
    ("glossary.term_new", "POST"): lambda w, who: _term_form(w),
    ("main.set_language", "POST"): lambda w, who: {"form": {"locale": "en"}},
    ("memory.import_tmx", "POST"): lambda w, who: {
        "form": {"source_lang": "zh", "target_lang": "en"},
        "files": {"file": (io.BytesIO(TMX_UPLOAD), "memory.tmx")},
    },
    ("memory.panel_concordance", "GET"): lambda w, who: {
        "query": {"q": "出口", "source_lang": "zh", "target_lang": "en"}
    },
    ("memory.concordance", "GET"): lambda w, who: {"query": {"q": "出口"}},
    ("qa.dismiss", "POST"): lambda w, who: {
        "form": {"segment_id": str(w.ids["segment_id"]), "fingerprint": "e" * 64, "reason": "Checked."}
    },
    ("rules.edit_rule", "POST"): lambda w, who: _rule_form(w),
    ("rules.new_rule", "POST"): lambda w, who: _rule_form(w),
    ("rules.toggle_custom", "POST"): lambda w, who: {"form": {"enabled": "0"}},
    ("rules.toggle_shipped", "POST"): lambda w, who: {"form": {"enabled": "1"}},
    ("rules.test_rules", "POST"): lambda w, who: {"form": {"text": "The above is listed for you."}},
    ("api.create_article", "POST"): lambda w, who: {
        "json": {"title": "Via API", "source_lang": "zh", "target_lang": "en", "source_text": SOURCE}
    },
    ("api.create_comment", "POST"): lambda w, who: {
        "json": {"body": "A note.", "segment_id": w.ids["segment_id"]}
    },
    ("api.resolve_comment", "POST"): lambda w, who: {"json": {"resolved": True}},
    ("api.replace_in_targets", "POST"): lambda w, who: {"json": {"find": "yuan", "replace": "yuan"}},
    ("api.save_segment", "PUT"): lambda w, who: {
        "json": {"target": "Exports grew 15.3%.", "version": w.segment_version(), "status": "translated"}
    },
    ("api.take_action", "POST"): lambda w, who: {
        "json": {"action": "assign", "translator": "translator", "editor": "editor"}
    },
    ("api.create_glossary_term", "POST"): lambda w, who: _glossary_json(w),
    ("api.propose_glossary_term", "POST"): lambda w, who: _glossary_json(w),
    ("api.update_glossary_term", "PUT"): lambda w, who: {
        "json": {"source_term": f"外贸{w.next_serial()}", "target_term": "foreign trade"}
    },
    ("api.qa_check", "POST"): lambda w, who: {
        "json": {"source": SOURCE, "target": "Exports grew 15.3%.", "source_lang": "zh", "target_lang": "en"}
    },
    ("api.export_article", "GET"): lambda w, who: {"query": {"format": "txt"}},
    ("api.list_glossary", "GET"): lambda w, who: {"query": {"source_lang": "zh", "target_lang": "en"}},
    ("api.glossary_matches", "GET"): lambda w, who: {
        "query": {"source_lang": "zh", "target_lang": "en", "text": "外贸"}
    },
    ("api.tm_concordance", "GET"): lambda w, who: {
        "query": {"source_lang": "zh", "target_lang": "en", "q": "出口"}
    },
    ("api.tm_matches", "GET"): lambda w, who: {
        "query": {"source_lang": "zh", "target_lang": "en", "text": "出口增长1。"}
    },
}
# Routes anyone may use without signing in.
PUBLIC_ENDPOINTS = {
    "api.openapi",
    "auth.login",
    "auth.logout",
    "main.healthz",
    "main.set_language",
    "main.index",
}
# Requests that end the principal's own sessions and tokens: sent from a spare sign-in, then renewed.
ENDS_OWN_SESSIONS = {("auth.logout", "POST"), ("account.change_password", "POST")}


def _url(rule: Any, world: World) -> str:
    from flask import url_for

    values = {name: world.ids[name] for name in rule.arguments}
    with world.app.test_request_context():
        return url_for(rule.endpoint, **values)


def _send(world: World, rule: Any, method: str, who: str) -> int:
    """Send one well-formed request as ``who``; return the status.

    A request without a valid sign-in to a non-public route must be turned away before anything happens:
    401 problem+json from the API, a redirect to the sign-in page from the web.
    """
    spec = REQUESTS.get((rule.endpoint, method), lambda w, p: {})(world, who)
    is_api = rule.endpoint.startswith("api.")
    headers: dict[str, str] = {}
    client = world.anonymous
    csrf = world.anonymous_csrf
    if who == "revoked_token":
        headers["Authorization"] = f"Bearer {world.revoked_token}"
    elif who != "anonymous" and is_api:
        headers["Authorization"] = f"Bearer {world.tokens[who]}"
    elif who != "anonymous":
        client, csrf = world.clients[who], world.csrf[who]
        if (rule.endpoint, method) in ENDS_OWN_SESSIONS:
            client = sign_in(world.app, who)
            csrf = client.csrf_token("/account/")
    if (rule.endpoint, method) == ("auth.login", "POST"):
        if client is world.anonymous:
            client = world.app.test_client()
            csrf = client.csrf_token("/auth/login")
        spec = {"form": {"username": "translator2", "password": PASSWORDS["translator2"]}}
    kwargs: dict[str, Any] = {"headers": headers, "query_string": spec.get("query")}
    if "json" in spec:
        kwargs["json"] = spec["json"]
    elif method != "GET" and not is_api:
        data = dict(spec.get("form", {}), csrf_token=csrf)
        data.update(spec.get("files", {}))
        kwargs["data"] = data
        kwargs["content_type"] = "multipart/form-data" if "files" in spec else None
    response = client.open(_url(rule, world), method=method, **kwargs)
    if who in ("anonymous", "revoked_token") and rule.endpoint not in PUBLIC_ENDPOINTS:
        if is_api:
            assert response.status_code == 401 and response.mimetype == "application/problem+json", rule.rule
        else:
            assert response.status_code == 302, rule.rule
            assert response.headers["Location"].startswith("/auth/login"), rule.rule
    return response.status_code


def _cells(app) -> list[tuple[Any, str]]:
    cells = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if rule.rule in SKIPPED_RULES:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            cells.append((rule, method))
    return cells


def _matches(expected: Any, status: int) -> bool:
    return status in expected if isinstance(expected, set | frozenset) else status == expected


def test_every_route_answers_every_principal_as_the_table_says(world: World, capsys) -> None:
    cells = _cells(world.app)
    missing = [f"{m} {r.rule}" for r, m in cells if (m, r.rule) not in matrix.MATRIX]
    stale = sorted(set(matrix.MATRIX) - {(m, r.rule) for r, m in cells})
    observed: dict[tuple[str, str], list[int]] = {}
    wrong: list[str] = []
    checked = 0
    for rule, method in cells:
        statuses = []
        for who in PRINCIPALS:
            status = _send(world, rule, method, who)
            statuses.append(status)
            if method != "GET" and status < 400:
                world.rebuild()  # the request may have changed or deleted an object: aim the next one afresh
                if (rule.endpoint, method) in ENDS_OWN_SESSIONS and who in world.clients:
                    world.refresh_principal(who)
        observed[(method, rule.rule)] = statuses
        expected_row = matrix.MATRIX.get((method, rule.rule))
        if expected_row is None:
            continue
        for who, expected, status in zip(PRINCIPALS, expected_row, statuses, strict=True):
            checked += 1
            if not _matches(expected, status):
                wrong.append(f"{method} {rule.rule} as {who}: expected {expected}, got {status}")
    if os.environ.get("COPYDESK_AUTHZ_RECORD"):
        with capsys.disabled():
            for (method, path), statuses in observed.items():
                print(f"    ({method!r}, {path!r}): ({', '.join(map(str, statuses))}),")
    report_figure(
        capsys, f"authorization matrix: {checked:,} cells checked over {len(cells)} rule/method pairs"
    )
    assert not missing, "routes without a row in authz_matrix.py: " + ", ".join(missing)
    assert not stale, f"rows for routes that no longer exist: {stale}"
    assert not wrong, "\n".join(wrong)


def test_another_translator_cannot_save_into_an_article_assigned_to_someone_else(world: World) -> None:
    who = "translator2"
    world.rebuild()
    response = world.anonymous.put(
        f"/api/v1/articles/{world.ids['article_id']}/segments/{world.ids['segment_id']}",
        json={"target": "Hijacked.", "version": world.segment_version(), "status": "translated"},
        headers={"Authorization": f"Bearer {world.tokens[who]}"},
    )
    assert response.status_code in (403, 404, 409)
    assert response.mimetype == "application/problem+json"
    from workflow.extensions import db
    from workflow.models import Segment

    db.session.rollback()
    assert db.session.get(Segment, world.ids["segment_id"]).target != "Hijacked."


def test_translator_cannot_mark_a_segment_reviewed_through_the_api(world: World) -> None:
    world.rebuild()
    response = world.anonymous.put(
        f"/api/v1/articles/{world.ids['article_id']}/segments/{world.ids['segment_id']}",
        json={"target": "Exports grew.", "version": world.segment_version(), "status": "reviewed"},
        headers={"Authorization": f"Bearer {world.tokens['translator']}"},
    )
    assert response.status_code == 403
    assert response.get_json()["status"] == 403


def test_demotion_takes_effect_on_the_next_request(world: World) -> None:
    from workflow.services import accounts

    admin = world.user("admin")
    n = world.next_serial()
    victim = accounts.create_user(
        accounts.NewUser(
            username=f"demoted{n}", email=f"demoted{n}@example.com", password="Granite-Orbit-77", role="admin"
        ),
        actor=admin,
    )
    session = sign_in(world.app, victim.username, "Granite-Orbit-77")
    _row, token = accounts.create_token(victim.id, "demotion", actor=None)
    bearer = {"Authorization": f"Bearer {token}"}
    assert session.get("/admin/users").status_code == 200
    assert world.anonymous.get("/api/v1/me", headers=bearer).get_json()["role"] == "admin"
    accounts.change_role(victim.id, "translator", actor=admin)
    assert session.get("/admin/users").status_code == 403
    assert world.anonymous.get("/api/v1/me", headers=bearer).get_json()["role"] == "translator"
    term = world.ids["term_id"]
    assert world.anonymous.delete(f"/api/v1/glossary/{term}", headers=bearer).status_code == 403


def test_web_action_refused_changes_nothing(world: World) -> None:
    """The article page's buttons flash a refusal and redirect; the article must stay as it was."""
    from workflow.extensions import db
    from workflow.models import Article, ArticleEvent

    world.rebuild()
    article_id = world.ids["article_id"]
    events_before = db.session.execute(
        db.select(db.func.count()).select_from(ArticleEvent).where(ArticleEvent.article_id == article_id)
    ).scalar()
    for who in ("translator", "translator2"):
        world.clients[who].post(
            f"/articles/{article_id}/action",
            data={"action": "assign", "translator": who, "editor": "editor", "csrf_token": world.csrf[who]},
        )
    db.session.rollback()
    article = db.session.get(Article, article_id)
    assert article.translator_id == world.user_ids["translator"]
    events_after = db.session.execute(
        db.select(db.func.count()).select_from(ArticleEvent).where(ArticleEvent.article_id == article_id)
    ).scalar()
    assert events_after == events_before
