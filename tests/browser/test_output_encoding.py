"""Script and HTML typed into any field stays text: no dialog fires, the payload shows literally.

Every user-entered field gets the same hostile string (a script element, an attribute breakout with an
``onerror`` handler and a ``javascript:`` URL): segment targets, comments, glossary terms and notes, style
rule messages, display names, article titles, token names, TM entries. A real Chromium then opens each page
that shows them, with a listener on ``dialog``; an ``alert`` anywhere fails the test. Exports stay inert too.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from workflow.extensions import db
from workflow.models import Segment, TmEntry
from workflow.services import accounts, rules
from workflow.services.articles import ArticleInput, import_article
from workflow.services.memory import pair_hash
from workflow.services.segments import SegmentSave, add_comment, save_segment
from workflow.services.transitions import ActionInput, take_action

pytestmark = pytest.mark.browser

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
PAYLOAD = f"{SCRIPT}{BREAKOUT}{JS_URL}"
SOURCE = "前三季度出口增长。进口下降。"
MT = "Exports grew in the first three quarters. Imports fell."
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


def _segments(article_id: int) -> list[Segment]:
    db.session.expire_all()
    return list(
        db.session.execute(
            db.select(Segment).where(Segment.article_id == article_id).order_by(Segment.position)
        ).scalars()
    )


def _article(users, *, title: str) -> int:
    article, _summary = import_article(
        ArticleInput(source_text=SOURCE, mt_text=MT, source_lang="zh", target_lang="en", title=title),
        actor=users["editor"],
    )
    take_action(
        article.id, ActionInput("assign", translator="translator", editor="editor"), actor=users["editor"]
    )
    for segment in _segments(article.id):
        save_segment(
            article.id,
            segment.id,
            SegmentSave(f"{PAYLOAD} exports", segment.version, "translated"),
            actor=users["translator"],
        )
    return article.id


@pytest.fixture
def hostile(app, users) -> dict[str, int]:
    """Every kind of user-entered text set to the payload; returns the ids of what shows it."""
    from workflow.glossary.terms import TermData
    from workflow.services import glossary

    accounts.update_preferences(users["translator"], locale=None, timezone=None, display_name=PAYLOAD)
    accounts.create_token(users["translator"].id, PAYLOAD[:100], actor=users["translator"])
    editing = _article(users, title=PAYLOAD)
    first = _segments(editing)[0]
    add_comment(editing, first.id, PAYLOAD, actor=users["translator"])
    reviewing = _article(users, title=f"Review {PAYLOAD}")
    take_action(reviewing, ActionInput("submit", override_reason=PAYLOAD), actor=users["translator"])
    term = glossary.create_term(
        "zh",
        "en",
        TermData(source_term="出口", target_term=PAYLOAD, note=PAYLOAD, forbidden=(f"{SCRIPT} exports",)),
        actor=users["admin"],
    )
    glossary.create_term(
        "zh",
        "en",
        TermData(source_term="进口", target_term=FORMULAS[0], note=FORMULAS[1], variants=tuple(FORMULAS[2:])),
        actor=users["admin"],
    )
    rules.create_custom_rule(
        rules.CustomRuleInput(rule_id="hostile-message", message=PAYLOAD, phrases=["exports"]),
        actor=users["admin"],
    )
    db.session.add(
        TmEntry(
            source_lang="zh",
            target_lang="en",
            source="前三季度出口增长。",
            target=PAYLOAD,
            pair_hash=pair_hash("前三季度出口增长。", PAYLOAD),
            origin="import",
        )
    )
    db.session.commit()
    return {"editing": editing, "reviewing": reviewing, "term": term.id, "segment": first.id}


def _visit(page, path: str, dialogs: list[str], *, expect_text: bool = True) -> None:
    response = page.goto(path)
    assert response is not None and response.status < 400, f"{path}: {response and response.status}"
    csp = response.headers.get("content-security-policy", "")
    assert csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
    page.wait_for_load_state("networkidle")
    _assert_inert(page, path, dialogs, expect_text=expect_text)


def _assert_inert(page, path: str, dialogs: list[str], *, expect_text: bool = True) -> None:
    assert not dialogs, f"{path}: a script ran ({dialogs})"
    assert page.locator('img[src="x"]').count() == 0, f"{path}: the img payload became an element"
    assert page.locator('a[href^="javascript:"]').count() == 0, f"{path}: a javascript: link"
    assert page.evaluate("() => window.__copydeskHacked === undefined")
    if expect_text:
        assert SCRIPT in page.inner_text("body"), f"{path}: the payload is not shown as text"


def _watch(page) -> list[str]:
    dialogs: list[str] = []

    def record(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return dialogs


def test_payloads_stay_text_on_every_page(new_page, hostile):
    editing, reviewing = hostile["editing"], hostile["reviewing"]
    translator = new_page("translator")
    dialogs = _watch(translator)
    for path in (
        "/articles",
        "/my-work",
        f"/articles/{editing}",
        f"/articles/{editing}/post-editing",
        f"/articles/{editing}/qa",
        "/glossary/?source_lang=zh&target_lang=en",
        f"/glossary/{hostile['term']}",
        "/account/",
        "/memory/?q=出口&source_lang=zh&target_lang=en",
    ):
        _visit(translator, path, dialogs)

    _visit(translator, f"/articles/{editing}/edit", dialogs, expect_text=False)
    translator.wait_for_selector("#editor[data-ready=true]")
    target = translator.locator(f"#target-{hostile['segment']}")
    assert SCRIPT in target.input_value()
    target.focus()
    tabs = translator.locator("#panel-tabs [role=tab]")
    assert tabs.count() >= 2
    shown = []
    for index in range(tabs.count()):
        tabs.nth(index).click()
        translator.wait_for_load_state("networkidle")
        translator.wait_for_timeout(150)
        _assert_inert(translator, f"editor panel {index}", dialogs, expect_text=False)
        shown.append(translator.inner_text("#side-panel"))
    assert any(SCRIPT in text for text in shown), "no side panel showed the payload as text"

    editor = new_page("editor")
    dialogs = _watch(editor)
    _visit(editor, f"/articles/{reviewing}/edit", dialogs, expect_text=False)
    editor.wait_for_selector("#editor[data-ready=true]")
    _assert_inert(editor, "review editor", dialogs, expect_text=False)
    _visit(editor, f"/articles/{reviewing}", dialogs)

    admin = new_page("admin")
    dialogs = _watch(admin)
    for path in ("/rules", "/admin/users", "/admin/audit"):
        _visit(admin, path, dialogs)


def test_exports_keep_the_payload_inert(client, auth, hostile):
    auth.login("editor")
    article = hostile["editing"]
    html = client.get(f"/articles/{article}/export?format=html")
    assert html.status_code == 200
    body = html.get_data(as_text=True)
    assert SCRIPT not in body and "<img" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    for file_format in ("txt", "md"):
        response = client.get(f"/articles/{article}/export?format={file_format}")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert not response.mimetype.endswith("html")
    docx = client.get(f"/articles/{article}/export?format=docx")
    with zipfile.ZipFile(io.BytesIO(docx.data)) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document and SCRIPT not in document


def test_glossary_csv_export_neutralises_formulas(client, auth, hostile):
    import csv

    auth.login("editor")
    response = client.get("/glossary/export?format=csv&source_lang=zh&target_lang=en")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    cells = [cell for row in csv.reader(io.StringIO(response.get_data(as_text=True))) for cell in row]
    for formula in FORMULAS:
        assert formula not in cells, f"{formula} would run in a spreadsheet"
        assert any(cell.startswith("'") and formula in cell for cell in cells) or any(
            formula in cell and not cell.startswith(("=", "+", "-", "@")) for cell in cells
        ), formula
    assert all(not cell.startswith(("=", "+", "@")) for cell in cells)
