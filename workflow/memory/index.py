"""An in-process fuzzy index over one language pair's translation-memory entries.

How a lookup works, and why it is fast without numpy:

1. **Candidates.** Every stored source is normalised (see :mod:`workflow.memory.scoring`) and cut into
   character trigrams (for Chinese, trigrams rather than bigrams: on 200,000 trade-news sentences they
   were four times faster at the same recall, because far fewer of them are very frequent; for other
   languages they run over letters and single spaces). Each trigram keeps a posting list (``array('i')``
   of internal slot numbers). A query's n-grams are visited rarest
   first and their postings counted with :class:`collections.Counter`; very frequent n-grams are skipped
   once the rarer ones have supplied enough postings (they carry little information and would dominate the
   cost). The ``candidates_to_rescore`` slots sharing the most counted n-grams are the candidates, minus
   those whose length cannot reach the threshold (similarity never exceeds ``shorter / longer``).
2. **Re-ranking.** The candidates are scored with the real scorer (rapidfuzz Levenshtein similarity, per
   character or per word) and the best ones above the threshold are returned. An identical source whose
   neighbouring segments match the query's neighbours scores 101 ("context match") and ranks first.

Adding and removing entries is incremental. A removed entry's slot is only marked dead; once dead slots
are a quarter of the index the posting lists are compacted, so the cost is amortised. The service keeps
one index per language pair in every worker and feeds it new and deleted entry ids as they appear.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress, islice

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from workflow.memory.scoring import (
    CONTEXT_MATCH_SCORE,
    EXACT_SCORE,
    context_hash,
    finish_score,
    is_character_scored,
    normalise_for_matching,
    scoring_units,
)

DEFAULT_THRESHOLD = 70
DEFAULT_LIMIT = 5
CANDIDATES_TO_RESCORE = 200
POSTINGS_BUDGET = 6_000
MIN_GRAMS_COUNTED = 6
_DEAD_SLOT = -1


@dataclass(frozen=True, slots=True)
class TmMatch:
    """One lookup result: the stored entry and its score (0–100, or 101 for a context match)."""

    entry_id: int
    source: str
    target: str
    score: float
    meta: object = None

    @property
    def is_context_match(self) -> bool:
        """True when the source is identical and the neighbouring segments match too."""
        return self.score >= CONTEXT_MATCH_SCORE


class _Entry:
    __slots__ = ("context_next", "context_prev", "meta", "slot", "source", "target")

    def __init__(
        self,
        slot: int,
        source: str,
        target: str,
        context_prev: str | None,
        context_next: str | None,
        meta: object,
    ) -> None:
        self.slot = slot
        self.source = source
        self.target = target
        self.context_prev = context_prev
        self.context_next = context_next
        self.meta = meta


class TranslationMemoryIndex:
    """Fuzzy lookup over the entries of one source language (targets are carried, never searched)."""

    #: Tuning knobs (measured with ``bench/tm_bench.py``): n-gram length for character-scored languages,
    #: how many postings one lookup may count, how many n-grams are counted whatever their frequency,
    #: and how many top-counted candidates are re-scored.
    character_gram_size = 3
    postings_budget = POSTINGS_BUDGET
    min_grams_counted = MIN_GRAMS_COUNTED
    candidates_to_rescore = CANDIDATES_TO_RESCORE

    def __init__(self, source_language: str) -> None:
        """Create an empty index; ``source_language`` decides characters versus words (see scoring)."""
        self.source_language = source_language
        self._by_characters = is_character_scored(source_language)
        self._entries: dict[int, _Entry] = {}
        self._slot_entry_ids: array = array("q")
        self._slot_normalised: list[str | None] = []
        self._slot_lengths: array = array("i")
        self._postings: dict[str, array] = {}
        self._dead_slots = 0

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def entry_ids(self) -> Iterator[int]:
        """The ids of the entries currently indexed (for syncing with the database)."""
        return iter(self._entries)

    def add(
        self,
        entry_id: int,
        source: str,
        target: str,
        *,
        context_prev: str | None = None,
        context_next: str | None = None,
        meta: object = None,
    ) -> None:
        """Index an entry; adding an id that is already present replaces it.

        ``context_prev``/``context_next`` are the source texts of the segments around it where it was
        translated; only a short hash of each is kept (:func:`~workflow.memory.scoring.context_hash`).
        """
        if entry_id in self._entries:
            self.remove(entry_id)
        normalised = normalise_for_matching(source, self.source_language)
        slot = self._append_slot(entry_id, normalised)
        self._entries[entry_id] = _Entry(
            slot,
            source,
            target,
            context_hash(context_prev, self.source_language),
            context_hash(context_next, self.source_language),
            meta,
        )

    def remove(self, entry_id: int) -> bool:
        """Forget an entry; returns False when it was not indexed."""
        entry = self._entries.pop(entry_id, None)
        if entry is None:
            return False
        self._slot_entry_ids[entry.slot] = _DEAD_SLOT
        self._slot_normalised[entry.slot] = None
        self._dead_slots += 1
        if self._dead_slots > max(1024, len(self._entries) // 4):
            self._compact()
        return True

    def lookup(
        self,
        query: str,
        *,
        limit: int = DEFAULT_LIMIT,
        threshold: float = DEFAULT_THRESHOLD,
        context_prev: str | None = None,
        context_next: str | None = None,
    ) -> list[TmMatch]:
        """The best ``limit`` matches scoring at least ``threshold``, best first (context matches at 101)."""
        query_normalised = normalise_for_matching(query, self.source_language)
        if not query_normalised or not self._entries or limit <= 0:
            return []
        cutoff = max(0.0, min(1.0, threshold / 100.0))
        scored = self._score_candidates(query_normalised, cutoff)
        prev_hash = context_hash(context_prev, self.source_language)
        next_hash = context_hash(context_next, self.source_language)
        matches = []
        for entry_id, similarity in scored:
            entry = self._entries[entry_id]
            score = finish_score(similarity, query, entry.source)
            if score >= EXACT_SCORE and _context_matches(entry, prev_hash, next_hash):
                score = float(CONTEXT_MATCH_SCORE)
            if score >= threshold:
                matches.append(TmMatch(entry_id, entry.source, entry.target, score, entry.meta))
        matches.sort(key=lambda match: (-match.score, -match.entry_id))
        return matches[:limit]

    # -- internals -------------------------------------------------------------------------------------

    def _unit_length(self, normalised: str) -> int:
        return len(normalised) if self._by_characters else len(normalised.split())

    def _grams(self, normalised: str) -> set[str]:
        if self._by_characters:
            size = self.character_gram_size
            if len(normalised) < size:
                return {normalised} if normalised else set()
            return {normalised[i : i + size] for i in range(len(normalised) - size + 1)}
        padded = f" {normalised} "
        return {padded[i : i + 3] for i in range(len(padded) - 2)}

    def _score_candidates(self, query_normalised: str, cutoff: float) -> list[tuple[int, float]]:
        """(entry id, similarity 0–100) for every candidate reaching ``cutoff``."""
        query_length = self._unit_length(query_normalised)
        shortest = query_length * cutoff
        longest = query_length / cutoff if cutoff > 0 else float("inf")
        lengths = self._slot_lengths
        entry_ids = self._slot_entry_ids
        slots = [
            slot
            for slot in self._candidate_slots(query_normalised)
            if entry_ids[slot] != _DEAD_SLOT and shortest <= lengths[slot] <= longest
        ]
        normalised = self._slot_normalised
        if self._by_characters:
            choices: list = [normalised[slot] for slot in slots]
        else:
            choices = [normalised[slot].split() for slot in slots]  # type: ignore[union-attr]
        hits = process.extract(
            scoring_units(query_normalised, self.source_language),
            choices,
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=cutoff,
            limit=None,
        )
        return [(entry_ids[slots[position]], 100.0 * similarity) for _, similarity, position in hits]

    def _candidate_slots(self, query_normalised: str) -> list[int]:
        """Slots sharing the most counted n-grams with the query (rarest n-grams counted first)."""
        posting_lists = sorted(filter(None, map(self._postings.get, self._grams(query_normalised))), key=len)
        counts: Counter[int] = Counter()
        counted_postings = 0
        for grams_counted, postings in enumerate(posting_lists):
            if (
                grams_counted >= self.min_grams_counted
                and counted_postings + len(postings) > self.postings_budget
            ):
                break
            counts.update(postings)
            counted_postings += len(postings)
        if len(counts) <= self.candidates_to_rescore:
            return list(counts)
        # Top slots by count without a Python-level heap: find the lowest count still needed from a
        # histogram of counts, then filter with C-level iterators.
        histogram = Counter(counts.values())
        needed = self.candidates_to_rescore
        cutoff = 1
        for count in sorted(histogram, reverse=True):
            if histogram[count] >= needed:
                cutoff = count
                break
            needed -= histogram[count]
        above = list(compress(counts.keys(), map((cutoff + 1).__le__, counts.values())))
        at_cutoff = compress(counts.keys(), map(cutoff.__eq__, counts.values()))
        return above + list(islice(at_cutoff, self.candidates_to_rescore - len(above)))

    def _append_slot(self, entry_id: int, normalised: str) -> int:
        """Give an entry's normalised source the next slot and post it under each of its grams."""
        slot = len(self._slot_entry_ids)
        self._slot_entry_ids.append(entry_id)
        self._slot_normalised.append(normalised)
        self._slot_lengths.append(self._unit_length(normalised))
        for gram in self._grams(normalised):
            postings = self._postings.get(gram)
            if postings is None:
                self._postings[gram] = array("i", (slot,))
            else:
                postings.append(slot)
        return slot

    def _compact(self) -> None:
        """Renumber live slots densely and rebuild the posting lists without the dead ones."""
        live = [(entry_id, entry) for entry_id, entry in self._entries.items()]
        old_normalised = self._slot_normalised
        self._slot_entry_ids = array("q")
        self._slot_normalised = []
        self._slot_lengths = array("i")
        self._postings = {}
        self._dead_slots = 0
        for entry_id, entry in live:
            normalised = old_normalised[entry.slot]
            assert normalised is not None
            entry.slot = self._append_slot(entry_id, normalised)


def _context_matches(entry: _Entry, prev_hash: str | None, next_hash: str | None) -> bool:
    """Both sides that the query and the entry know must agree, and at least one side must be known."""
    compared = False
    for query_side, entry_side in ((prev_hash, entry.context_prev), (next_hash, entry.context_next)):
        if query_side is None or entry_side is None:
            continue
        if query_side != entry_side:
            return False
        compared = True
    return compared
