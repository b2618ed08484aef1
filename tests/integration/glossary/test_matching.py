"""Finding terms: the matches API with offsets, the cached matcher and its rebuild across processes."""

from __future__ import annotations

import time

from workflow import create_app
from workflow.extensions import db
from workflow.glossary.terms import TermData
from workflow.services import glossary

from .conftest import bearer

DEMO_SENTENCE = (
    "中央媒体自贸试验区采访团走进位于湖北自贸试验区宜昌片区生物产业园的城东U谷（宜昌生物医药孵化器）"
)


def matches(client, users, text: str, source_lang: str = "zh", target_lang: str = "en") -> list[dict]:
    response = client.get(
        "/api/v1/glossary/matches",
        query_string={"source_lang": source_lang, "target_lang": target_lang, "text": text},
        headers=bearer(users, "translator"),
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_demo_sentence_shows_the_starter_terms(client, users):
    assert glossary.load_starter_glossary(actor=users["admin"])
    assert glossary.load_starter_glossary(actor=users["admin"]) == []  # idempotent
    found = matches(client, users, DEMO_SENTENCE)
    spans = [(m["source_term"], m["start"], m["end"]) for m in found]
    assert ("自贸试验区", 4, 9) in spans
    assert ("片区", 25, 27) in spans
    assert ("孵化器", 44, 47) in spans
    for match in found:
        assert DEMO_SENTENCE[match["start"] : match["end"]] == match["source_term"]
        assert {
            "term_id",
            "source_term",
            "target_term",
            "start",
            "end",
            "variants",
            "note",
            "do_not_translate",
        } <= set(match)
    assert (
        next(m for m in found if m["source_term"] == "自贸试验区")["target_term"] == "pilot free trade zone"
    )


def test_offsets_are_characters_and_english_sources_match_inflections(client, users):
    glossary.create_term("en", "de", TermData("tax rebate", "Steuerrückerstattung"), actor=None)
    text = "😀 Export tax rebates rose."
    found = matches(client, users, text, "en", "de")
    assert [(m["start"], m["end"], m["text"]) for m in found] == [(9, 20, "tax rebates")]
    assert text[9:20] == "tax rebates"


def test_matches_api_validates_its_input(client, users):
    missing = client.get(
        "/api/v1/glossary/matches", query_string={"text": "x"}, headers=bearer(users, "translator")
    )
    assert missing.status_code == 422 and missing.mimetype == "application/problem+json"
    unknown = client.get(
        "/api/v1/glossary/matches",
        query_string={"source_lang": "xx", "target_lang": "en", "text": "x"},
        headers=bearer(users, "translator"),
    )
    assert unknown.status_code == 422
    assert client.get("/api/v1/glossary/matches?source_lang=zh&target_lang=en&text=x").status_code == 401


def test_cached_matcher_is_reused_and_rebuilt_after_a_change(app, users):
    glossary.create_term("zh", "en", TermData("海关", "customs"), actor=None)
    first = glossary.get_matcher("zh", "en")
    assert glossary.get_matcher("zh", "en") is first  # nothing changed: the same compiled matcher
    glossary.create_term("zh", "en", TermData("海关总署", "General Administration of Customs"), actor=None)
    second = glossary.get_matcher("zh", "en")
    assert second is not first
    assert [m.source_term for m in second.find("海关总署发布")] == ["海关总署"]


def test_a_second_server_process_sees_the_change(app, users):
    other = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "another-test-secret",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "COPYDESK_QUEUE_PATH": app.config["COPYDESK_QUEUE_PATH"],
            "COPYDESK_GLOSSARY_CACHE_SECONDS": 0.2,
        }
    )
    glossary.create_term("zh", "en", TermData("海关", "customs"), actor=None)
    with other.app_context():
        stale = glossary.get_matcher("zh", "en")
        assert len(stale) == 1
        db.session.remove()
    # This process changes the glossary; the other one only sees the counter in the shared database.
    glossary.create_term("zh", "en", TermData("保税区", "bonded zone"), actor=None)
    with other.app_context():
        assert glossary.get_matcher("zh", "en") is stale  # within the 0.2 s window: no query at all
        time.sleep(0.25)
        fresh = glossary.get_matcher("zh", "en")
        assert fresh is not stale and [m.target_term for m in fresh.find("保税区")] == ["bonded zone"]
        assert glossary.get_matcher("zh", "en") is fresh
        db.session.remove()
        db.engine.dispose()
