"""Splitting articles into paragraphs and sentence segments, and putting them back together for export."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflow.domain.segmentation import (
    SegmentDraft,
    looks_like_heading,
    reassemble,
    segment_text,
    split_paragraphs,
    split_sentences,
)

DEMO = Path(__file__).resolve().parents[3] / "workflow" / "data" / "demo"


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("One.\nTwo.", ["One.", "Two."]),
        ("One.\n\n\nTwo.", ["One.", "Two."]),
        ("One.\r\nTwo.\rThree.", ["One.", "Two.", "Three."]),
        ("  One.  \n \t \n\u3000\u3000第二段。", ["One.", "第二段。"]),
        ("Spaces   and\ttabs collapse.", ["Spaces and tabs collapse."]),
        ("\ufeffBOM first.\u2029Next.", ["BOM first.", "Next."]),
        ("", []),
        ("\n \n", []),
    ],
)
def test_split_paragraphs(text: str, paragraphs: list[str]) -> None:
    assert split_paragraphs(text) == paragraphs


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        # Decimals never split; "亿" amounts stay whole.
        ("园区产值达13.56亿元。增长1.356倍。", ["园区产值达13.56亿元。", "增长1.356倍。"]),
        ("今年增长了！明年呢？再看；后年。", ["今年增长了！", "明年呢？", "再看；", "后年。"]),
        # The closing quote stays with its stop, and the attribution starts a new sentence.
        ("“我们成功了！”吴鹏说。", ["“我们成功了！”", "吴鹏说。"]),
        ("他说：“我们成功了。”大家都很高兴。", ["他说：“我们成功了。”", "大家都很高兴。"]),
        # A quotation embedded in a longer sentence does not end it.
        ("他们喊出“加油！”的口号。", ["他们喊出“加油！”的口号。"]),
        ("「本当ですか？」と彼は聞いた。", ["「本当ですか？」と彼は聞いた。"]),
        ("「行こう！」「うん。」", ["「行こう！」", "「うん。」"]),
        # Ellipses end a sentence only before a new one.
        ("生物制剂、新药研发……等方面取得突破。", ["生物制剂、新药研发……等方面取得突破。"]),
        ("他犹豫了……“好吧。”", ["他犹豫了……", "“好吧。”"]),
        ("等了很久……。终于来了。", ["等了很久……。", "终于来了。"]),
        ("他沉默了…… 然后离开。", ["他沉默了……", "然后离开。"]),
        # Half-width stops count too, but not inside a Latin name.
        ("真的吗?!好的。", ["真的吗?!", "好的。"]),
        ("访问Yahoo!Japan网站。", ["访问Yahoo!Japan网站。"]),
        ("没有句末标点的一句话", ["没有句末标点的一句话"]),
    ],
)
def test_chinese_and_japanese_sentences(paragraph: str, sentences: list[str]) -> None:
    lang = "ja" if re.search(r"[\u3040-\u30ff]", paragraph) else "zh-Hans"
    assert split_sentences(paragraph, lang) == sentences


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        (
            "The U.S. economy grew 3.5% in 2021. Dr. Smith agreed.",
            ["The U.S. economy grew 3.5% in 2021.", "Dr. Smith agreed."],
        ),
        (
            "In 2021, output reached 1.356 billion yuan. It rose.",
            ["In 2021, output reached 1.356 billion yuan.", "It rose."],
        ),
        (
            "J. R. R. Tolkien wrote books. He was British.",
            ["J. R. R. Tolkien wrote books.", "He was British."],
        ),
        ("Acme Inc. reported results. Shares rose.", ["Acme Inc. reported results.", "Shares rose."]),
        ("He paused... Then he left.", ["He paused...", "Then he left."]),
        ("He paused… Then he left.", ["He paused…", "Then he left."]),
        ("He said “wait…” and left.", ["He said “wait…” and left."]),
        ('"We are ready." He said so.', ['"We are ready."', "He said so."]),
        ("A sentence that has lost its final full stop", ["A sentence that has lost its final full stop"]),
    ],
)
def test_english_sentences(paragraph: str, sentences: list[str]) -> None:
    assert split_sentences(paragraph, "en-GB") == sentences


def test_unknown_spaced_language_falls_back_to_english_rules() -> None:
    assert split_sentences("Dr. Kim arrived. She spoke.", "ko") == ["Dr. Kim arrived.", "She spoke."]


@pytest.mark.parametrize(
    ("paragraph", "lang", "heading"),
    [
        ("宜昌片区：“创新+”让生物医药发展迸发活力", "zh", True),
        ('Yichang area: "Innovation +" makes the development of biomedicine burst with vitality', "en", True),
        ("August 30, 2022", "en", True),
        ("# Results for the year. Good ones!", "en", True),
        ("湖北宜昌，41℃的骄阳似火。", "zh", False),
        ("The sun was like fire.", "en", False),
        (
            "The company said it would expand production in 2023 and hire more staff across three provinces "
            "as demand for its drugs keeps rising",
            "en",
            False,
        ),
        (
            "这是一段没有句末标点但是很长的正文，它讲述了园区过去五年引进培育生物医药产业链企业的情况和成效",
            "zh",
            False,
        ),
        ("Two sentences. Then no stop", "en", False),
    ],
)
def test_looks_like_heading(paragraph: str, lang: str, heading: bool) -> None:
    assert looks_like_heading(paragraph, lang) is heading


def test_segment_text_numbers_paragraphs_and_positions_and_marks_headings() -> None:
    text = "## Markets today\r\n\r\nShares rose. Bonds fell.\nThe dollar was flat"
    assert segment_text(text, "en") == [
        SegmentDraft(paragraph=0, position=0, text="Markets today", is_heading=True),
        SegmentDraft(paragraph=1, position=1, text="Shares rose.", is_heading=False),
        SegmentDraft(paragraph=1, position=2, text="Bonds fell.", is_heading=False),
        SegmentDraft(paragraph=2, position=3, text="The dollar was flat", is_heading=True),
    ]


def test_segment_text_of_the_demo_article() -> None:
    segments = segment_text((DEMO / "yichang_zh.txt").read_text(encoding="utf-8"), "zh")
    assert segments[0].is_heading and segments[0].text.startswith("宜昌片区")
    assert [s.position for s in segments] == list(range(len(segments)))
    assert len({s.paragraph for s in segments}) == 11
    assert "2021年，园区产值达13.56亿元。" in [s.text for s in segments]


@pytest.mark.parametrize(
    ("paragraphs", "texts", "lang", "expected"),
    [
        ([0, 1, 1], ["Title", "One.", "Two."], "en", "Title\n\nOne. Two."),
        ([0, 0, 1], ["第一句。", "第二句。", "第三句。"], "zh-Hans", "第一句。第二句。\n\n第三句。"),
        ([0, 0], ["一文目。", "二文目。"], "ja", "一文目。二文目。"),
        ([0, 0], ["첫 문장.", "둘째 문장."], "ko", "첫 문장. 둘째 문장."),
        # Untranslated segments and empty paragraphs leave no stray spaces or blank lines.
        ([0, 0, 0, 1, 2], ["One.", "", "Three.", "", "Four."], "en", "One. Three.\n\nFour."),
    ],
)
def test_reassemble(paragraphs: list[int], texts: list[str], lang: str, expected: str) -> None:
    assert reassemble(paragraphs, texts, lang) == expected


def test_reassemble_rejects_mismatched_lengths() -> None:
    with pytest.raises(ValueError, match="2 paragraph numbers"):
        reassemble([0, 0], ["only one"], "en")


def _round_trip(text: str, lang: str) -> str:
    segments = segment_text(text, lang)
    return reassemble([s.paragraph for s in segments], [s.text for s in segments], lang)


@pytest.mark.parametrize(("name", "lang"), [("yichang_zh.txt", "zh"), ("yichang_mt_en.txt", "en")])
def test_reassembling_the_demo_gives_back_its_paragraphs(name: str, lang: str) -> None:
    text = (DEMO / name).read_text(encoding="utf-8")
    assert _round_trip(text, lang) == "\n\n".join(split_paragraphs(text))


_ZH_PIECES = [
    "园区产值达13.56亿元",
    "“我们成功了",
    "”",
    "他说",
    "生物制剂……等",
    "，",
    "。",
    "！",
    "？",
    "；",
    "…",
    "1.356",
    " ",
]
_EN_PIECES = [
    "The U.S.",
    " Dr. Li",
    " said",
    " 1.356 billion",
    ".",
    "!",
    "?",
    "...",
    "…",
    " ",
    "“",
    "”",
    "Inc.",
    " It",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_ZH_PIECES), min_size=1, max_size=12).map("".join), max_size=4),
    st.sampled_from(["\n", "\r\n", "\n\n"]),
)
def test_round_trip_keeps_every_chinese_character(paragraphs: list[str], newline: str) -> None:
    text = newline.join(paragraphs)
    expected = "\n\n".join(split_paragraphs(text))
    assert re.sub(r"[ ]+", "", _round_trip(text, "zh")) == re.sub(r"[ ]+", "", expected)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_EN_PIECES), min_size=1, max_size=12).map("".join), max_size=4))
def test_round_trip_keeps_every_english_character(paragraphs: list[str]) -> None:
    text = "\n".join(paragraphs)
    expected = "\n\n".join(split_paragraphs(text))
    # A Markdown-looking "#" never occurs here, so only whitespace may differ.
    assert re.sub(r"\s+", " ", _round_trip(text, "en")) == re.sub(r"\s+", " ", expected)
