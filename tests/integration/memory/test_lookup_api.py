"""Fuzzy matches, the concordance and deletion as API clients and translators see them."""

from __future__ import annotations

from workflow.extensions import db
from workflow.models import AuditEntry, TmEntry, TmTombstone

ZH_STORED = "今年前7个月，宜昌市实现进出口总值156亿元，同比增长12%。"
EN_STORED = "In the first seven months, Yichang recorded imports and exports of 15.6 billion yuan, up 12%."


def test_chinese_match_is_scored_per_character_with_differences_shown(client, bearer, seed_memory):
    seed_memory([(ZH_STORED, EN_STORED), ("会议在北京举行。", "The meeting was held in Beijing.")])
    query = "今年前8个月，宜昌市实现进出口总值156亿元，同比增长12%。"
    response = client.get(
        "/api/v1/tm/matches",
        query_string={"source_lang": "zh", "target_lang": "en", "text": query},
        headers=bearer(),
    )
    assert response.status_code == 200
    matches = response.get_json()
    assert len(matches) == 1
    match = matches[0]
    assert {"source", "target", "score", "origin"} <= set(match)
    assert match["target"] == EN_STORED
    # one character of 28 (punctuation ignored) differs: 100 × (1 − 1/28) ≈ 96.4
    assert 95 < match["score"] < 97
    assert "<ins>8</ins>" in match["diff_html"] and "<del>7</del>" in match["diff_html"]
    assert match["number_differences"] == {"only_in_query": ["8"], "only_in_match": ["7"]}
    assert match["origin"]["kind"] == "import"


def test_english_match_is_scored_per_word(client, bearer, seed_memory):
    stored = "The port handled more containers than ever before this year"
    seed_memory([(stored, "今年港口集装箱吞吐量创历史新高")], source_lang="en", target_lang="zh")
    query = "The port handled more ships than ever before this year"  # one word of ten changed
    response = client.get(
        "/api/v1/tm/matches",
        query_string={"source_lang": "en", "target_lang": "zh", "text": query},
        headers=bearer(),
    )
    [match] = response.get_json()
    assert match["score"] == 90.0
    assert "<ins>ships</ins>" in match["diff_html"] and "<del>containers</del>" in match["diff_html"]


def test_below_the_threshold_nothing_is_suggested(app, client, bearer, seed_memory):
    seed_memory([("宜昌市举办跨境电商推介会。", "Yichang held a cross-border e-commerce fair.")])
    query = {"source_lang": "zh", "target_lang": "en", "text": "宜昌市举办光伏产业推介会。"}  # 4 of 11 differ
    assert client.get("/api/v1/tm/matches", query_string=query, headers=bearer()).get_json() == []
    app.config["COPYDESK_TM_THRESHOLD"] = 60
    [match] = client.get("/api/v1/tm/matches", query_string=query, headers=bearer()).get_json()
    assert 60 <= match["score"] < 70


def test_context_match_ranks_first_at_101(client, bearer, approved_article):
    approved_article(
        "第一句。重要的一句话。第三句。", ["First.", "Important sentence, in context.", "Third."]
    )
    approved_article("开头。重要的一句话。结尾。", ["Opening.", "Important sentence, elsewhere.", "Ending."])
    response = client.get(
        "/api/v1/tm/matches",
        query_string={
            "source_lang": "zh",
            "target_lang": "en",
            "text": "重要的一句话。",
            "context_prev": "第一句。",
            "context_next": "第三句。",
        },
        headers=bearer(),
    )
    matches = response.get_json()
    assert [m["score"] for m in matches] == [101, 100]
    assert matches[0]["target"] == "Important sentence, in context."
    assert matches[0]["context_match"] is True
    assert matches[0]["origin"]["article_title"]
    assert matches[0]["origin"]["author"] == "editor"


def test_concordance_finds_the_phrase_case_insensitively_and_highlights_it_escaped(
    client, bearer, seed_memory
):
    seed_memory(
        [
            ("外贸进出口增长。", "Foreign TRADE grew <fast>."),
            ("贸易顺差扩大。", "The trade surplus widened."),
            ("会议在北京举行。", "The meeting was held in Beijing."),
        ]
    )
    response = client.get(
        "/api/v1/tm/concordance",
        query_string={"source_lang": "zh", "target_lang": "en", "q": "trade"},
        headers=bearer(),
    )
    data = response.get_json()
    assert data["total"] == 2
    htmls = {item["target_html"] for item in data["items"]}
    assert "Foreign <mark>TRADE</mark> grew &lt;fast&gt;." in htmls
    assert "The <mark>trade</mark> surplus widened." in htmls
    chinese = client.get(
        "/api/v1/tm/concordance",
        query_string={"source_lang": "zh", "target_lang": "en", "q": "贸"},
        headers=bearer(),
    ).get_json()
    assert chinese["total"] == 2


def test_concordance_page_is_paginated_and_escapes_user_text(app, client, auth, seed_memory):
    seed_memory([(f"第{n}号<b>公告</b>。", f"Notice <b>{n}</b>.") for n in range(30)])
    auth.login("translator")
    html = client.get("/memory/?q=公告&source_lang=zh&target_lang=en").get_data(as_text=True)
    assert "30 entries contain" in html
    assert "&lt;b&gt;<mark>公告</mark>&lt;/b&gt;" in html
    assert "<b>公告" not in html
    assert 'aria-label="Pages"' in html
    assert "Delete" not in html  # translators cannot delete


def test_admin_deletes_an_entry_with_a_tombstone_and_it_is_no_longer_suggested(client, bearer, seed_memory):
    seed_memory([("会议在北京举行。", "The meeting was held in Beijing.")])
    query = {"source_lang": "zh", "target_lang": "en", "text": "会议在北京举行。"}
    [match] = client.get("/api/v1/tm/matches", query_string=query, headers=bearer()).get_json()
    assert client.delete(f"/api/v1/tm/{match['entry_id']}", headers=bearer("editor")).status_code == 403
    assert client.delete(f"/api/v1/tm/{match['entry_id']}", headers=bearer("admin")).status_code == 204
    db.session.rollback()
    assert db.session.get(TmEntry, match["entry_id"]) is None
    assert db.session.execute(db.select(TmTombstone.entry_id)).scalars().all() == [match["entry_id"]]
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "tm.delete")).scalar_one()
    assert client.get("/api/v1/tm/matches", query_string=query, headers=bearer()).get_json() == []
    missing = client.delete(f"/api/v1/tm/{match['entry_id']}", headers=bearer("admin"))
    assert missing.status_code == 404
    assert missing.headers["Content-Type"].startswith("application/problem+json")


def test_bad_lookups_are_problem_details(client, bearer):
    missing_text = client.get("/api/v1/tm/matches?source_lang=zh&target_lang=en", headers=bearer())
    assert missing_text.status_code == 422
    assert missing_text.get_json()["errors"] == {"text": "Required."}
    bad_limit = client.get(
        "/api/v1/tm/matches?source_lang=zh&target_lang=en&text=x&limit=abc", headers=bearer()
    )
    assert bad_limit.status_code == 422
    unknown = client.get(
        "/api/v1/tm/concordance?source_lang=xx-nope-1234&target_lang=en&q=a", headers=bearer()
    )
    assert unknown.status_code == 422
    assert client.get("/api/v1/tm/matches?source_lang=zh&target_lang=en&text=x").status_code == 401
