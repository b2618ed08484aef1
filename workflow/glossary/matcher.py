"""Find glossary terms in a source text with one Aho–Corasick automaton per language pair.

The automaton is built once from every term's search forms, so a lookup costs one pass over the text no
matter how large the glossary is — never a loop over the terms.

* Chinese, Japanese and Korean sources are matched as substrings, leftmost-longest and non-overlapping,
  so 自由贸易试验区 wins over the 贸易 nested inside it.
* Space-separated sources are matched on word boundaries, case-insensitively unless a term says
  otherwise, and tolerate plural and possessive endings on the last word (company → companies,
  company's; tax → taxes). All matches are collected and the leftmost-longest valid ones kept, so a
  candidate rejected at a word boundary never hides a valid term.

Offsets are character offsets into the text as given. Lower-casing is done one character to one
character (:func:`fold_case`), so offsets in the folded text are offsets in the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

import ahocorasick_rs

from workflow.checks.base import primary_subtag
from workflow.glossary.terms import TermData

UNSEGMENTED_LANGUAGES = frozenset({"zh", "ja", "ko", "yue", "wuu", "lzh"})
_APOSTROPHES = ("'", "’")
_DOUBLE_QUOTES = "“”„‟＂«»"
_SINGLE_QUOTES = "‘’‚‛＇"
_QUOTE_PAIRS = tuple((q, '"') for q in _DOUBLE_QUOTES) + tuple((q, "'") for q in _SINGLE_QUOTES)
_ANY_QUOTE = "[\"'" + _DOUBLE_QUOTES + _SINGLE_QUOTES + "]"


class TermMatch(NamedTuple):
    """One occurrence of a glossary term in a text: which term, and where (character offsets).

    A named tuple rather than a dataclass because a lookup builds thousands of them per article.
    """

    term_index: int
    term_id: int | None
    source_term: str
    target_term: str
    start: int
    end: int


def is_unsegmented(language: str) -> bool:
    """Whether ``language`` is written without spaces between words (matched as substrings)."""
    return primary_subtag(language) in UNSEGMENTED_LANGUAGES


def fold_quotes(text: str) -> str:
    """Curly and full-width quotes → straight ones, one character for one, so “小巨人” finds "小巨人"."""
    for quote, straight in _QUOTE_PAIRS:
        if quote in text:  # a few C-speed scans beat one str.translate with a dict table
            text = text.replace(quote, straight)
    return text


def fold_case(text: str) -> str:
    """Lower-case ``text`` and straighten its quotes, keeping its length so offsets stay valid.

    ``str.lower`` turns a few characters into two (``İ`` → ``i̇``); those are left as they are.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(_fold_char(char) for char in text)
    return fold_quotes(lowered)


@lru_cache(maxsize=256)
def _fold_char(char: str) -> str:
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def inflected_forms(term: str) -> tuple[str, ...]:
    """The plural and possessive forms of ``term``'s last word: tax → taxes, tax's; policy → policies."""
    forms = [term, term + "s", term + "es"]
    forms += [term + apostrophe + "s" for apostrophe in _APOSTROPHES]
    if term.endswith(("s", "S")):
        forms += [term + apostrophe for apostrophe in _APOSTROPHES]
    forms += [term + "s" + apostrophe for apostrophe in _APOSTROPHES]
    if len(term) > 1 and term[-1] in "yY" and term[-2].lower() not in "aeiou":
        stem = term[:-1] + ("IES" if term[-1] == "Y" else "ies")
        forms += [stem, *(stem + apostrophe for apostrophe in _APOSTROPHES)]
    return tuple(dict.fromkeys(forms))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _at_word_boundaries(text: str, start: int, end: int) -> bool:
    before_ok = start == 0 or not _is_word_char(text[start - 1]) or not _is_word_char(text[start])
    after_ok = end >= len(text) or not _is_word_char(text[end]) or not _is_word_char(text[end - 1])
    return before_ok and after_ok


def _has_latin_edge(pattern: str) -> bool:
    return any(char.isascii() and char.isalnum() for char in (pattern[0], pattern[-1]))


def _latin_edges_ok(text: str, start: int, end: int) -> bool:
    """In unsegmented text, a term that begins or ends with a Latin letter or digit must not cut a word."""

    def latin(char: str) -> bool:
        return char.isascii() and char.isalnum()

    if start > 0 and latin(text[start]) and latin(text[start - 1]):
        return False
    return not (end < len(text) and latin(text[end - 1]) and latin(text[end]))


class GlossaryMatcher:
    """All the terms of one language pair, compiled into one automaton for fast lookup in source texts."""

    def __init__(self, terms: Sequence[TermData], source_lang: str = "zh", target_lang: str = "en") -> None:
        """Compile ``terms`` (a glossary for ``source_lang`` → ``target_lang``); empty sources are skipped."""
        self.terms: tuple[TermData, ...] = tuple(terms)
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.unsegmented_source = is_unsegmented(source_lang)
        self.unsegmented_target = is_unsegmented(target_lang)
        # Each folded search form → the (term index, exact form) pairs it stands for; case-sensitive first.
        entries: dict[str, list[tuple[int, str]]] = {}
        for index, term in enumerate(self.terms):
            source = term.source_term.strip()
            if not source:
                continue
            forms = (source,) if self.unsegmented_source else inflected_forms(source)
            for form in forms:
                entries.setdefault(fold_case(form), []).append((index, form))
        for candidates in entries.values():
            candidates.sort(key=lambda item: not self.terms[item[0]].case_sensitive)
        self._patterns = list(entries)
        self._candidates = [entries[pattern] for pattern in self._patterns]
        # Patterns whose match needs no check (no case flag, no Latin edge) map straight to their term.
        self._unchecked: list[tuple[int, int | None, str, str] | None] = []
        for pattern, candidates in zip(self._patterns, self._candidates, strict=True):
            index = candidates[0][0]
            term = self.terms[index]
            needs_check = term.case_sensitive or _has_latin_edge(pattern) or not self.unsegmented_source
            self._unchecked.append(
                None if needs_check else (index, term.id, term.source_term, term.target_term)
            )
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        if self._patterns:
            kind = (
                ahocorasick_rs.MatchKind.LeftmostLongest
                if self.unsegmented_source
                else ahocorasick_rs.MatchKind.Standard
            )
            self._automaton = ahocorasick_rs.AhoCorasick(self._patterns, matchkind=kind)
        self._rendering_regex_cache: dict[tuple[str, bool], re.Pattern[str]] = {}

    def __len__(self) -> int:
        """The number of terms the matcher was built from."""
        return len(self.terms)

    def find(self, text: str) -> list[TermMatch]:
        """Every glossary term in ``text``, leftmost-longest and non-overlapping, in text order."""
        if self._automaton is None or not text:
            return []
        folded = fold_case(text)
        if self.unsegmented_source:
            raw = self._automaton.find_matches_as_indexes(folded, overlapping=False)
            found: list[TermMatch] = []
            unchecked = self._unchecked
            for pattern, start, end in raw:
                known = unchecked[pattern]
                if known is not None:
                    found.append(TermMatch(*known, start, end))
                elif match := self._accept(text, pattern, start, end, _latin_edges_ok):
                    found.append(match)
            return found
        raw = self._automaton.find_matches_as_indexes(folded, overlapping=True)
        candidates = [m for m in (self._accept(text, p, s, e, _at_word_boundaries) for p, s, e in raw) if m]
        candidates.sort(key=lambda m: (m.start, m.start - m.end))
        chosen: list[TermMatch] = []
        covered_until = 0
        for match in candidates:
            if match.start >= covered_until:
                chosen.append(match)
                covered_until = match.end
        return chosen

    def _accept(
        self, text: str, pattern: int, start: int, end: int, edges_ok: Callable[[str, int, int], bool]
    ) -> TermMatch | None:
        if not edges_ok(text, start, end):
            return None
        found = text[start:end]
        for index, form in self._candidates[pattern]:
            term = self.terms[index]
            if not term.case_sensitive or fold_quotes(found) == fold_quotes(form):
                return TermMatch(index, term.id, term.source_term, term.target_term, start, end)
        return None

    def terms_in(self, text: str) -> list[tuple[TermData, TermMatch]]:
        """Each distinct term found in ``text`` with its first occurrence, in order of appearance."""
        seen: dict[int, TermMatch] = {}
        for match in self.find(text):
            seen.setdefault(match.term_index, match)
        return [(self.terms[index], match) for index, match in seen.items()]

    def target_occurrences(self, term: TermData, target_text: str) -> list[tuple[int, int]]:
        """Spans of ``term``'s preferred rendering or any accepted variant in a translation.

        Inflection-tolerant and case-insensitive unless the term is case-sensitive, like source matching.
        """
        return self.rendering_spans(term.accepted_renderings, target_text, term.case_sensitive)

    def forbidden_occurrences(self, term: TermData, target_text: str) -> list[tuple[int, int]]:
        """Spans of ``term``'s forbidden renderings in a translation, except inside an accepted rendering."""
        forbidden = self.rendering_spans(term.forbidden, target_text, term.case_sensitive)
        if not forbidden:
            return []
        accepted = self.target_occurrences(term, target_text)
        return [
            (start, end)
            for start, end in forbidden
            if not any(
                a_start <= start and end <= a_end and (a_end - a_start) > (end - start)
                for a_start, a_end in accepted
            )
        ]

    def rendering_spans(
        self, renderings: Sequence[str], target_text: str, case_sensitive: bool
    ) -> list[tuple[int, int]]:
        """Non-overlapping spans in ``target_text`` where any of ``renderings`` occurs (longest first)."""
        wanted = [r.strip() for r in renderings if r.strip()]
        if not wanted or not target_text:
            return []
        key = ("\x00".join(sorted(wanted, key=len, reverse=True)), case_sensitive)
        pattern = self._rendering_regex_cache.get(key)
        if pattern is None:
            pattern = _rendering_regex(wanted, case_sensitive, self.unsegmented_target)
            if len(self._rendering_regex_cache) < 4096:
                self._rendering_regex_cache[key] = pattern
        return [match.span() for match in pattern.finditer(target_text)]


def _rendering_regex(renderings: Sequence[str], case_sensitive: bool, unsegmented: bool) -> re.Pattern[str]:
    """One regex matching any rendering, whole words and inflections for space-separated languages."""
    alternatives = []
    for rendering in sorted(renderings, key=len, reverse=True):
        words = rendering.split()
        if unsegmented:
            alternatives.append(r"\s*".join(_literal(word) for word in words))
            continue
        alternatives.append(r"\s+".join([*map(_literal, words[:-1]), _inflected_word(words[-1])]))
    body = "|".join(f"(?:{a})" for a in alternatives)
    if not unsegmented:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def _literal(word: str) -> str:
    """``word`` as a regex in which any quote mark matches any other quote mark, or none."""
    return "".join(_ANY_QUOTE + "?" if fold_quotes(char) in "\"'" else re.escape(char) for char in word)


def _inflected_word(word: str) -> str:
    """A regex for ``word`` with an optional plural and possessive ending: policy → polic(?:y|ies)…"""
    possessive = r"(?:['’]s?)?"
    if len(word) > 1 and word[-1] in "yY" and word[-2].lower() not in "aeiou" and word[-2].isalpha():
        return _literal(word[:-1]) + r"(?:y|ies)" + possessive
    if word[-1:].isalnum():
        return _literal(word) + r"(?:e?s)?" + possessive
    return _literal(word)
