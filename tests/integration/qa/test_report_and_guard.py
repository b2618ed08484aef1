"""The article quality report, dismissing findings with a reason, and errors guarding submit and approve."""

from __future__ import annotations

from tests.integration.qa.conftest import bearer, segments_of
from workflow.extensions import db
from workflow.models import ArticleEvent, AuditEntry, FindingDismissal, Segment
from workflow.services import qa


def _numbers_finding(article):
    return next(i for i in qa.article_findings(article).items if i.finding.check == "numbers")


def test_report_groups_findings_by_check_with_counts_and_links(client, auth, article):
    auth.login("translator")
    response = client.get(f"/articles/{article.id}/qa")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Quality report" in html
    assert 'id="check-numbers"' in html and 'id="check-style"' in html and 'id="check-punctuation"' in html
    assert '<strong data-count="error">1</strong>' in html
    first = segments_of(article)[0]
    assert f"/articles/{article.id}/edit#seg-{first.id}" in html
    assert "<mark>13.56 billion</mark>" in html
    assert "Dismiss finding" not in html  # translators may read the report but not dismiss


def test_report_escapes_text_typed_by_users(client, auth, article):
    segment = segments_of(article)[1]
    segment.target = "We hired <script>alert(1)</script> talents."
    db.session.commit()
    auth.login("editor")
    html = client.get(f"/articles/{article.id}/qa").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_editor_dismisses_and_undismisses_a_finding(client, auth, users, article):
    item = _numbers_finding(article)
    auth.login("editor")
    response = client.post_form(
        f"/articles/{article.id}/qa/dismiss",
        {
            "segment_id": item.segment.id,
            "fingerprint": item.fingerprint,
            "reason": "The client wants the Chinese figure.",
        },
        token_from=f"/articles/{article.id}/qa",
    )
    assert response.status_code == 302
    db.session.rollback()
    dismissal = db.session.execute(db.select(FindingDismissal)).scalar_one()
    assert dismissal.dismissed_by_id == users["editor"].id and dismissal.check_id == "numbers"
    assert qa.count_blocking_findings(article) == 0
    html = client.get(f"/articles/{article.id}/qa").get_data(as_text=True)
    assert "The client wants the Chinese figure." in html and "Eddie Editor" in html

    client.post_form(
        f"/articles/{article.id}/qa/dismissals/{dismissal.id}/delete",
        {},
        token_from=f"/articles/{article.id}/qa",
    )
    db.session.rollback()
    assert db.session.execute(db.select(FindingDismissal)).first() is None
    assert qa.count_blocking_findings(article) == 1


def test_dismissal_needs_a_reason_and_an_editor(client, auth, article):
    item = _numbers_finding(article)
    auth.login("editor")
    response = client.post_form(
        f"/articles/{article.id}/qa/dismiss",
        {"segment_id": item.segment.id, "fingerprint": item.fingerprint, "reason": ""},
        token_from=f"/articles/{article.id}/qa",
    )
    assert response.status_code == 302
    assert "Give a reason" in client.get(f"/articles/{article.id}/qa").get_data(as_text=True)
    auth.logout()
    auth.login("translator")
    response = client.post_form(
        f"/articles/{article.id}/qa/dismiss",
        {"segment_id": item.segment.id, "fingerprint": item.fingerprint, "reason": "fine"},
        token_from=f"/articles/{article.id}/qa",
    )
    assert response.status_code == 403
    db.session.rollback()
    assert db.session.execute(db.select(FindingDismissal)).first() is None


def test_a_dismissal_survives_edits_elsewhere_but_not_a_change_of_the_flagged_text(app, users, article):
    item = _numbers_finding(article)
    qa.dismiss_finding(
        article.id, item.segment.id, item.fingerprint, "agreed with the client", actor=users["editor"]
    )
    segment = db.session.get(Segment, item.segment.id)
    segment.target = "In 2021, the park's output value reached 13.56 billion yuan."
    db.session.commit()
    assert _numbers_finding(article).dismissal is not None
    segment.target = "In 2021, the park's output value reached 13.65 billion yuan."
    db.session.commit()
    assert _numbers_finding(article).dismissal is None


def test_error_finding_blocks_submit_until_overridden(client, users, article):
    headers = bearer(users, "translator")
    url = f"/api/v1/articles/{article.id}/transitions"
    blocked = client.post(url, json={"action": "submit"}, headers=headers)
    assert blocked.status_code == 409
    blocking = {b["code"]: b for b in blocked.get_json()["blocking"]}
    assert blocking["error_findings"]["count"] == 1 and blocking["error_findings"]["overridable"] is True

    allowed = client.post(
        url, json={"action": "submit", "override_reason": "Figure confirmed by the client."}, headers=headers
    )
    assert allowed.status_code == 200 and allowed.get_json()["state"] == "editing"
    db.session.rollback()
    event = db.session.execute(db.select(ArticleEvent).where(ArticleEvent.action == "submit")).scalar_one()
    assert event.override_reason == "Figure confirmed by the client."
    audit = db.session.execute(
        db.select(AuditEntry).where(AuditEntry.action == "article.override")
    ).scalar_one()
    assert "error_findings" in audit.detail["guards"]


def test_fixing_the_error_lets_submit_through(client, users, article):
    segment = segments_of(article)[0]
    segment.target = "In 2021, the output value of the park reached 1.356 billion yuan."
    db.session.commit()
    response = client.post(
        f"/api/v1/articles/{article.id}/transitions",
        json={"action": "submit"},
        headers=bearer(users, "translator"),
    )
    assert response.status_code == 200
