"""The editor's API routes: comments, segment history, review diffs, find & replace, bad saves."""

from __future__ import annotations

import pytest

from workflow.services import transitions
from workflow.services.articles import ArticleInput, import_article
from workflow.services.transitions import ActionInput


def sign_in(client, auth, username):
    """Sign in and return the JSON headers with the session's CSRF token."""
    auth.login(username)
    return {"X-CSRFToken": client.csrf_token("/account/")}


def put_target(client, headers, article, segment, target, **extra):
    body = {"target": target, "version": segment.version, **extra}
    return client.put(f"/api/v1/articles/{article.id}/segments/{segment.id}", json=body, headers=headers)


def test_comment_thread_reply_and_resolve(client, auth, article):
    headers = sign_in(client, auth, "editor")
    segment = article.segments[1]
    base = f"/api/v1/articles/{article.id}/comments"
    first = client.post(
        base, json={"segment_id": segment.id, "body": "Is 12.5% year on year?"}, headers=headers
    )
    assert first.status_code == 201
    root = first.get_json()
    reply = client.post(base, json={"body": "Yes, year on year.", "parent_id": root["id"]}, headers=headers)
    assert reply.status_code == 201
    assert reply.get_json()["segment_id"] == segment.id  # a reply joins its thread's segment

    listing = client.get(base).get_json()
    assert listing["unresolved"] == 2
    assert [c["parent_id"] for c in listing["items"]] == [None, root["id"]]
    assert listing["items"][0]["author"] == "editor"

    resolved = client.post(f"{base}/{root['id']}/resolve", json={"resolved": True}, headers=headers)
    assert resolved.status_code == 200
    assert resolved.get_json()["unresolved"] == 0  # resolving the thread resolves its replies
    reopened = client.post(f"{base}/{root['id']}/resolve", json={"resolved": False}, headers=headers)
    assert reopened.get_json()["unresolved"] == 1


def test_comment_without_csrf_token_is_refused(client, auth, article):
    auth.login("editor")
    response = client.post(f"/api/v1/articles/{article.id}/comments", json={"body": "hi"})
    assert response.status_code == 400
    assert client.get(f"/api/v1/articles/{article.id}/comments").get_json()["unresolved"] == 0


def test_empty_comment_is_refused_with_a_message(client, auth, article):
    headers = sign_in(client, auth, "editor")
    response = client.post(f"/api/v1/articles/{article.id}/comments", json={"body": "  "}, headers=headers)
    assert response.status_code == 422
    assert "comment" in response.get_json()["detail"].lower()


def test_history_lists_revisions_with_origins_and_diffs(client, auth, article):
    headers = sign_in(client, auth, "translator")
    segment = article.segments[0]
    first = put_target(client, headers, article, segment, "The Yichang area innovates.", origin="typed")
    assert first.status_code == 200
    second = client.put(
        f"/api/v1/articles/{article.id}/segments/{segment.id}",
        json={"target": segment.source, "version": first.get_json()["version"], "origin": "source"},
        headers=headers,
    )
    assert second.status_code == 200
    items = client.get(f"/api/v1/articles/{article.id}/segments/{segment.id}/history").get_json()["items"]
    assert [i["origin"] for i in items] == ["mt", "typed", "source"]
    assert items[0]["target"] == "Yichang area innovates."
    assert items[1]["author"] == "translator"
    assert items[1]["diff_html"] == "<ins>The </ins>Yichang area innovates."
    assert items[1]["at"]


def test_history_of_a_segment_of_another_article_is_not_found(client, auth, article, users):
    other, _summary = import_article(
        ArticleInput(source_text="另一篇文章。", target_lang="en", source_lang="zh", title="Other"),
        actor=users["editor"],
    )
    sign_in(client, auth, "editor")
    response = client.get(f"/api/v1/articles/{article.id}/segments/{other.segments[0].id}/history")
    assert response.status_code == 404


def test_review_diff_tracks_the_editors_changes_against_the_translators_text(client, auth, article, users):
    headers = sign_in(client, auth, "translator")
    segment = article.segments[1]
    confirmed = put_target(
        client,
        headers,
        article,
        segment,
        "Exports grew by 12.5% in the first seven months.",
        status="translated",
    )
    assert confirmed.status_code == 200
    transitions.take_action(
        article.id, ActionInput(action="submit", override_reason="test"), actor=users["translator"]
    )
    auth.logout()
    headers = sign_in(client, auth, "editor")
    edited = client.put(
        f"/api/v1/articles/{article.id}/segments/{segment.id}",
        json={
            "target": "Exports rose 12.5% in the first seven months.",
            "version": confirmed.get_json()["version"],
        },
        headers=headers,
    )
    assert edited.status_code == 200
    diff = client.get(f"/api/v1/articles/{article.id}/segments/{segment.id}/review-diff").get_json()
    assert diff["has_baseline"] is True
    assert "<del>grew by</del>" in diff["diff_html"]
    assert "<ins>rose</ins>" in diff["diff_html"]


def test_replace_preview_skips_reviewed_segments_unless_included(client, auth, article):
    headers = sign_in(client, auth, "editor")
    put_target(
        client, headers, article, article.segments[2], "The number of companies increased.", status="reviewed"
    )
    url = f"/api/v1/articles/{article.id}/replace"
    preview = client.post(
        url, json={"find": "the", "replace": "THE", "apply": False}, headers=headers
    ).get_json()
    assert [c["position"] for c in preview["changes"]] == [1]
    assert preview["skipped_reviewed"] == 1
    assert preview["applied"] is False
    assert "<ins>THE</ins>" in preview["changes"][0]["diff_html"]
    included = client.post(
        url, json={"find": "the", "replace": "THE", "include_reviewed": True}, headers=headers
    ).get_json()
    assert [(c["position"], c["status"]) for c in included["changes"]] == [(1, "mt"), (2, "reviewed")]


def test_replace_case_sensitive_matches_exact_case_only(client, auth, article):
    headers = sign_in(client, auth, "editor")
    url = f"/api/v1/articles/{article.id}/replace"
    result = client.post(
        url, json={"find": "the", "replace": "a", "case_sensitive": True}, headers=headers
    ).get_json()
    assert [c["after"] for c in result["changes"]] == [
        "In a first seven months of this year, exports grew by 12.5%."
    ]


def test_replace_apply_saves_each_segment_and_reports_conflicts(client, auth, article):
    headers = sign_in(client, auth, "editor")
    url = f"/api/v1/articles/{article.id}/replace"
    put_target(
        client, headers, article, article.segments[2], "The number of companies increased.", status="reviewed"
    )
    preview = client.post(
        url, json={"find": "increased", "replace": "rose", "include_reviewed": False}, headers=headers
    )
    assert preview.get_json()["changes"] == []  # the only match is reviewed
    preview = client.post(url, json={"find": "Yichang", "replace": "Yichang's"}, headers=headers).get_json()
    versions = {str(c["segment_id"]): c["version"] for c in preview["changes"]}
    # someone saves segment 0 after the preview: the replacement must not overwrite it
    segment = article.segments[0]
    put_target(client, headers, article, segment, "Yichang district innovates.")
    applied = client.post(
        url,
        json={"find": "Yichang", "replace": "Yichang's", "apply": True, "versions": versions},
        headers=headers,
    ).get_json()
    assert applied["applied"] is True
    assert applied["segments"] == []
    assert [c["segment_id"] for c in applied["conflicts"]] == [segment.id]
    assert client.get(f"/api/v1/articles/{article.id}").get_json()["segments"][0]["target"] == (
        "Yichang district innovates."
    )


def test_replace_apply_writes_revisions_with_origin_replace(client, auth, article):
    headers = sign_in(client, auth, "editor")
    url = f"/api/v1/articles/{article.id}/replace"
    applied = client.post(
        url, json={"find": "exports", "replace": "shipments", "apply": True}, headers=headers
    )
    body = applied.get_json()
    assert [s["target"] for s in body["segments"]] == [
        "In the first seven months of this year, shipments grew by 12.5%."
    ]
    assert body["segments"][0]["status"] == "draft"
    segment_id = body["segments"][0]["id"]
    history = client.get(f"/api/v1/articles/{article.id}/segments/{segment_id}/history").get_json()["items"]
    assert history[-1]["origin"] == "replace"


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"find": "", "replace": "x"}, 422, "find"),
        ({"find": "x" * 1001, "replace": "x"}, 422, "find"),
        ({"replace": "x"}, 422, "find"),
        ({"find": "a", "replace": "b", "versions": {"abc": 1}}, 422, "versions"),
    ],
)
def test_replace_bad_input_gets_a_clear_problem(client, auth, article, body, status, field):
    headers = sign_in(client, auth, "editor")
    body = {**body, "apply": "versions" in body}
    response = client.post(f"/api/v1/articles/{article.id}/replace", json=body, headers=headers)
    assert response.status_code == status
    assert field in response.get_json().get("errors", {})


def test_translator_cannot_replace_after_submitting(client, auth, article, users):
    transitions.take_action(
        article.id, ActionInput(action="submit", override_reason="test"), actor=users["translator"]
    )
    headers = sign_in(client, auth, "translator")
    response = client.post(
        f"/api/v1/articles/{article.id}/replace",
        json={"find": "the", "replace": "a", "apply": True},
        headers=headers,
    )
    assert response.status_code in {403, 404}


@pytest.mark.parametrize(
    ("make_body", "status"),
    [
        (
            lambda seg: {"target": "x" * 10001, "version": seg.version},
            422,
        ),  # longer than the configured limit
        (lambda seg: {"target": "text"}, 422),  # no version
        (lambda seg: {"target": "text", "version": seg.version + 5}, 409),  # stale version
    ],
)
def test_bad_saves_are_refused_and_nothing_changes(client, auth, article, make_body, status):
    headers = sign_in(client, auth, "translator")
    segment = article.segments[0]
    response = client.put(
        f"/api/v1/articles/{article.id}/segments/{segment.id}", json=make_body(segment), headers=headers
    )
    assert response.status_code == status
    assert response.get_json()["detail"]
    if status == 409:
        assert response.get_json()["target"] == "Yichang area innovates."
    current = client.get(f"/api/v1/articles/{article.id}").get_json()["segments"][0]
    assert current["target"] == "Yichang area innovates."


def test_save_to_a_segment_of_another_article_is_not_found(client, auth, article, users):
    other, _summary = import_article(
        ArticleInput(source_text="另一篇文章。", target_lang="en", source_lang="zh", title="Other"),
        actor=users["editor"],
    )
    headers = sign_in(client, auth, "translator")
    response = client.put(
        f"/api/v1/articles/{article.id}/segments/{other.segments[0].id}",
        json={"target": "x", "version": 1},
        headers=headers,
    )
    assert response.status_code == 404


def test_script_in_a_target_is_stored_as_text_and_escaped_in_diffs(client, auth, article):
    headers = sign_in(client, auth, "translator")
    segment = article.segments[0]
    payload = '<script>alert("x")</script> & <b>bold</b>'
    saved = put_target(client, headers, article, segment, payload)
    assert saved.get_json()["target"] == payload
    history = client.get(f"/api/v1/articles/{article.id}/segments/{segment.id}/history").get_json()["items"]
    assert "<script>" not in history[-1]["diff_html"]
    assert "&lt;script&gt;" in history[-1]["diff_html"]


def test_new_routes_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in (
        "/api/v1/articles/{article_id}/comments",
        "/api/v1/articles/{article_id}/comments/{comment_id}/resolve",
        "/api/v1/articles/{article_id}/segments/{segment_id}/history",
        "/api/v1/articles/{article_id}/segments/{segment_id}/review-diff",
        "/api/v1/articles/{article_id}/replace",
    ):
        assert path in paths
    assert paths["/api/v1/articles/{article_id}/replace"]["post"]["summary"].startswith("Find and replace")
