"""Importing articles: segments with the MT attached sentence by sentence, and every kind of bad input."""

from __future__ import annotations

import io

import pytest
from docx import Document

from workflow.extensions import db
from workflow.models import Article, Segment


def test_demo_article_gets_its_mt_sentence_by_sentence(demo_article):
    segments = demo_article.segments
    assert len(segments) > 20
    assert demo_article.alignment_mode == "sentence"
    by_source = {s.source: s for s in segments}
    money = next(s for src, s in by_source.items() if "13.56亿元" in src)
    assert "1.356 billion yuan" in money.mt
    assert money.status == "mt" and money.target == money.mt
    talents = next(s for src, s in by_source.items() if "3082" in src)
    assert "3,082" in talents.mt
    assert segments[0].is_heading


def test_import_through_the_api_returns_segments(api):
    response = api("editor").post(
        "/api/v1/articles",
        {
            "title": "Test",
            "source_lang": "zh",
            "target_lang": "en",
            "source_text": "今年1至5月，出口增长15%。进口下降3%。\n\n第二段。",
            "mt_text": (
                "From January to May this year, exports grew 15%. Imports fell 3%.\n\nThe second paragraph."
            ),
            "article_date": "2024-06-10",
        },
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert [s["status"] for s in body["segments"]] == ["mt", "mt", "mt"]
    assert body["segments"][1]["mt"] == "Imports fell 3%."
    assert body["import_summary"]["from_mt"] == 3
    assert response.headers["Location"].endswith(f"/api/v1/articles/{body['id']}")


def test_source_language_is_detected_when_not_given(api):
    response = api("editor").post(
        "/api/v1/articles",
        {
            "title": "检测",
            "target_lang": "en",
            "source_text": "今年前三季度，湖北省外贸进出口总值同比增长百分之十二。",
        },
    )
    assert response.status_code == 201
    assert response.get_json()["source_lang"] == "zh"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "x", "target_lang": "en", "source_text": "   "}, "source_text"),
        (
            {"title": "x", "target_lang": "xx-nonsense", "source_text": "你好。", "source_lang": "zh"},
            "target_lang",
        ),
        (
            {
                "title": "x",
                "target_lang": "en",
                "source_text": "你好。",
                "source_lang": "zh",
                "article_date": "30/08/2022",
            },
            "article_date",
        ),
        ({"title": "x", "target_lang": "en", "source_text": 42}, "source_text"),
    ],
)
def test_bad_input_gets_a_problem_and_writes_nothing(api, payload, field):
    response = api("editor").post("/api/v1/articles", payload)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]
    assert db.session.execute(db.select(db.func.count(Article.id))).scalar_one() == 0


def test_text_above_the_limit_is_413(app, api):
    app.config["COPYDESK_MAX_ARTICLE_BYTES"] = 1000
    response = api("editor").post(
        "/api/v1/articles",
        {"title": "big", "target_lang": "en", "source_lang": "zh", "source_text": "好" * 400},
    )
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


def test_translators_may_not_import_unless_allowed(app, api):
    payload = {"title": "t", "target_lang": "en", "source_lang": "zh", "source_text": "你好。"}
    assert api("translator").post("/api/v1/articles", payload).status_code == 403
    app.config["COPYDESK_TRANSLATORS_MAY_IMPORT"] = True
    assert api("translator").post("/api/v1/articles", payload).status_code == 201


def _docx_bytes(*paragraphs: str, heading: str = "") -> bytes:
    document = Document()
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("filename", "content", "expected_segments"),
    [
        ("a.txt", "第一句。第二句。\n\n第三句。".encode(), 3),
        ("a.md", "# 标题\n\n第一句。第二句。".encode(), 3),
        ("a.html", "<h1>标题</h1><p>第一句。<script>alert(1)</script>第二句。</p>".encode(), 3),
        ("a.docx", _docx_bytes("第一句。第二句。", heading="标题"), 3),
    ],
)
def test_import_form_reads_each_file_type(client, auth, filename, content, expected_segments):
    auth.login("editor")
    response = client.post_form(
        "/articles/import",
        {
            "source_file": (io.BytesIO(content), filename),
            "source_lang": "zh",
            "target_lang": "en",
            "title": "F",
        },
        token_from="/articles/import",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-500:]
    db.session.rollback()
    article = db.session.execute(db.select(Article)).scalar_one()
    assert len(article.segments) == expected_segments
    assert all("alert" not in s.source for s in article.segments)


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("a.exe", b"MZ\x90\x00binary", "Upload a .txt"),
        ("a.txt", b"\x00\x01\x02\x03binary", "binary"),
        ("a.txt", "第一句。".encode("gbk"), "not UTF-8"),
        ("a.docx", b"PK\x03\x04 this is not really a docx", "docx"),
    ],
)
def test_import_form_refuses_bad_files_with_a_message(client, auth, filename, content, message):
    auth.login("editor")
    response = client.post_form(
        "/articles/import",
        {"source_file": (io.BytesIO(content), filename), "source_lang": "zh", "target_lang": "en"},
        token_from="/articles/import",
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.execute(db.select(db.func.count(Article.id))).scalar_one() == 0


def test_failure_halfway_leaves_no_partial_article(app, users, monkeypatch):
    from workflow.services import articles as service

    def explode(article, summary):
        raise RuntimeError("disk full")

    monkeypatch.setattr(service, "_pretranslate", explode)
    with pytest.raises(RuntimeError):
        service.import_article(
            service.ArticleInput(title="x", source_text="一句。两句。", target_lang="en", source_lang="zh"),
            actor=users["editor"],
        )
    assert db.session.execute(db.select(db.func.count(Article.id))).scalar_one() == 0
    assert db.session.execute(db.select(db.func.count(Segment.id))).scalar_one() == 0


def test_unequal_paragraph_counts_are_aligned_by_paragraph_and_said(api):
    response = api("editor").post(
        "/api/v1/articles",
        {
            "title": "p",
            "source_lang": "zh",
            "target_lang": "en",
            "source_text": "第一段第一句。第一段第二句。\n\n第二段。\n\n第三段。",
            "mt_text": (
                "Paragraph one, sentence one. Paragraph one, sentence two. Paragraph two. Paragraph three."
            ),
        },
    )
    body = response.get_json()
    assert body["alignment_mode"] == "paragraph"
    assert body["alignment_notes"]
