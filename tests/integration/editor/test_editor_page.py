"""The editor page and the "MT vs final" page as the server renders them."""

from __future__ import annotations

import os
import re

from workflow.services import segments, transitions
from workflow.services.segments import SegmentSave
from workflow.services.transitions import ActionInput


def test_editor_renders_one_row_per_segment_with_labelled_targets(client, auth, article):
    auth.login("translator")
    html = client.get(f"/articles/{article.id}/edit").get_data(as_text=True)
    assert html.count('class="form-control target-input"') == 3
    for number in (1, 2, 3):
        assert f'aria-label="Translation of segment {number}"' in html
    assert 'name="csrf-token"' in html
    assert 'id="editor-i18n"' in html and '"saving"' in html
    assert "para-start" in html  # the paragraph break before segment 2 is visible
    assert "readonly-banner" not in html
    assert '"confirmStatus": "translated"' in html


def test_editor_page_has_no_inline_script_or_style(client, auth, article):
    auth.login("translator")
    html = client.get(f"/articles/{article.id}/edit").get_data(as_text=True)
    assert " style=" not in html
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all('type="application/json"' in attributes for attributes in inline_scripts)


def test_editors_confirm_to_reviewed(client, auth, article):
    auth.login("editor")
    html = client.get(f"/articles/{article.id}/edit").get_data(as_text=True)
    assert '"confirmStatus": "reviewed"' in html


def test_translator_sees_read_only_after_submitting(client, auth, article, users):
    transitions.take_action(
        article.id, ActionInput(action="submit", override_reason="test"), actor=users["translator"]
    )
    auth.login("translator")
    html = client.get(f"/articles/{article.id}/edit").get_data(as_text=True)
    assert "readonly-banner" in html
    assert "translators can no longer change it" in html
    assert html.count(" readonly aria-readonly") == 3


def test_review_mode_shows_tracked_changes_against_the_translators_text(client, auth, article, users):
    segment = article.segments[1]
    saved = segments.save_segment(
        article.id,
        segment.id,
        SegmentSave("Exports grew 12.5%.", segment.version, "translated"),
        actor=users["translator"],
    )
    transitions.take_action(
        article.id, ActionInput(action="submit", override_reason="test"), actor=users["translator"]
    )
    segments.save_segment(
        article.id, segment.id, SegmentSave("Exports rose 12.5%.", saved.version), actor=users["editor"]
    )
    auth.login("editor")
    html = client.get(f"/articles/{article.id}/edit").get_data(as_text=True)
    assert "review-mode" in html
    assert "<del>grew</del><ins>rose</ins>" in html
    assert 'id="open-reject"' in html


def test_html_typed_into_a_target_is_shown_escaped(client, auth, article, users):
    segment = article.segments[0]
    segments.save_segment(
        article.id,
        segment.id,
        SegmentSave('<script>alert("x")</script>', segment.version),
        actor=users["translator"],
    )
    auth.login("translator")
    html = client.get(f"/articles/{article.id}/edit").get_data(as_text=True)
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_unresolved_comments_are_counted_in_the_header(client, auth, article, users):
    segments.add_comment(article.id, article.segments[0].id, "Check the name.", actor=users["editor"])
    auth.login("editor")
    html = client.get(f"/articles/{article.id}/edit").get_data(as_text=True)
    assert re.search(r'id="unresolved-count">1<', html)
    assert 'data-unresolved="1"' in html


def test_optional_panel_scripts_are_included_only_when_present(client, auth, article, app):
    auth.login("editor")
    html = client.get(f"/articles/{article.id}/edit").get_data(as_text=True)
    for name in ("glossary", "tm", "qa"):
        on_disk = os.path.exists(os.path.join(app.static_folder, "js", "panels", f"{name}.js"))
        assert (f"js/panels/{name}.js" in html) == on_disk


def test_translator_cannot_open_an_article_of_someone_else(client, auth, article):
    auth.login("translator2")
    assert client.get(f"/articles/{article.id}/edit").status_code == 404


def test_post_editing_page_shows_edit_distance_per_segment_and_average(client, auth, article, users):
    segment = article.segments[0]
    segments.save_segment(
        article.id,
        segment.id,
        SegmentSave("The Yichang area innovates.", segment.version),
        actor=users["translator"],
    )
    auth.login("editor")
    html = client.get(f"/articles/{article.id}/post-editing").get_data(as_text=True)
    report = segments.post_edit_report(article)
    expected = [row["edit_percent"] for row in report]
    assert expected[0] > 0 and expected[1] == 0.0
    assert f"{expected[0]} %" in html
    average = round(sum(expected) / len(expected), 1)
    assert f'id="pe-average">{average} %' in html
    assert "<ins>The </ins>Yichang" in html
