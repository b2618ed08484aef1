"""Demo content for ``make run``: the Yichang article with its real MT draft, and a few shorter articles in
other states, so a newcomer sees the whole flow at once. Also loads the starter glossary when present.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workflow.extensions import db
from workflow.models import Article, Segment, User
from workflow.services.articles import ArticleInput, import_article
from workflow.services.segments import SegmentSave, save_segment
from workflow.services.transitions import ActionInput, take_action

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
DEMO_TITLE = "宜昌片区：“创新+”让生物医药发展迸发活力"

SHORT_ARTICLES = (
    (
        "前三季度湖北外贸进出口增长",
        "前三季度，湖北省外贸进出口总值5012.4亿元，同比增长12.5%。其中，出口3421.6亿元，增长15.3%。",
        "In the first three quarters, Hubei's total foreign trade import and export value was 501.24 billion "
        "yuan, a year-on-year increase of 12.5%. Among them, exports were 342.16 billion yuan, "
        "an increase of 15.3%.",
        "2023-10-20",
    ),
    (
        "中欧班列开行数量再创新高",
        "今年1—8月，中欧班列累计开行1.2万列。班列通达欧洲25个国家的200多个城市。",
        "From January to August this year, the China-Europe Railway Express has run a total of "
        "12,000 trains. "
        "The trains reach more than 200 cities in 25 European countries.",
        "2024-09-05",
    ),
    (
        "跨境电商综试区助力企业出海",
        "去年，全市跨境电商进出口额突破300亿元。一批本土品牌借助跨境电商平台走向海外市场。",
        "Last year, the city's cross-border e-commerce imports and exports exceeded 30 billion yuan. "
        "A number of local brands have entered overseas markets through cross-border e-commerce platforms.",
        "2024-03-12",
    ),
)


def _exists(title: str) -> bool:
    return db.session.execute(db.select(Article.id).where(Article.title == title)).first() is not None


def seed_demo_content(users: dict[str, User]) -> list[str]:
    """Create the demo articles once; return a line per thing created."""
    done: list[str] = []
    editor, translator = users["editor"], users["translator"]
    if not _exists(DEMO_TITLE):
        source = (DEMO_DIR / "yichang_zh.txt").read_text(encoding="utf-8")
        mt = (DEMO_DIR / "yichang_mt_en.txt").read_text(encoding="utf-8")
        article, summary = import_article(
            ArticleInput(
                title=DEMO_TITLE,
                source_text=source,
                mt_text=mt,
                source_lang="zh",
                target_lang="en",
                article_date=dt.date(2022, 8, 30),
                due_date=dt.date.today() + dt.timedelta(days=3),
                origin_url="",
                priority=2,
            ),
            actor=editor,
        )
        take_action(
            article.id,
            ActionInput("assign", translator=translator.username, editor=editor.username),
            actor=editor,
        )
        done.append(
            f"Demo article {article.id}: {summary.segments} segments, MT aligned ({summary.alignment_mode})."
        )
    states = ("new", "translating", "approved")
    for (title, source, mt, date), state in zip(SHORT_ARTICLES, states, strict=True):
        if _exists(title):
            continue
        article, _summary = import_article(
            ArticleInput(
                title=title,
                source_text=source,
                mt_text=mt,
                source_lang="zh",
                target_lang="en",
                article_date=date,
            ),
            actor=editor,
        )
        if state in ("translating", "approved"):
            take_action(article.id, ActionInput("claim"), actor=users["translator2"])
        if state == "approved":
            _finish(article.id, users["translator2"], editor)
        done.append(f"Demo article {article.id} ({state}): {title}")
    done.extend(_seed_glossary(users))
    return done


def _finish(article_id: int, translator: User, editor: User) -> None:
    """Confirm every segment, submit, review and approve (overriding checks: the demo MT is imperfect)."""
    for segment_id in db.session.execute(
        db.select(Segment.id).where(Segment.article_id == article_id)
    ).scalars():
        segment = db.session.get(Segment, segment_id)
        save_segment(
            article_id,
            segment.id,
            SegmentSave(segment.target, segment.version, "translated"),
            actor=translator,
        )
    take_action(article_id, ActionInput("submit", override_reason="Demo data"), actor=translator)
    for segment_id in db.session.execute(
        db.select(Segment.id).where(Segment.article_id == article_id)
    ).scalars():
        segment = db.session.get(Segment, segment_id)
        save_segment(
            article_id, segment.id, SegmentSave(segment.target, segment.version, "reviewed"), actor=editor
        )
    take_action(article_id, ActionInput("approve", override_reason="Demo data"), actor=editor)


def _seed_glossary(users: dict[str, User]) -> list[str]:
    try:
        from workflow.services.glossary import load_starter_glossary
    except ModuleNotFoundError as exc:
        if exc.name != "workflow.services.glossary":
            raise
        return []
    return load_starter_glossary(actor=users["admin"])
