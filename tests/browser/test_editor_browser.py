"""The side-by-side editor in a real browser: autosave, conflicts, keyboard, read-only, review, comments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.articles import claimed_article
from workflow.extensions import db
from workflow.models import Article, Segment
from workflow.services import segments, transitions
from workflow.services.articles import ArticleInput, import_article
from workflow.services.segments import SegmentSave
from workflow.services.transitions import ActionInput

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture
def article(app, users):
    """An article claimed by the translator (translating), three segments with MT."""
    return claimed_article(users)


def segment_ids(article_id: int) -> list[int]:
    return list(
        db.session.execute(
            db.select(Segment.id).where(Segment.article_id == article_id).order_by(Segment.position)
        ).scalars()
    )


def current_segment(segment_id: int) -> Segment:
    db.session.expire_all()
    db.session.commit()  # end the test's read transaction so the server's writes are visible
    return db.session.get(Segment, segment_id)


def open_editor(page, article_id: int) -> None:
    page.goto(f"/articles/{article_id}/edit")
    page.wait_for_selector("#editor[data-ready=true]")


def test_typing_is_autosaved_and_survives_a_reload(new_page, article):
    page = new_page("translator")
    open_editor(page, article.id)
    first = segment_ids(article.id)[0]
    box = page.locator(f"#target-{first}")
    box.fill("The Yichang area is innovating.")
    page.wait_for_selector(f"#seg-{first}.save-saved")
    page.reload()
    page.wait_for_selector("#editor[data-ready=true]")
    assert box.input_value() == "The Yichang area is innovating."
    assert current_segment(first).status == "draft"


def test_two_people_editing_one_segment_see_the_conflict_and_keep_both_texts(new_page, article):
    first = segment_ids(article.id)[0]
    translator = new_page("translator")
    editor = new_page("editor")
    open_editor(translator, article.id)
    open_editor(editor, article.id)
    translator.locator(f"#target-{first}").fill("Translator's version.")
    translator.wait_for_selector(f"#seg-{first}.save-saved")
    editor.locator(f"#target-{first}").fill("Editor's version.")
    editor.wait_for_selector("#conflict-dialog[open]")
    assert editor.locator("#conflict-theirs").text_content() == "Translator's version."
    assert editor.locator("#conflict-mine").text_content() == "Editor's version."
    editor.fill("#conflict-merged", "Translator's version. Editor's version.")
    editor.click("#conflict-dialog [data-choice=merged]")
    editor.wait_for_selector(f"#seg-{first}.save-saved")
    assert current_segment(first).target == "Translator's version. Editor's version."


def test_ctrl_enter_confirms_and_moves_to_the_next_unconfirmed_segment(new_page, article):
    ids = segment_ids(article.id)
    page = new_page("translator")
    open_editor(page, article.id)
    page.locator(f"#target-{ids[0]}").click()
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"#seg-{ids[0]}[data-status=translated].save-saved")
    assert page.evaluate("document.activeElement.id") == f"target-{ids[1]}"
    assert page.locator("[data-count-for=translated]").text_content() == "1"
    page.keyboard.press("Control+ArrowUp")
    assert page.evaluate("document.activeElement.id") == f"target-{ids[0]}"
    assert current_segment(ids[0]).status == "translated"


def test_alt_m_copies_the_mt_and_escape_reverts(new_page, article):
    ids = segment_ids(article.id)
    page = new_page("translator")
    open_editor(page, article.id)
    box = page.locator(f"#target-{ids[1]}")
    box.fill("")
    page.wait_for_selector(f"#seg-{ids[1]}.save-saved")
    box.press("Alt+m")
    assert box.input_value() == "In the first seven months of this year, exports grew by 12.5%."
    box.press("Escape")
    assert box.input_value() == ""


def test_translator_cannot_type_after_submitting(new_page, article, users):
    transitions.take_action(
        article.id, ActionInput(action="submit", override_reason="test"), actor=users["translator"]
    )
    first = segment_ids(article.id)[0]
    page = new_page("translator")
    open_editor(page, article.id)
    assert page.locator("#readonly-banner").is_visible()
    box = page.locator(f"#target-{first}")
    box.click()
    page.keyboard.type("sneaky change")
    assert box.input_value() == "Yichang area innovates."
    assert current_segment(first).target == "Yichang area innovates."


def test_editor_sees_tracked_changes_against_the_translators_text(new_page, article, users):
    ids = segment_ids(article.id)
    segment = db.session.get(Segment, ids[1])
    segments.save_segment(
        article.id,
        ids[1],
        SegmentSave("Exports grew 12.5%.", segment.version, "translated"),
        actor=users["translator"],
    )
    transitions.take_action(
        article.id, ActionInput(action="submit", override_reason="test"), actor=users["translator"]
    )
    page = new_page("editor")
    open_editor(page, article.id)
    page.locator(f"#target-{ids[1]}").fill("Exports rose 12.5%.")
    page.wait_for_selector(f"#seg-{ids[1]}.save-saved")
    diff = page.locator(f"#seg-{ids[1]} .seg-diff")
    diff.locator("ins").wait_for()
    assert diff.locator("del").text_content() == "grew"
    assert diff.locator("ins").text_content() == "rose"


def test_a_comment_blocks_approval_until_resolved(new_page, article, users):
    for segment_id in segment_ids(article.id):
        segment = db.session.get(Segment, segment_id)
        segments.save_segment(
            article.id,
            segment_id,
            SegmentSave(segment.target, segment.version, "translated"),
            actor=users["translator"],
        )
    transitions.take_action(
        article.id, ActionInput(action="submit", override_reason="test"), actor=users["translator"]
    )
    for segment_id in segment_ids(article.id):
        segment = db.session.get(Segment, segment_id)
        segments.save_segment(
            article.id,
            segment_id,
            SegmentSave(segment.target, segment.version, "reviewed"),
            actor=users["editor"],
        )
    page = new_page("editor")
    open_editor(page, article.id)
    page.locator(f"#target-{segment_ids(article.id)[0]}").click()
    page.click("#tab-comments")
    page.fill("#new-comment", "Is this the official name of the area?")
    page.click("#add-comment")
    page.wait_for_selector("#unresolved-count:text('1')")
    page.click("[data-action=approve]")
    alert = page.locator("#action-alert")
    alert.wait_for(state="visible")
    assert "comments" in alert.text_content()
    page.click("#panel-body [data-resolve]")
    page.wait_for_selector("#unresolved-count:text('0')")
    page.click("[data-action=approve]")
    page.wait_for_url(re.compile(rf"/articles/{article.id}$"))
    db.session.expire_all()
    db.session.commit()
    assert db.session.get(Article, article.id).state == "approved"


LONG_SOURCE = [
    "宜昌片区：“创新+”让生物医药发展迸发活力",
    "湖北宜昌41度的烈日似火。中央媒体自贸试验区采访团走进位于湖北自贸试验区宜昌片区生物产业园的城东U谷。",
    "城东U谷是集创业孵化、企业加速、总部经济、服务配套于一体的生物医药专业孵化平台。园区聚焦“生物、医药、医疗器械”三大细分领域。",
    "今年前7个月，园区企业实现产值12.5亿元，同比增长23%。",
]
LONG_MT = [
    'Yichang area: "Innovation +" makes the development of biomedicine burst with vitality',
    "The 41-degree scorching sun in Yichang, Hubei Province was like fire. The Central Media Pilot "
    "Free Trade Zone interview team walked into the Chengdong U Valley located in the Bio-Industrial "
    "Park of the Yichang Area.",
    "Chengdong U Valley is a biomedical professional incubation platform integrating entrepreneurial "
    "incubation, enterprise acceleration, headquarters economy and service support. "
    "The park focuses on the three "
    'sub-sectors of "biology, medicine and medical devices".',
    "In the first seven months of this year, the enterprises in the park achieved an output value of 1.25 "
    "billion yuan, a year-on-year increase of 23%.",
]


def test_editor_layout_keeps_progress_visible_while_scrolling(new_page, users):
    source = "\n\n".join(LONG_SOURCE * 6)
    mt = "\n\n".join(LONG_MT * 6)
    created, _summary = import_article(
        ArticleInput(source_text=source, target_lang="en", source_lang="zh", mt_text=mt, title=LONG_MT[0]),
        actor=users["editor"],
    )
    transitions.take_action(created.id, ActionInput(action="claim"), actor=users["translator"])
    ids = segment_ids(created.id)
    segments.add_comment(created.id, ids[2], "Is 41 degrees Celsius?", actor=users["editor"])
    page = new_page("translator")
    open_editor(page, created.id)
    page.locator(f"#target-{ids[1]}").fill("In Yichang, Hubei, the sun blazed at 41 degrees.")
    page.wait_for_selector(f"#seg-{ids[1]}.save-saved")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"#seg-{ids[1]}[data-status=translated]")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "editor.png"))
    page.locator(f"#target-{ids[-1]}").focus()
    page.locator(f"#seg-{ids[-1]}").scroll_into_view_if_needed()
    header = page.locator(".editor-header").bounding_box()
    assert header is not None and 0 <= header["y"] < 60  # the progress header stays on screen
    assert page.locator(f"#seg-{ids[-1]}").get_attribute("class").count("is-active") == 1
    page.keyboard.press("?")  # typed into the target: no help
    assert not page.locator("#help-dialog").is_visible()
    page.locator(f"#seg-{ids[-1]} .seg-num").click()
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("?")
    assert page.locator("#help-dialog").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "editor-help.png"))
