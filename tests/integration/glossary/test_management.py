"""Managing the glossary: proposals and their review, admin create/edit/delete with history and audit."""

from __future__ import annotations

import pytest

from workflow.extensions import db
from workflow.glossary.terms import TermData
from workflow.models import AuditEntry, Term, TermRevision
from workflow.services import glossary

from .conftest import bearer, term_rows


def audit_actions() -> list[str]:
    db.session.rollback()
    actions = db.session.execute(db.select(AuditEntry.action).order_by(AuditEntry.id)).scalars()
    return [action for action in actions if action.startswith("glossary.")]


def test_translator_proposes_from_the_editor_and_admin_approves(client, users):
    response = client.post(
        "/api/v1/glossary/proposals",
        json={
            "source_lang": "zh",
            "target_lang": "en",
            "source_term": "城东U谷",
            "target_term": "Chengdong U Valley",
        },
        headers=bearer(users, "translator"),
    )
    assert response.status_code == 201, response.get_json()
    term_id = response.get_json()["id"]
    assert response.get_json()["status"] == "proposed"
    assert response.get_json()["created_by"] == "translator"

    # Proposed terms are highlighted for everyone but not enforced by the checks.
    assert glossary.get_matcher("zh", "en").find("城东U谷") == []
    found = client.get(
        "/api/v1/glossary/matches",
        query_string={"source_lang": "zh", "target_lang": "en", "text": "走进城东U谷"},
        headers=bearer(users, "editor"),
    ).get_json()
    assert [(m["term_id"], m["start"], m["end"], m["status"]) for m in found] == [(term_id, 2, 6, "proposed")]

    # The admin sees it in the proposals queue and approves it.
    client.post_form("/auth/login", {"username": "admin", "password": "Summit-Keystone-42"})
    queue = client.get("/glossary/?status=proposed").get_data(as_text=True)
    assert "城东U谷" in queue and 'data-testid="proposal-count">1<' in queue
    response = client.post_form(f"/glossary/{term_id}/approve", {}, token_from="/glossary/")
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.get(Term, term_id).status == "approved"
    assert [m.term_id for m in glossary.get_matcher("zh", "en").find("走进城东U谷")] == [term_id]
    assert audit_actions() == ["glossary.create", "glossary.approve"]


def test_duplicate_proposal_is_refused_with_a_conflict(client, users):
    glossary.create_term("zh", "en", TermData("片区", "area"), actor=users["admin"])
    response = client.post(
        "/api/v1/glossary/proposals",
        json={"source_lang": "zh", "target_lang": "en", "source_term": " 片区 ", "target_term": "zone"},
        headers=bearer(users, "translator"),
    )
    assert response.status_code == 409 and response.mimetype == "application/problem+json"
    assert len(term_rows()) == 1


def test_admin_crud_keeps_history_and_audit(client, users):
    headers = bearer(users, "admin")
    created = client.post(
        "/api/v1/glossary",
        json={
            "source_lang": "zh-CN",
            "target_lang": "en",
            "source_term": "一带一路",
            "target_term": "Belt and Road",
            "variants": ["BRI"],
            "forbidden": ["One Belt One Road"],
            "domain": "policy",
            "note": "NDRC guidance",
        },
        headers=headers,
    )
    assert created.status_code == 201, created.get_json()
    term = created.get_json()
    assert (term["source_lang"], term["forbidden"], term["created_by"]) == (
        "zh",
        ["One Belt One Road"],
        "admin",
    )

    updated = client.put(
        f"/api/v1/glossary/{term['id']}",
        json={"source_term": "一带一路", "target_term": "Belt and Road Initiative", "variants": ["BRI"]},
        headers=headers,
    )
    assert updated.status_code == 200 and updated.get_json()["target_term"] == "Belt and Road Initiative"
    detail = client.get(f"/api/v1/glossary/{term['id']}", headers=headers).get_json()
    assert [h["action"] for h in detail["history"]] == ["update", "create"]
    assert detail["history"][1]["snapshot"]["target_term"] == "Belt and Road"

    assert client.delete(f"/api/v1/glossary/{term['id']}", headers=headers).status_code == 204
    assert term_rows() == []
    revisions = db.session.execute(db.select(TermRevision.action).order_by(TermRevision.id)).scalars().all()
    assert revisions == ["create", "update", "delete"]  # the history outlives the term
    assert audit_actions() == ["glossary.create", "glossary.update", "glossary.delete"]


def test_web_form_edit_shows_history(client, auth, users):
    term = glossary.create_term("zh", "en", TermData("海关", "customs"), actor=users["admin"])
    auth.login("admin")
    response = client.post_form(
        f"/glossary/{term.id}/edit",
        {
            "source_term": "海关",
            "target_term": "Customs",
            "variants": "customs authority\nGACC",
            "status": "approved",
            "source_lang": "zh",
            "target_lang": "en",
        },
        token_from=f"/glossary/{term.id}/edit",
    )
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.get(Term, term.id).variants == ["customs authority", "GACC"]
    page = client.get(f"/glossary/{term.id}").get_data(as_text=True)
    assert "Edited" in page and "Created" in page and "customs authority; GACC" in page


def test_invalid_term_is_refused_with_field_errors(client, users):
    response = client.post(
        "/api/v1/glossary",
        json={
            "source_lang": "zh",
            "target_lang": "en",
            "source_term": "海关",
            "target_term": "customs",
            "forbidden": ["Customs"],
        },
        headers=bearer(users, "admin"),
    )
    assert response.status_code == 422 and "forbidden" in response.get_json()["detail"]
    assert term_rows() == []


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        (
            "post",
            "/api/v1/glossary",
            {"source_lang": "zh", "target_lang": "en", "source_term": "海关", "target_term": "x"},
        ),
        ("put", "/api/v1/glossary/{id}", {"source_term": "海关", "target_term": "x"}),
        ("delete", "/api/v1/glossary/{id}", None),
        ("post", "/api/v1/glossary/{id}/approve", None),
    ],
)
@pytest.mark.parametrize("role", ["translator", "editor"])
def test_non_admins_get_403_on_admin_api_actions(client, users, method, path, body, role):
    term = glossary.propose_term("zh", "en", TermData("海关总署", "GACC"), actor=users["translator"])
    before = term_rows()
    response = getattr(client, method)(path.format(id=term.id), json=body, headers=bearer(users, role))
    assert response.status_code == 403 and response.mimetype == "application/problem+json"
    assert term_rows() == before


@pytest.mark.parametrize("path", ["/glossary/{id}/edit", "/glossary/import"])
def test_non_admins_get_403_on_admin_pages(client, auth, users, path):
    term = glossary.propose_term("zh", "en", TermData("海关总署", "GACC"), actor=users["translator"])
    auth.login("translator")
    assert client.get(path.format(id=term.id)).status_code == 403
    denied = client.post_form(f"/glossary/{term.id}/delete", {}, token_from="/glossary/")
    assert denied.status_code == 403 and len(term_rows()) == 1


def test_translator_proposes_through_the_web_form(client, auth):
    auth.login("translator")
    response = client.post_form(
        "/glossary/new",
        {
            "source_lang": "zh",
            "target_lang": "en",
            "source_term": "隐形冠军",
            "target_term": "hidden champion",
            "status": "approved",
        },
        token_from="/glossary/new",
    )
    assert response.status_code == 302
    assert term_rows() == [
        ("zh", "en", "隐形冠军", "hidden champion", "proposed")
    ]  # status not theirs to choose


def test_search_filters_and_paginates(client, auth, users, app):
    for number in range(30):
        glossary.create_term(
            "zh",
            "en",
            TermData(f"术语{number:02d}", f"term {number}", domain="trade" if number % 2 else "customs"),
            actor=None,
        )
    glossary.propose_term(
        "zh", "en", TermData("保税区", "bonded zone", domain="customs"), actor=users["translator"]
    )
    api = client.get(
        "/api/v1/glossary",
        query_string={
            "source_lang": "zh",
            "target_lang": "en",
            "domain": "customs",
            "per_page": 10,
            "page": 2,
        },
        headers=bearer(users, "translator"),
    ).get_json()
    assert (api["total"], api["page"], api["pages"], len(api["items"])) == (16, 2, 2, 6)
    proposed = client.get(
        "/api/v1/glossary",
        query_string={"source_lang": "zh", "target_lang": "en", "status": "proposed"},
        headers=bearer(users, "translator"),
    ).get_json()
    assert [t["source_term"] for t in proposed["items"]] == ["保税区"]
    auth.login("translator")
    page = client.get("/glossary/?q=term+1&pair=zh-en").get_data(as_text=True)
    assert "术语01" in page and "术语12" in page and "术语02" not in page and "11 terms" in page
    assert "No terms match." in client.get("/glossary/?q=%25_").get_data(
        as_text=True
    )  # wildcards are literal
