"""Attaching an MT draft to source segments: the editor must open with the right draft in each row."""

from pathlib import Path

import pytest

from workflow.domain.alignment import AlignmentResult, align_mt_draft
from workflow.domain.alignment_lengths import numbers_in
from workflow.domain.segmentation import SegmentDraft, segment_text, split_paragraphs

DEMO = Path(__file__).resolve().parents[3] / "workflow" / "data" / "demo"

SOURCE = (
    "宜昌片区今年引进了十二家生物医药企业。园区产值达13.56亿元，同比增长百分之二十。"
    "公司计划于2025年全面建成投产。"
)
MERGED = "Yichang area introduced twelve biomedical companies this year, and the output value of the park"
FIRST = "Yichang area introduced twelve biomedical companies this year."
SECOND = "The output value of the park reached 1.356 billion yuan, up 20 percent year on year."
THIRD = "The company plans to complete construction and start production in 2025."


@pytest.mark.parametrize(
    ("case", "mt", "expected", "note"),
    [
        ("1:1", f"{FIRST} {SECOND} {THIRD}", [FIRST, SECOND, THIRD], None),
        (
            "1:2",
            f"{FIRST} The output value of the park reached 1.356 billion yuan. It was up 20 percent. {THIRD}",
            [FIRST, "The output value of the park reached 1.356 billion yuan. It was up 20 percent.", THIRD],
            None,
        ),
        (
            "2:1",
            f"{MERGED} reached 1.356 billion yuan, up 20 percent year on year. {THIRD}",
            [f"{MERGED} reached 1.356 billion yuan, up 20 percent year on year.", "", THIRD],
            "Segments 1–2 share one MT sentence",
        ),
        ("1:0", f"{FIRST} {THIRD}", [FIRST, "", THIRD], "Segment 2: no MT sentence matched"),
        (
            "0:1",
            f"{FIRST} {SECOND} {THIRD} This article was machine translated and may contain many errors.",
            [FIRST, SECOND, f"{THIRD} This article was machine translated and may contain many errors."],
            "Segment 3: an extra MT sentence",
        ),
    ],
)
def test_sentence_alignment_within_a_paragraph(
    case: str, mt: str, expected: list[str], note: str | None
) -> None:
    result = align_mt_draft(segment_text(SOURCE, "zh"), mt, "zh", "en")
    assert result.mode == "sentence"
    assert result.mt_by_segment == expected, case
    if note is None:
        assert result.notes == []
    else:
        assert any(n.startswith(note) for n in result.notes), result.notes


def test_an_extra_sentence_at_the_start_of_a_paragraph_goes_to_the_first_segment() -> None:
    extra = "Editor's note: this story was updated with new figures from the local government."
    result = align_mt_draft(segment_text(SOURCE, "zh"), f"{extra} {FIRST} {SECOND} {THIRD}", "zh", "en")
    assert result.mt_by_segment == [f"{extra} {FIRST}", SECOND, THIRD]
    assert any("extra MT sentence" in note for note in result.notes)


def test_chinese_target_sentences_are_joined_without_spaces() -> None:
    source = segment_text("The park grew fast. Output reached 1.356 billion yuan last year.", "en")
    result = align_mt_draft(source, "园区发展迅速，去年产值达13.56亿元。", "en", "zh-Hans")
    assert result.mt_by_segment[0] + result.mt_by_segment[1] == "园区发展迅速，去年产值达13.56亿元。"


def _demo() -> tuple[str, str]:
    return (
        (DEMO / "yichang_zh.txt").read_text(encoding="utf-8"),
        (DEMO / "yichang_mt_en.txt").read_text(encoding="utf-8"),
    )


def _draft_for(segments: list[SegmentDraft], result: AlignmentResult, needle: str) -> str:
    [index] = [i for i, segment in enumerate(segments) if needle in segment.text]
    return result.mt_by_segment[index]


def test_demo_article_aligns_sentence_by_sentence() -> None:
    source, mt = _demo()
    assert len(split_paragraphs(source)) == len(split_paragraphs(mt)) == 11
    segments = segment_text(source, "zh")
    result = align_mt_draft(segments, mt, "zh", "en")
    assert result.mode == "sentence"
    assert _draft_for(segments, result, "13.56亿元") == (
        "In 2021, the output value of the park will reach 1.356 billion yuan."
    )
    assert "3,082" in _draft_for(segments, result, "3082名")
    assert _draft_for(segments, result, "宜昌片区：").startswith("Yichang area:")
    # pysbd keeps the two quoted sentences of paragraph 6 together: the pair shares one draft, and says so.
    assert "1,300 technical personnel" in _draft_for(segments, result, "我们用共享思维")
    assert _draft_for(segments, result, "1300余名") == ""
    assert "Segments 13–14 share one MT sentence; it was put on segment 13." in result.notes
    # Nothing of the MT is lost: every MT sentence ends up in some draft, in order.
    assert " ".join(d for d in result.mt_by_segment if d).replace(" ", "") == mt.replace("\n", "").replace(
        " ", ""
    )


def test_demo_with_the_web_page_headings_still_aligns_by_sentence() -> None:
    source, mt = _demo()
    lines = mt.splitlines()
    raw = "\n".join(["Home> Industry Information> " + lines[0], lines[0], "August 30, 2022", *lines[1:]])
    segments = segment_text(source, "zh")
    result = align_mt_draft(segments, raw, "zh", "en")
    assert result.mode == "sentence"
    assert result.mt_by_segment[0] == lines[0]
    assert result.notes[0].startswith("Ignored 2 heading line(s) at the top of the MT draft")
    assert "August 30, 2022" in result.notes[0]


def test_unequal_paragraph_counts_align_by_paragraph_with_a_note() -> None:
    source, mt = _demo()
    lines = mt.splitlines()
    merged = [*lines[:3], lines[3] + " " + lines[4], *lines[5:]]  # the MT ran two paragraphs together
    segments = segment_text(source, "zh")
    result = align_mt_draft(segments, "\n".join(merged), "zh", "en")
    assert result.mode == "paragraph"
    assert result.notes[0] == (
        "Source has 11 paragraphs but the MT draft has 10; aligned paragraph by paragraph first."
    )
    assert any(note.startswith("Paragraphs 4–5 match one MT paragraph") for note in result.notes)
    assert _draft_for(segments, result, "13.56亿元").endswith("1.356 billion yuan.")
    assert "3,082" in _draft_for(segments, result, "3082名")


def test_mt_with_one_line_per_segment_is_matched_line_by_line() -> None:
    segments = segment_text(SOURCE, "zh")
    result = align_mt_draft(segments, f"{FIRST}\n{SECOND}\n{THIRD}", "zh", "en")
    assert result.mode == "sentence"
    assert result.mt_by_segment == [FIRST, SECOND, THIRD]
    assert "one line per source segment" in result.notes[0]


def test_empty_mt_leaves_every_draft_empty_and_says_so() -> None:
    result = align_mt_draft(segment_text(SOURCE, "zh"), " \n ", "zh", "en")
    assert result.mt_by_segment == ["", "", ""]
    assert result.notes == ["The MT draft is empty; no segment has a draft."]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("园区产值达13.56亿元", {1.356e9: 1}),
        ("1.356 billion yuan", {1.356e9: 1}),
        ("3082名 and 3,082 talents", {3082.0: 2}),
        ("3300余台（套）, 41℃, 2021年", {3300.0: 1, 41.0: 1, 2021.0: 1}),
        ("3.75亿元 = 375 million yuan", {3.75e8: 2}),
    ],
)
def test_numbers_written_differently_anchor_the_same_value(text: str, values: dict[float, int]) -> None:
    assert dict(numbers_in(text)) == values
