"""Style rule administration: switching shipped rules, custom rules validated before saving, testing rules."""

from __future__ import annotations

from tests.integration.qa.conftest import bearer
from workflow import create_app
from workflow.extensions import db
from workflow.models import AuditEntry, CustomStyleRule, ShippedRuleSetting
from workflow.services import qa

RULES = "/rules"
VALID_RULE = {
    "rule_id": "synergy-buzz",
    "family": "buzzwords",
    "severity": "warning",
    "phrases": "synergy\nsynergies",
    "pattern": "",
    "message": "“%(match)s” is a buzzword; say what the firms do together.",
    "suggestions": "cooperation",
    "examples_match": "The synergy between the firms",
    "examples_clean": "The firms cooperate.",
    "enabled": "y",
}


def _style_ids(client, users, target):
    body = {"source": "测试", "target": target, "source_lang": "zh", "target_lang": "en"}
    api = client.application.test_client()  # a client without the admin's browser session
    findings = api.post("/api/v1/qa/check", json=body, headers=bearer(users, "translator")).get_json()[
        "findings"
    ]
    return {f.get("rule") for f in findings if f["check"] == "style"}


def test_only_admins_reach_the_rules(client, auth):
    auth.login("editor")
    assert client.get(RULES).status_code == 403
    auth.logout()
    auth.login("admin")
    page = client.get(RULES).get_data(as_text=True)
    assert "talents-countable" in page and "Switch off" in page


def test_list_filters_by_family_severity_and_search(client, auth):
    auth.login("admin")
    page = client.get(RULES, query_string={"family": "calque-rencai"}).get_data(as_text=True)
    assert "talents-countable" in page and "vitality-burst" not in page
    page = client.get(RULES, query_string={"q": "talents", "severity": "info"}).get_data(as_text=True)
    assert "talents-countable" not in page  # a warning


def test_switching_off_a_shipped_rule_removes_its_findings_at_once_in_every_app(client, auth, users, app):
    target = "We introduced 3,082 talents."
    assert "talents-countable" in _style_ids(client, users, target)
    other = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x" * 32,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "COPYDESK_QUEUE_PATH": app.config.get("COPYDESK_QUEUE_PATH"),
            "COPYDESK_RULES_RECHECK_SECONDS": 0,
        }
    )
    with other.app_context():
        ids = {m.rule.id for m in qa.build_context().style_rules.find(target)}
        assert "talents-countable" in ids
        db.session.remove()

    auth.login("admin")
    response = client.post_form(
        f"{RULES}/shipped/talents-countable/toggle", {"enabled": "0"}, token_from=RULES
    )
    assert response.status_code == 302
    assert "talents-countable" not in _style_ids(client, users, target)
    with other.app_context():
        assert "talents-countable" not in {m.rule.id for m in qa.build_context().style_rules.find(target)}
        db.session.remove()
        db.engine.dispose()

    db.session.rollback()
    assert db.session.get(ShippedRuleSetting, "talents-countable").enabled is False
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "rule.toggle")).scalar_one()
    client.post_form(f"{RULES}/shipped/talents-countable/toggle", {"enabled": "1"}, token_from=RULES)
    assert "talents-countable" in _style_ids(client, users, target)


def test_admin_creates_edits_disables_and_deletes_a_custom_rule(client, auth, users):
    auth.login("admin")
    response = client.post_form(f"{RULES}/new", VALID_RULE, token_from=f"{RULES}/new")
    assert response.status_code == 302
    assert "synergy-buzz" in _style_ids(client, users, "The synergy is clear.")
    db.session.rollback()
    row = db.session.execute(db.select(CustomStyleRule)).scalar_one()

    edited = {**VALID_RULE, "phrases": "", "pattern": r"\bsynerg(y|ies)\b", "severity": "info"}
    response = client.post_form(f"{RULES}/{row.id}/edit", edited, token_from=f"{RULES}/{row.id}/edit")
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.get(CustomStyleRule, row.id).pattern == r"\bsynerg(y|ies)\b"

    client.post_form(f"{RULES}/{row.id}/toggle", {"enabled": "0"}, token_from=RULES)
    assert "synergy-buzz" not in _style_ids(client, users, "The synergies are clear.")
    client.post_form(f"{RULES}/{row.id}/toggle", {"enabled": "1"}, token_from=RULES)
    assert "synergy-buzz" in _style_ids(client, users, "The synergies are clear.")

    client.post_form(f"{RULES}/{row.id}/delete", {}, token_from=RULES)
    assert "synergy-buzz" not in _style_ids(client, users, "The synergy is clear.")
    db.session.rollback()
    assert db.session.execute(db.select(CustomStyleRule)).first() is None
    actions = set(db.session.execute(db.select(AuditEntry.action)).scalars())
    assert {"rule.create", "rule.update", "rule.toggle", "rule.delete"} <= actions


def _refused(client, data, expected):
    response = client.post_form(f"{RULES}/new", {**VALID_RULE, **data}, token_from=f"{RULES}/new")
    assert response.status_code == 422
    assert expected in response.get_data(as_text=True)
    assert db.session.execute(db.select(CustomStyleRule)).first() is None


def test_catastrophic_and_unsupported_patterns_are_refused_before_saving(client, auth):
    auth.login("admin")
    _refused(client, {"phrases": "", "pattern": "(a+)+b"}, "nests quantifiers")
    _refused(client, {"phrases": "", "pattern": r"talent(?=s)"}, "lookahead")
    _refused(client, {"phrases": "", "pattern": "synergy("}, "not a valid RE2")
    _refused(client, {"phrases": "", "pattern": "a*"}, "match empty text")
    _refused(client, {"pattern": "synergy"}, "either phrases or a pattern")


def test_examples_are_enforced_on_save(client, auth):
    auth.login("admin")
    _refused(client, {"examples_match": "Working together"}, "does not match")
    _refused(client, {"examples_clean": "Synergy matters"}, "wrongly matches")


def test_shipped_ids_cannot_be_reused_and_shipped_rules_cannot_be_edited(client, auth):
    auth.login("admin")
    _refused(client, {"rule_id": "talents-countable"}, "shipped rule")
    assert client.get(f"{RULES}/talents-countable/edit").status_code == 404


def test_testing_a_draft_shows_escaped_highlights_without_saving(client, auth):
    auth.login("admin")
    data = {**VALID_RULE, "examples_match": "", "test_text": "<b>synergy</b> & synergies", "do": "test"}
    response = client.post_form(f"{RULES}/new", data, token_from=f"{RULES}/new")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '&lt;b&gt;<mark title="synergy-buzz" data-rule="synergy-buzz">synergy</mark>&lt;/b&gt;' in html
    assert db.session.execute(db.select(CustomStyleRule)).first() is None


def test_testing_the_rules_in_force(client, auth):
    auth.login("admin")
    response = client.post_form(
        f"{RULES}/test", {"text": "We recruited high-end talents."}, token_from=f"{RULES}/test"
    )
    html = response.get_data(as_text=True)
    assert "high-end-talent" in html and "<mark" in html


def test_recheck_all_articles_reports_counts(client, auth, article):
    auth.login("admin")
    response = client.post_form(f"{RULES}/recheck", {}, token_from=RULES)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 articles checked; 1 have errors." in page
    assert "Park output" in page
