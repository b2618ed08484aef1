"""The whole flow — claim → submit → reject → submit → approve → export — through the API and the pages."""

from __future__ import annotations

import io

import pytest
from docx import Document

from workflow.domain.segmentation import reassemble
from workflow.extensions import db
from workflow.models import AuditEntry, SegmentRevision


def _confirm_all(api_client, article_id: int, status: str) -> None:
    article = api_client.get(f"/api/v1/articles/{article_id}").get_json()
    for segment in article["segments"]:
        target = segment["target"] or f"Translation {segment['position']}."
        response = api_client.put(
            f"/api/v1/articles/{article_id}/segments/{segment['id']}",
            {"target": target, "version": segment["version"], "status": status},
        )
        assert response.status_code == 200, response.get_json()


def _act(api_client, article_id: int, action: str, **extra):
    return api_client.post(f"/api/v1/articles/{article_id}/transitions", {"action": action, **extra})


def test_full_run_through_the_api(api, demo_article):
    translator, editor = api("translator"), api("editor")
    article_id = demo_article.id
    assert _act(translator, article_id, "claim").get_json()["state"] == "translating"
    _confirm_all(translator, article_id, "translated")
    submitted = _act(translator, article_id, "submit", override_reason="MT numbers checked by hand")
    assert submitted.status_code == 200, submitted.get_json()
    assert submitted.get_json()["state"] == "editing"

    refused = _act(editor, article_id, "reject")
    assert refused.status_code == 409, refused.get_json()  # a comment is required
    assert (
        _act(editor, article_id, "reject", comment="Rewrite the headline.").get_json()["state"]
        == "translating"
    )
    assert _act(translator, article_id, "submit", override_reason="checked").get_json()["state"] == "editing"

    blocked = _act(editor, article_id, "approve")
    assert blocked.status_code == 409
    assert "unreviewed_segments" in {b["code"] for b in blocked.get_json()["blocking"]}
    _confirm_all(editor, article_id, "reviewed")
    approved = _act(editor, article_id, "approve", override_reason="quality findings reviewed")
    assert approved.status_code == 200, approved.get_json()
    assert approved.get_json()["state"] == "approved"

    events = translator.get(f"/api/v1/articles/{article_id}/events").get_json()
    assert [e["action"] for e in events] == ["import", "claim", "submit", "reject", "submit", "approve"]
    assert events[3]["comment"] == "Rewrite the headline."

    exported = translator.get(f"/api/v1/articles/{article_id}/export?format=txt")
    assert exported.status_code == 200
    article = editor.get(f"/api/v1/articles/{article_id}").get_json()
    expected = reassemble(
        [s["paragraph"] for s in article["segments"]], [s["target"] for s in article["segments"]], "en"
    )
    assert exported.get_data(as_text=True).strip() == expected.strip()
    assert "\n\n" in expected

    docx = editor.get(f"/api/v1/articles/{article_id}/export?format=docx")
    document = Document(io.BytesIO(docx.data))
    paragraphs = [p.text for p in document.paragraphs][1:]  # the first is the title
    assert paragraphs == [p for p in expected.split("\n\n") if p]


def test_full_run_through_the_pages(client, auth, api, demo_article):
    article_id = demo_article.id
    auth.login("translator")
    page = f"/articles/{article_id}"
    client.post_form(f"{page}/action", {"action": "claim"}, token_from=page)
    _confirm_all(api("translator"), article_id, "translated")
    client.post_form(f"{page}/action", {"action": "submit", "override_reason": "fine"}, token_from=page)
    auth.logout()
    auth.login("editor")
    client.post_form(
        f"{page}/action", {"action": "reject", "comment": "Tighten paragraph 2."}, token_from=page
    )
    auth.logout()
    auth.login("translator")
    client.post_form(f"{page}/action", {"action": "submit", "override_reason": "fine"}, token_from=page)
    auth.logout()
    auth.login("editor")
    _confirm_all(api("editor"), article_id, "reviewed")
    response = client.post_form(
        f"{page}/action", {"action": "approve", "override_reason": "reviewed"}, token_from=page
    )
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "Approved" in html and "Tighten paragraph 2." in html
    download = client.get(f"{page}/export?format=md")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment")
    events = api("editor").get(f"/api/v1/articles/{article_id}/events").get_json()
    assert [e["action"] for e in events] == ["import", "claim", "submit", "reject", "submit", "approve"]


def test_segment_save_conflict_keeps_both_texts(api, demo_article):
    translator = api("translator")
    _act(translator, demo_article.id, "claim")
    segment = demo_article.segments[1]
    segment_id, version = segment.id, segment.version
    url = f"/api/v1/articles/{demo_article.id}/segments/{segment_id}"
    first = translator.put(url, {"target": "First text.", "version": version})
    assert first.status_code == 200 and first.get_json()["version"] == version + 1
    again = translator.put(url, {"target": "First text, again.", "version": first.get_json()["version"]})
    assert again.status_code == 200  # the same user saving twice in a row: no false conflict
    stale = api("editor").put(url, {"target": "Editor's text.", "version": version})
    assert stale.status_code == 409
    body = stale.get_json()
    assert body["target"] == "First text, again." and body["version"] == version + 2
    revisions = (
        db.session.execute(
            db.select(SegmentRevision.target)
            .where(SegmentRevision.segment_id == segment_id)
            .order_by(SegmentRevision.id)
        )
        .scalars()
        .all()
    )
    assert revisions == ["First text.", "First text, again."]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"target": "x"}, 422),
        ({"target": "x", "version": "1"}, 422),
        ({"target": "x" * 20000, "version": 1}, 422),
        ({"target": "x", "version": 1, "status": "reviewed"}, 403),
    ],
)
def test_bad_saves_are_refused(api, demo_article, body, status):
    translator = api("translator")
    _act(translator, demo_article.id, "claim")
    segment = demo_article.segments[1]
    response = translator.put(f"/api/v1/articles/{demo_article.id}/segments/{segment.id}", body)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"


def test_save_into_a_segment_of_another_article_is_404(api, demo_article, users):
    from workflow.services.articles import ArticleInput, import_article

    other, _ = import_article(
        ArticleInput(title="o", source_text="别的。", target_lang="en", source_lang="zh"),
        actor=users["editor"],
    )
    editor = api("editor")
    response = editor.put(
        f"/api/v1/articles/{demo_article.id}/segments/{other.segments[0].id}", {"target": "x", "version": 1}
    )
    assert response.status_code == 404


def test_translator_cannot_edit_an_article_assigned_to_someone_else(api, demo_article):
    _act(api("translator2"), demo_article.id, "claim")
    segment = demo_article.segments[1]
    response = api("translator").put(
        f"/api/v1/articles/{demo_article.id}/segments/{segment.id}",
        {"target": "x", "version": segment.version},
    )
    assert response.status_code in {403, 404}


def test_four_eyes_rule_and_override_audit(app, api, demo_article, users):
    editor = api("editor")
    _act(editor, demo_article.id, "assign", translator="editor")
    _confirm_all(editor, demo_article.id, "translated")
    _act(editor, demo_article.id, "submit", override_reason="ok")
    _confirm_all(editor, demo_article.id, "reviewed")
    refused = _act(editor, demo_article.id, "approve", override_reason="ok")
    assert refused.status_code == 403
    assert "four-eyes" in refused.get_json()["detail"].lower()
    assert (
        _act(api("admin"), demo_article.id, "approve", override_reason="second pair of eyes").status_code
        == 200
    )


def test_four_eyes_rule_can_be_switched_off(app, api, demo_article):
    app.config["COPYDESK_FOUR_EYES"] = False
    editor = api("editor")
    _act(editor, demo_article.id, "assign", translator="editor")
    _confirm_all(editor, demo_article.id, "translated")
    _act(editor, demo_article.id, "submit", override_reason="ok")
    _confirm_all(editor, demo_article.id, "reviewed")
    assert _act(editor, demo_article.id, "approve", override_reason="ok").status_code == 200


def test_override_is_recorded_in_the_timeline_and_audit_log(api, demo_article):
    translator = api("translator")
    _act(translator, demo_article.id, "claim")
    _confirm_all(translator, demo_article.id, "translated")
    response = _act(translator, demo_article.id, "submit", override_reason="numbers double-checked")
    assert response.status_code == 200
    events = translator.get(f"/api/v1/articles/{demo_article.id}/events").get_json()
    submit = events[-1]
    db.session.rollback()
    overrides = (
        db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "article.override"))
        .scalars()
        .all()
    )
    if submit["override_reason"]:
        assert overrides and overrides[0].detail["reason"] == "numbers double-checked"


def test_empty_segment_blocks_submit_even_with_override(api, demo_article):
    translator = api("translator")
    _act(translator, demo_article.id, "claim")
    segment = demo_article.segments[2]
    translator.put(
        f"/api/v1/articles/{demo_article.id}/segments/{segment.id}",
        {"target": "", "version": segment.version},
    )
    response = _act(translator, demo_article.id, "submit", override_reason="please")
    assert response.status_code == 409
    assert [b["code"] for b in response.get_json()["blocking"]] == ["empty_segments"]


def test_list_search_and_filters(api, demo_article):
    editor = api("editor")
    found = editor.get("/api/v1/articles?q=13.56").get_json()
    assert found["total"] == 1 and found["items"][0]["id"] == demo_article.id
    assert editor.get("/api/v1/articles?q=1.356 billion").get_json()["total"] == 1  # searches the MT/targets
    assert editor.get("/api/v1/articles?state=approved").get_json()["total"] == 0
    assert editor.get("/api/v1/articles?q=nothing-like-this").get_json()["total"] == 0


def test_pages_render(client, auth, demo_article):
    auth.login("editor")
    for path in (
        "/my-work",
        "/articles",
        f"/articles/{demo_article.id}",
        "/articles/import",
        "/articles?overdue=1&q=宜昌",
    ):
        response = client.get(path)
        assert response.status_code == 200, path


def test_translator_sees_only_their_and_claimable_articles(api, demo_article, users):
    from workflow.services.articles import ArticleInput, import_article
    from workflow.services.transitions import ActionInput, take_action

    other, _ = import_article(
        ArticleInput(title="other", source_text="别的。", target_lang="en", source_lang="zh"),
        actor=users["editor"],
    )
    take_action(other.id, ActionInput("claim"), actor=users["translator2"])
    translator = api("translator")
    assert translator.get(f"/api/v1/articles/{other.id}").status_code == 404
    assert translator.get(f"/api/v1/articles/{demo_article.id}").status_code == 200  # claimable
    titles = {a["title"] for a in translator.get("/api/v1/articles").get_json()["items"]}
    assert titles == {demo_article.title}
