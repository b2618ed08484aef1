"""Word-level diffs (character-level in CJK), their HTML rendering, and the post-editing distance."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from workflow.domain.diffing import DiffOp, edit_distance_percent, render_diff_html, tokenize, word_diff


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        pytest.param("", [], id="empty"),
        pytest.param("the park's output", ["the", " ", "park", "'", "s", " ", "output"], id="english"),
        pytest.param("rose 12.5%,  year-on", ["rose", " ", "12", ".", "5", "%,", "  ", "year", "-", "on"],
                     id="numbers-punctuation-runs"),
        pytest.param("宜昌片区", ["宜", "昌", "片", "区"], id="chinese-one-token-per-character"),
        pytest.param("2022年8月30日，", ["2022", "年", "8", "月", "30", "日", "，"], id="chinese-date"),
        pytest.param("宜昌 Yichang 片区", ["宜", "昌", " ", "Yichang", " ", "片", "区"], id="mixed"),
        pytest.param("GDP增长5%", ["GDP", "增", "长", "5", "%"], id="latin-glued-to-han"),
        pytest.param("東京のカメラ", ["東", "京", "の", "カ", "メ", "ラ"], id="japanese"),
        pytest.param("한국 무역", ["한", "국", " ", "무", "역"], id="korean"),
        pytest.param("“创新+”", ["“", "创", "新", "+”"], id="fullwidth-quotes"),
        pytest.param("line one\n\nline two", ["line", " ", "one", "\n\n", "line", " ", "two"], id="newlines"),
        pytest.param("café naïve", ["café", " ", "naïve"], id="accented-latin"),
    ],
)  # fmt: skip
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens


E, INS, D = "equal", "insert", "delete"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param("", "", [], id="both-empty"),
        pytest.param("same text", "same text", [(E, "same text")], id="identical"),
        pytest.param("", "new text", [(INS, "new text")], id="from-empty"),
        pytest.param("old text", "", [(D, "old text")], id="to-empty"),
        pytest.param("the park's output", "the park output", [(E, "the park"), (D, "'s"), (E, " output")],
                     id="possessive-dropped"),
        pytest.param("sales rose sharply", "sales fell sharply",
                     [(E, "sales "), (D, "rose"), (INS, "fell"), (E, " sharply")], id="one-word-replaced"),
        pytest.param("the quick brown fox", "a slow red fox",
                     [(D, "the quick brown"), (INS, "a slow red"), (E, " fox")], id="rewritten-phrase"),
        pytest.param("exports grew", "exports grew 5%", [(E, "exports grew"), (INS, " 5%")], id="appended"),
        pytest.param("Hubei Province, China", "Hubei, China",
                     [(E, "Hubei"), (D, " Province"), (E, ", China")], id="word-deleted"),
        pytest.param("developing", "development", [(D, "developing"), (INS, "development")],
                     id="whole-word-not-letters"),
        pytest.param("我们的公司", "他们公司", [(D, "我"), (INS, "他"), (E, "们"), (D, "的"), (E, "公司")],
                     id="chinese-by-character"),
        pytest.param("宜昌 Yichang area", "宜昌 Yichang zone",
                     [(E, "宜昌 Yichang "), (D, "area"), (INS, "zone")], id="mixed"),
        pytest.param("growth 5% 5% 5%", "growth 5% new 5% 5%",
                     [(E, "growth 5% "), (INS, "new "), (E, "5% 5%")],
                     id="repeated-tokens-stay-one-insertion"),
        pytest.param("the trade in the region", "exports from the area",
                     [(D, "the trade in"), (INS, "exports from"), (E, " the "), (D, "region"), (INS, "area")],
                     id="shared-space-is-not-marked"),
        pytest.param("high temperature here , and", "heat here, and",
                     [(D, "high temperature"), (INS, "heat"), (E, " here"), (D, " "), (E, ", and")],
                     id="mt-stray-space-removed"),
        pytest.param("a  b", "a b", [(E, "a"), (D, "  "), (INS, " "), (E, "b")], id="whitespace-change"),
    ],
)  # fmt: skip
def test_word_diff(old, new, expected):
    assert word_diff(old, new) == [DiffOp(op, text) for op, text in expected]


def reconstruct(ops: list[DiffOp]) -> tuple[str, str]:
    """The old and new texts a diff describes."""
    old = "".join(op.text for op in ops if op.op != "insert")
    new = "".join(op.text for op in ops if op.op != "delete")
    return old, new


# Text drawn from the scripts and punctuation Copydesk sees, plus anything Unicode has.
NEWSY_TEXT = st.text(alphabet=st.sampled_from(list("ab cd,.'-%\n12宜昌片区的“”，。東京한국")), max_size=40)
ANY_TEXT = NEWSY_TEXT | st.text(max_size=40)


@given(ANY_TEXT)
def test_tokens_join_back_to_the_text(text):
    assert "".join(tokenize(text)) == text


@given(ANY_TEXT, ANY_TEXT)
def test_diff_reconstructs_both_texts(old, new):
    assert reconstruct(word_diff(old, new)) == (old, new)


@given(ANY_TEXT, ANY_TEXT)
def test_diff_runs_are_merged_and_non_empty(old, new):
    ops = word_diff(old, new)
    assert all(op.text for op in ops)
    for before, after in itertools.pairwise(ops):
        assert before.op != after.op
        assert (before.op, after.op) != ("insert", "delete"), "a change reads deletion first"


@given(st.lists(st.sampled_from(["growth", "trade", "宜", "昌", "5%", "(Hubei)"]), max_size=10), st.data())
def test_inserting_a_word_shows_as_one_insertion(words, data):
    inserted = data.draw(st.sampled_from(["new", "新", "zone,"]))
    position = data.draw(st.integers(0, len(words)))
    old = " ".join(words)
    new = " ".join([*words[:position], inserted, *words[position:]])
    ops = word_diff(old, new)
    assert [op.op for op in ops].count("insert") == 1
    assert "delete" not in [op.op for op in ops]
    assert next(op.text for op in ops if op.op == "insert").strip() == inserted


@given(ANY_TEXT)
def test_identical_texts_are_one_equal_run(text):
    assert word_diff(text, text) == ([DiffOp("equal", text)] if text else [])


@pytest.mark.parametrize(
    ("ops", "html"),
    [
        pytest.param([], "", id="nothing"),
        pytest.param([DiffOp(E, "a "), DiffOp(D, "b"), DiffOp(INS, "c")], "a <del>b</del><ins>c</ins>",
                     id="markup"),
        pytest.param([DiffOp(INS, "<script>alert(1)</script>")],
                     "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>", id="inserted-script-escaped"),
        pytest.param([DiffOp(D, "<img src=x onerror=alert(1)>")],
                     "<del>&lt;img src=x onerror=alert(1)&gt;</del>", id="deleted-tag-escaped"),
        pytest.param([DiffOp(E, "AT&T \"quoted\" 'x'")], "AT&amp;T &#34;quoted&#34; &#39;x&#39;",
                     id="equal-escaped"),
        pytest.param([DiffOp(E, "宜昌"), DiffOp(INS, "片区")], "宜昌<ins>片区</ins>", id="cjk-untouched"),
        pytest.param([DiffOp(INS, "")], "", id="empty-run-dropped"),
    ],
)  # fmt: skip
def test_render_diff_html(ops, html):
    rendered = render_diff_html(ops)
    assert rendered == html
    assert isinstance(rendered, Markup), "Jinja must not escape the markup a second time"


@given(ANY_TEXT, ANY_TEXT)
def test_rendered_diff_never_carries_markup_from_the_text(old, new):
    html = render_diff_html(word_diff(old + "<script>", new + "</b>"))
    stripped = html.replace("<ins>", "").replace("</ins>", "").replace("<del>", "").replace("</del>", "")
    assert "<" not in stripped
    assert ">" not in stripped


@pytest.mark.parametrize(
    ("mt", "final", "percent"),
    [
        pytest.param("", "", 0.0, id="both-empty"),
        pytest.param("Exports rose.", "Exports rose.", 0.0, id="untouched"),
        pytest.param("", "Exports rose.", 100.0, id="empty-draft-filled"),
        pytest.param("Exports rose.", "", 100.0, id="all-deleted"),
        pytest.param("abc", "xyz", 100.0, id="complete-rewrite"),
        pytest.param("abcd", "abcx", 25.0, id="one-of-four-substituted"),
        pytest.param("abc", "abd", 33.3, id="rounded-to-one-decimal"),
        pytest.param("the park's output", "the park output", 11.8, id="two-of-seventeen-deleted"),
        pytest.param("宜昌片区", "宜昌自贸片区", 33.3, id="chinese-two-of-six-inserted"),
    ],
)
def test_edit_distance_percent(mt, final, percent):
    assert edit_distance_percent(mt, final) == percent


@given(ANY_TEXT, ANY_TEXT)
def test_edit_distance_percent_is_a_bounded_symmetric_percentage(mt, final):
    percent = edit_distance_percent(mt, final)
    assert 0.0 <= percent <= 100.0
    assert percent == edit_distance_percent(final, mt)
    assert (percent == 0.0) == (mt == final) or len(max(mt, final, key=len)) > 1000
