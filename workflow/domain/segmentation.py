"""Split an article into paragraphs and sentence segments, and put segments back together for export.

Editors work sentence by sentence, so an article is stored as segments that remember their paragraph.
Chinese and Japanese are split by a scanner that knows full-width punctuation and quotation conventions;
space-separated languages go through pysbd, which knows abbreviations ("U.S.", "Dr."), decimals and
initials. A short paragraph without sentence-final punctuation (a headline, a dateline) or a Markdown
``#`` heading stays one segment marked as a heading. ``reassemble`` is the inverse used by export.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pysbd

from workflow.domain.languages import primary_language, sentence_joiner, uses_spaces


@dataclass(frozen=True, slots=True)
class SegmentDraft:
    """One sentence (or heading) of an article before it is stored: its paragraph and global order."""

    paragraph: int
    position: int
    text: str
    is_heading: bool = False


_SCANNED_LANGUAGES = frozenset({"zh", "yue", "ja"})
_FULL_STOPS = "。！？；｡"
_HALF_WIDTH_STOPS = "!?"
_CLOSERS = "”’」』）》】〕〉\"')]"
_OPENERS = "“‘「『（《【〔〈([\"'"
_ELLIPSIS_CHARS = "…⋯"
# After "stop + closing quote", these mean the quotation is embedded in a longer sentence:
# 喊出“加油！”的口号 is one sentence, “加油！”他说 is two.
_CONTINUATION = frozenset("，、：:,;；的地得了着过等と")
_SENTENCE_FINAL = "。！？!?.…⋯；;｡"
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_HORIZONTAL_SPACE = re.compile(r"[ \t\f\v]+")
_ANY_SPACE = re.compile(r"\s+")
# pysbd splits at "..." but not at the single character "…" before a new sentence.
_ELLIPSIS_SENTENCE_END = re.compile(r"(?:(?<=[…⋯])|(?<=[…⋯][\"'”’)\]]))\s+(?=[\"'“‘(\[]*[A-Z])")
_FALLBACK_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)\]]))\s+(?=[\"'“‘(\[]*[A-Z0-9\u00c0-\u024f])"
)

_MAX_HEADING_CHARS_UNSPACED = 40
_MAX_HEADING_WORDS = 15
_MAX_HEADING_CHARS_SPACED = 120


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs: one per non-empty line (news text is usually one paragraph a line).

    CRLF, CR and Unicode line/paragraph separators are normalised; runs of spaces and tabs collapse to
    one space; lines are stripped (including the ideographic indent ``\\u3000``) and empty ones dropped.
    """
    normalised = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    normalised = normalised.replace("\u2028", "\n").replace("\u2029", "\n")
    paragraphs = (_HORIZONTAL_SPACE.sub(" ", line).strip() for line in normalised.split("\n"))
    return [paragraph for paragraph in paragraphs if paragraph]


@functools.lru_cache(maxsize=32)
def _pysbd_segmenter(language: str) -> pysbd.Segmenter:
    """Return a cached pysbd segmenter for a primary subtag it knows, English otherwise."""
    known = language if language in pysbd.languages.LANGUAGE_CODES else "en"
    return pysbd.Segmenter(language=known, clean=False)


def _same_text(pieces: Sequence[str], original: str) -> bool:
    """Tell whether the pieces hold exactly the original's characters, ignoring whitespace."""
    return _ANY_SPACE.sub("", "".join(pieces)) == _ANY_SPACE.sub("", original)


def _merge_unspaced_boundaries(sentences: list[str], paragraph: str) -> list[str]:
    """Rejoin sentences that touch without whitespace in the original ("U.S..The"): no real boundary.

    This also keeps export exact: segments of space-separated languages are rejoined with one space.
    """
    merged: list[str] = []
    cursor = 0
    for sentence in sentences:
        start = paragraph.find(sentence, cursor)
        if start < 0:
            return sentences
        if merged and start == cursor:
            merged[-1] += sentence
        else:
            merged.append(sentence)
        cursor = start + len(sentence)
    return merged


def _split_spaced(paragraph: str, language: str) -> list[str]:
    """Split a paragraph of a space-separated language with pysbd, guarding against lost characters."""
    sentences = [
        piece.strip()
        for sentence in _pysbd_segmenter(language).segment(paragraph)
        for piece in _ELLIPSIS_SENTENCE_END.split(sentence)
    ]
    sentences = [s for s in sentences if s]
    if sentences and _same_text(sentences, paragraph):
        return _merge_unspaced_boundaries(sentences, paragraph)
    # pysbd rewrote or dropped text: a plain "stop + space + capital" split never loses a character.
    return [s.strip() for s in _FALLBACK_SENTENCE_END.split(paragraph) if s.strip()]


def _skip_spaces(text: str, index: int) -> int:
    """Return the first index at or after ``index`` that is not whitespace."""
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _absorb(text: str, index: int, characters: str) -> int:
    """Return the index just past a run of ``characters`` starting at ``index``."""
    while index < len(text) and text[index] in characters:
        index += 1
    return index


def _end_after_stop(text: str, index: int) -> int | None:
    """Given a stop at ``index``, return where its sentence ends, or None if the sentence goes on."""
    stop = text[index]
    end = _absorb(text, index + 1, _FULL_STOPS + _HALF_WIDTH_STOPS + _ELLIPSIS_CHARS)
    if stop in _HALF_WIDTH_STOPS and end < len(text) and text[end].isascii() and text[end].isalnum():
        return None  # "Yahoo!Japan", "?id=3": not a sentence end
    closed = _absorb(text, end, _CLOSERS)
    following = _skip_spaces(text, closed)
    if following < len(text) and closed > end and text[following] in _CONTINUATION:
        return None
    return closed


def _end_after_ellipsis(text: str, index: int) -> int | None:
    """Given an ellipsis at ``index``, return where its sentence ends, or None if the sentence goes on.

    An ellipsis ends a sentence only before a new sentence: a stop, a closing quote that ends the
    quotation, an opening quote, or a space followed by more text. 生物制剂……等方面 stays one sentence.
    """
    end = _absorb(text, index, _ELLIPSIS_CHARS if text[index] in _ELLIPSIS_CHARS else text[index])
    if end < len(text) and text[end] in _FULL_STOPS + _HALF_WIDTH_STOPS:
        return _end_after_stop(text, end)
    closed = _absorb(text, end, _CLOSERS)
    following = _skip_spaces(text, closed)
    if following >= len(text):
        return closed
    if text[following] in _CONTINUATION:
        return None
    if closed > end or text[following] in _OPENERS or following > closed:
        return closed
    return None


def _is_ellipsis_start(text: str, index: int) -> bool:
    """Tell whether an ellipsis (…, ⋯, ... or 。。。) starts at ``index``."""
    if text[index] in _ELLIPSIS_CHARS:
        return True
    return text.startswith("...", index) or text.startswith("。。。", index)


def _split_unspaced(paragraph: str) -> list[str]:
    """Split a Chinese or Japanese paragraph at full-width (and half-width) sentence punctuation."""
    sentences: list[str] = []
    start = index = 0
    while index < len(paragraph):
        if _is_ellipsis_start(paragraph, index):
            end = _end_after_ellipsis(paragraph, index)
            run = _ELLIPSIS_CHARS if paragraph[index] in _ELLIPSIS_CHARS else paragraph[index]
            skip = _absorb(paragraph, index, run)
        elif paragraph[index] in _FULL_STOPS + _HALF_WIDTH_STOPS:
            end = _end_after_stop(paragraph, index)
            skip = index + 1
        else:
            index += 1
            continue
        if end is None:
            index = skip
            continue
        sentences.append(paragraph[start:end].strip())
        start = index = end
    sentences.append(paragraph[start:].strip())
    return [sentence for sentence in sentences if sentence]


def split_sentences(paragraph: str, lang: str) -> list[str]:
    """Split one paragraph into sentences, by the rules of language ``lang`` (a BCP 47 tag)."""
    language = primary_language(lang)
    if language in _SCANNED_LANGUAGES:
        return _split_unspaced(paragraph.strip())
    return _split_spaced(paragraph.strip(), language)


def _markdown_heading_text(paragraph: str) -> str | None:
    """Return the text of a Markdown ``#`` heading without its hashes, or None if it is not one."""
    match = _MARKDOWN_HEADING.match(paragraph)
    return match.group("text") if match else None


def looks_like_heading(paragraph: str, lang: str) -> bool:
    """Tell whether a paragraph is a heading: a Markdown ``#`` line, or short with no sentence-final stop.

    Short means at most 40 characters for Chinese/Japanese/Thai, at most 15 words (120 characters) for
    space-separated languages; a long paragraph without a final stop is a sentence missing its full stop.
    """
    if _markdown_heading_text(paragraph) is not None:
        return True
    text = paragraph.strip()
    last_character = text.rstrip(_CLOSERS + " ")[-1:]
    if not last_character or last_character in _SENTENCE_FINAL:
        return False
    if len(split_sentences(text, lang)) != 1:
        return False
    if uses_spaces(lang):
        return len(text.split()) <= _MAX_HEADING_WORDS and len(text) <= _MAX_HEADING_CHARS_SPACED
    return len(text) <= _MAX_HEADING_CHARS_UNSPACED


def segment_text(text: str, lang: str) -> list[SegmentDraft]:
    """Split an article into sentence segments numbered by paragraph and global position (both from 0).

    Headings become one segment each with ``is_heading=True``; a Markdown heading loses its ``#`` marks.
    """
    segments: list[SegmentDraft] = []
    for paragraph_number, paragraph in enumerate(split_paragraphs(text)):
        if looks_like_heading(paragraph, lang):
            heading = _markdown_heading_text(paragraph)
            texts, is_heading = [heading if heading is not None else paragraph], True
        else:
            texts, is_heading = split_sentences(paragraph, lang), False
        for sentence in texts:
            segments.append(SegmentDraft(paragraph_number, len(segments), sentence, is_heading))
    return segments


def reassemble(paragraph_of_each_segment: Sequence[int], texts: Sequence[str], lang: str) -> str:
    """Join segment texts back into an article: sentences of a paragraph, then paragraphs by a blank line.

    Sentences are joined by one space, or by nothing for Chinese and Japanese; empty segments (not yet
    translated) are left out, and so is a paragraph with no text at all.
    """
    if len(paragraph_of_each_segment) != len(texts):
        raise ValueError(
            f"{len(paragraph_of_each_segment)} paragraph numbers were given for {len(texts)} segment texts"
        )
    joiner = sentence_joiner(lang)
    paragraphs: list[list[str]] = []
    previous: int | None = None
    for paragraph, text in zip(paragraph_of_each_segment, texts, strict=True):
        if paragraph != previous or not paragraphs:
            paragraphs.append([])
            previous = paragraph
        if text.strip():
            paragraphs[-1].append(text.strip())
    return "\n\n".join(joiner.join(parts) for parts in paragraphs if parts)
