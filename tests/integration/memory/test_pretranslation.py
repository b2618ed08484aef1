"""Approved and reviewed translations come back: new articles are pretranslated from the memory."""

from __future__ import annotations

from workflow.extensions import db
from workflow.models import Segment, TmEntry, TmTombstone
from workflow.services import articles, segments
from workflow.services.articles import ArticleInput


def _segments(article_id):
    db.session.rollback()
    return list(
        db.session.execute(
            db.select(Segment).where(Segment.article_id == article_id).order_by(Segment.position)
        ).scalars()
    )


def test_approving_fills_the_memory_and_a_second_article_is_pretranslated(users, approved_article):
    approved_article(
        "宜昌市外贸持续增长。前7个月进出口总值156亿元。企业信心增强。",
        [
            "Yichang's foreign trade keeps growing.",
            "Trade reached 15.6 billion yuan.",
            "Companies are confident.",
        ],
    )
    stored = db.session.execute(db.select(TmEntry).order_by(TmEntry.id)).scalars().all()
    assert [e.target for e in stored] == [
        "Yichang's foreign trade keeps growing.",
        "Trade reached 15.6 billion yuan.",
        "Companies are confident.",
    ]
    assert stored[0].author.username == "editor" and stored[0].article_id is not None

    article, summary = articles.import_article(
        ArticleInput(
            source_text="宜昌市外贸持续增长。今年新设外资企业12家。企业信心增强。",
            source_lang="zh",
            target_lang="en",
            mt_text="Yichang trade grows. 12 new foreign firms this year. Firms confident.",
        ),
        actor=users["editor"],
    )
    assert (summary.segments, summary.from_tm, summary.from_mt, summary.fuzzy_tm) == (3, 2, 1, 0)
    rows = _segments(article.id)
    assert [s.status for s in rows] == ["tm", "mt", "tm"]
    assert [s.origin for s in rows] == ["tm", "mt", "tm"]
    assert rows[0].target == "Yichang's foreign trade keeps growing."
    assert rows[0].tm_entry_id == stored[0].id
    assert rows[1].target == "12 new foreign firms this year."


def test_fuzzy_pretranslation_is_off_by_default_and_fills_only_segments_without_mt(app, users, seed_memory):
    seed_memory([("宜昌市外贸持续快速增长。", "Yichang's foreign trade keeps growing fast.")])
    text = "宜昌市外贸持续稳定增长。"
    _article, summary = articles.import_article(
        ArticleInput(source_text=text, source_lang="zh", target_lang="en"), actor=users["editor"]
    )
    assert (summary.from_tm, summary.fuzzy_tm, summary.empty) == (0, 0, 1)
    app.config["COPYDESK_PRETRANSLATE_FUZZY"] = 75
    article, summary = articles.import_article(
        ArticleInput(source_text=text, source_lang="zh", target_lang="en"), actor=users["editor"]
    )
    assert (summary.from_tm, summary.fuzzy_tm, summary.empty) == (0, 1, 0)
    [row] = _segments(article.id)
    assert (row.status, row.target) == ("tm", "Yichang's foreign trade keeps growing fast.")
    _article, summary = articles.import_article(
        ArticleInput(source_text=text, source_lang="zh", target_lang="en", mt_text="Trade grows steadily."),
        actor=users["editor"],
    )
    assert (summary.fuzzy_tm, summary.from_mt) == (0, 1)


def test_a_reviewed_segment_is_remembered_once_with_its_latest_use(users, approved_article):
    article = approved_article("第一句。第二句。", ["First.", "Second."])
    assert db.session.execute(db.select(db.func.count()).select_from(TmEntry)).scalar() == 2
    first = db.session.execute(db.select(TmEntry).where(TmEntry.target == "First.")).scalar_one()
    used_before = first.last_used_at

    editor = users["editor"]
    second, _summary = articles.import_article(
        ArticleInput(
            source_text="第一句。第三句。", source_lang="zh", target_lang="en", mt_text="One. Three."
        ),
        actor=editor,
    )
    from workflow.services import transitions

    transitions.take_action(
        second.id, transitions.ActionInput("assign", translator="translator"), actor=editor
    )
    transitions.take_action(
        second.id, transitions.ActionInput("submit", override_reason="test"), actor=users["translator"]
    )
    row = _segments(second.id)[0]
    segments.save_segment(
        second.id,
        row.id,
        segments.SegmentSave(target="First.", version=row.version, status="reviewed"),
        actor=editor,
    )
    db.session.rollback()
    entries = db.session.execute(db.select(TmEntry).where(TmEntry.target == "First.")).scalars().all()
    assert len(entries) == 1  # the identical pair is stored once…
    assert entries[0].article_id == second.id != article.id  # …with its latest use
    assert entries[0].last_used_at >= used_before
    # the neighbour changed (第二句 → 第三句): other workers are told to re-read the entry's context
    assert db.session.execute(db.select(TmTombstone.entry_id)).scalars().all() == [entries[0].id]
