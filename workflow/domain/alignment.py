"""Attach a machine-translation draft to the source segments of an article.

An MT draft arrives as plain text, one paragraph per line, with its own sentence boundaries: machine
translation of Chinese news merges and splits sentences freely. This module decides which MT text belongs
to which source segment so the editor opens with a draft in every row it can fill.

Paragraphs are matched first (they almost always agree); inside each paragraph, sentences are matched by
the Gale–Church style aligner in ``alignment_lengths`` (character lengths plus the numbers both sides
hold). The expected MT/source length ratio is estimated from the texts themselves, starting from the
pair's usual ratio (one Chinese character is roughly three English characters). What could not be
matched cleanly is reported in ``notes`` for the editor.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from workflow.domain.alignment_lengths import (
    Bead,
    align_units,
    bead_cost,
    estimate_ratio,
    prior_ratio,
    text_unit,
)
from workflow.domain.languages import sentence_joiner
from workflow.domain.segmentation import SegmentDraft, looks_like_heading, split_paragraphs, split_sentences

# A paragraph alignment whose average cost per bead is above this is judged unreliable.
_GOOD_PARAGRAPH_COST = 4.0
_QUOTE_CHARS = 50


@dataclass(frozen=True, slots=True)
class AlignmentResult:
    """MT text for each source segment ("" where nothing aligned), how it was aligned, and notes."""

    mt_by_segment: list[str]
    mode: Literal["sentence", "paragraph"]
    notes: list[str] = field(default_factory=list)


def N_(message: str) -> str:
    """Mark a note template for gettext extraction; the web layer translates it when it is shown."""
    return message


class Note(str):
    """A note in English that remembers its gettext template and parameters, so the UI can translate it."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Note:
        """Format ``template`` with ``params`` (English) and keep both for later translation."""
        note = super().__new__(cls, template % params if params else template)
        note.template = template
        note.params = params
        return note


_EXTRA_PARAGRAPH = N_(
    "Segment %(segment)d: an MT paragraph with no source counterpart was added to its draft: “%(text)s”"
)


def _quote(text: str) -> str:
    """Shorten a text for a note."""
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


class _Attacher:
    """Collects MT text per source segment and the notes explaining anything unusual."""

    def __init__(self, segment_count: int, joiner: str) -> None:
        self.mt_by_segment = [""] * segment_count
        self.notes: list[str] = []
        self.joiner = joiner

    def add(self, index: int, pieces: Sequence[str]) -> None:
        """Append MT pieces to a segment's draft."""
        self.mt_by_segment[index] = self.joiner.join(p for p in (self.mt_by_segment[index], *pieces) if p)

    def _note_extra(self, index: int, extra: str) -> None:
        """Record that an MT sentence without a source counterpart joined a segment's draft."""
        self.notes.append(
            Note(
                N_("Segment %(segment)d: an extra MT sentence was added to its draft: “%(text)s”"),
                segment=index + 1,
                text=_quote(extra),
            )
        )

    def attach_beads(
        self, segment_indices: Sequence[int], mt_units: Sequence[str], beads: Sequence[Bead]
    ) -> None:
        """Give each bead's MT units to the first source segment of the bead, noting odd beads."""
        pending: list[str] = []
        holder: int | None = None
        for source_range, mt_range in beads:
            pieces = [mt_units[k] for k in mt_range]
            if not source_range:
                if holder is None:
                    pending.extend(pieces)
                else:
                    self.add(holder, pieces)
                    self._note_extra(holder, pieces[0])
                continue
            first = segment_indices[source_range.start]
            if not pieces:
                self.notes.append(
                    Note(
                        N_("Segment %(segment)d: no MT sentence matched; its draft is empty."),
                        segment=first + 1,
                    )
                )
                continue
            if pending:
                self._note_extra(first, pending[0])
            self.add(first, [*pending, *pieces])
            pending, holder = [], first
            if len(source_range) > 1:
                last = segment_indices[source_range[-1]]
                self.notes.append(
                    Note(
                        N_(
                            "Segments %(first)d–%(last)d share one MT sentence; "
                            "it was put on segment %(first)d."
                        ),
                        first=first + 1,
                        last=last + 1,
                    )
                )
        if pending:
            self.add(segment_indices[0], pending)

    def align_paragraph(
        self, segments: Sequence[SegmentDraft], mt_paragraphs: Sequence[str], target_lang: str, ratio: float
    ) -> None:
        """Align the sentences of MT paragraph(s) with the segments of the matching source paragraph(s)."""
        indices = [segment.position for segment in segments]
        if len(segments) == 1 and segments[0].is_heading:
            self.add(indices[0], mt_paragraphs)
            return
        mt_sentences = [sentence for text in mt_paragraphs for sentence in split_sentences(text, target_lang)]
        beads, _ = align_units(
            [text_unit(s.text) for s in segments], [text_unit(t) for t in mt_sentences], ratio
        )
        self.attach_beads(indices, mt_sentences, beads)


def _group_by_paragraph(segments: Sequence[SegmentDraft]) -> list[list[SegmentDraft]]:
    """Group segments into their paragraphs, in order."""
    return [list(group) for _, group in itertools.groupby(segments, key=lambda segment: segment.paragraph)]


def _drop_extra_leading_headings(
    paragraphs: list[list[SegmentDraft]],
    mt_paragraphs: list[str],
    target_lang: str,
    prior: float,
    notes: list[str],
) -> list[str]:
    """Drop heading lines at the top of the MT (breadcrumbs, a dateline) that have no source counterpart.

    Used only when removing them makes the paragraph counts agree; the MT headings kept are those whose
    lengths best match the source headings.
    """
    extra = len(mt_paragraphs) - len(paragraphs)
    source_heads = list(itertools.takewhile(lambda group: group[0].is_heading, paragraphs))
    mt_heads = list(itertools.takewhile(lambda text: looks_like_heading(text, target_lang), mt_paragraphs))
    if extra <= 0 or len(mt_heads) - len(source_heads) != extra:
        return mt_paragraphs
    ratio = estimate_ratio(
        [text_unit(s.text) for group in paragraphs for s in group],
        [text_unit(t) for t in mt_paragraphs],
        prior,
    )
    source_units = [text_unit(group[0].text) for group in source_heads]
    kept = min(
        itertools.combinations(range(len(mt_heads)), len(source_heads)),
        key=lambda chosen: sum(
            bead_cost([unit], [text_unit(mt_heads[k])], ratio)
            for unit, k in zip(source_units, chosen, strict=True)
        ),
    )
    dropped = [mt_heads[k] for k in range(len(mt_heads)) if k not in kept]
    notes.append(
        Note(
            N_(
                "Ignored %(count)d heading line(s) at the top of the MT draft with no source "
                "counterpart: %(lines)s"
            ),
            count=len(dropped),
            lines="; ".join(f"“{_quote(text)}”" for text in dropped),
        )
    )
    return [mt_heads[k] for k in kept] + mt_paragraphs[len(mt_heads) :]


def _align_paragraph_mode(
    paragraphs: list[list[SegmentDraft]],
    mt_paragraphs: list[str],
    target_lang: str,
    prior: float,
    attacher: _Attacher,
) -> None:
    """Align whole paragraphs first, then fill each source paragraph from its MT paragraph(s).

    When the paragraph alignment is trustworthy, sentences are aligned inside each matched group of
    paragraphs as usual; otherwise each group's whole MT goes on its first segment. An MT paragraph with no
    source goes to the end of the previous paragraph's draft.
    """
    source_texts = [" ".join(s.text for s in group) for group in paragraphs]
    source_units = [text_unit(text) for text in source_texts]
    mt_units = [text_unit(text) for text in mt_paragraphs]
    ratio = estimate_ratio(source_units, mt_units, prior)
    beads, total_cost = align_units(source_units, mt_units, ratio)
    average = total_cost / max(len(beads), 1)
    trustworthy = average <= _GOOD_PARAGRAPH_COST
    if not trustworthy:
        attacher.notes.append(
            Note(
                N_(
                    "The paragraph alignment is uncertain: each draft was put whole on the first segment of "
                    "its paragraph; check that it belongs there."
                )
            )
        )
    previous_last: int | None = None
    orphans: list[str] = []
    for source_range, mt_range in beads:
        pieces = [mt_paragraphs[k] for k in mt_range]
        if not source_range:
            if previous_last is None:
                orphans.extend(pieces)
            else:
                attacher.add(previous_last, pieces)
                attacher.notes.append(
                    Note(_EXTRA_PARAGRAPH, segment=previous_last + 1, text=_quote(pieces[0]))
                )
            continue
        group = [segment for k in source_range for segment in paragraphs[k]]
        first, previous_last = group[0].position, group[-1].position
        if orphans:
            attacher.notes.append(Note(_EXTRA_PARAGRAPH, segment=first + 1, text=_quote(orphans[0])))
            attacher.add(first, orphans)
            orphans = []
        if not pieces:
            attacher.notes.append(
                Note(
                    N_("Paragraph %(paragraph)d has no MT paragraph; its drafts are empty."),
                    paragraph=source_range.start + 1,
                )
            )
            continue
        if len(source_range) > 1:
            attacher.notes.append(
                Note(
                    N_("Paragraphs %(first)d–%(last)d match one MT paragraph."),
                    first=source_range.start + 1,
                    last=source_range[-1] + 1,
                )
            )
        elif len(mt_range) > 1:
            attacher.notes.append(
                Note(
                    N_("Paragraph %(paragraph)d matches %(count)d MT paragraphs."),
                    paragraph=source_range.start + 1,
                    count=len(mt_range),
                )
            )
        if trustworthy:
            attacher.align_paragraph(group, pieces, target_lang, ratio)
        else:
            attacher.add(first, pieces)


def align_mt_draft(
    source_segments: Sequence[SegmentDraft], mt_text: str, source_lang: str, target_lang: str
) -> AlignmentResult:
    """Give each source segment the part of the MT draft that translates it.

    ``mode`` is "sentence" when paragraphs matched one to one and sentences were aligned inside them,
    "paragraph" when the paragraph counts disagree and paragraphs had to be aligned first (if that
    alignment is uncertain, each source paragraph gets its whole MT on its first segment).
    The languages give the usual length ratio of the pair, which the texts' own totals then refine.
    """
    prior = prior_ratio(source_lang, target_lang)
    # Results are indexed by list position; make the segments' positions say the same.
    source_segments = [replace(segment, position=index) for index, segment in enumerate(source_segments)]
    attacher = _Attacher(len(source_segments), sentence_joiner(target_lang))
    mt_paragraphs = split_paragraphs(mt_text)
    if not source_segments or not mt_paragraphs:
        if source_segments:
            attacher.notes.append(Note(N_("The MT draft is empty; no segment has a draft.")))
        return AlignmentResult(attacher.mt_by_segment, "sentence", attacher.notes)

    paragraphs = _group_by_paragraph(source_segments)
    mt_paragraphs = _drop_extra_leading_headings(
        paragraphs, mt_paragraphs, target_lang, prior, attacher.notes
    )

    if len(mt_paragraphs) == len(paragraphs):
        ratio = estimate_ratio(
            [text_unit(s.text) for s in source_segments], [text_unit(t) for t in mt_paragraphs], prior
        )
        for group, mt_paragraph in zip(paragraphs, mt_paragraphs, strict=True):
            attacher.align_paragraph(group, [mt_paragraph], target_lang, ratio)
        return AlignmentResult(attacher.mt_by_segment, "sentence", attacher.notes)

    if len(mt_paragraphs) == len(source_segments):
        attacher.notes.append(
            Note(
                N_("The MT draft has one line per source segment (%(count)d); matched line by line."),
                count=len(source_segments),
            )
        )
        for segment, line in zip(source_segments, mt_paragraphs, strict=True):
            attacher.add(segment.position, [line])
        return AlignmentResult(attacher.mt_by_segment, "sentence", attacher.notes)

    attacher.notes.insert(
        0,
        Note(
            N_(
                "Source has %(source)d paragraphs but the MT draft has %(mt)d; "
                "aligned paragraph by paragraph first."
            ),
            source=len(paragraphs),
            mt=len(mt_paragraphs),
        ),
    )
    _align_paragraph_mode(paragraphs, mt_paragraphs, target_lang, prior, attacher)
    return AlignmentResult(attacher.mt_by_segment, "paragraph", attacher.notes)
