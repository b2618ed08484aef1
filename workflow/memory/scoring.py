"""How alike two source segments are, as a translation-memory match percentage.

The score is an edit-distance similarity on *normalised* text::

    score = 100 × (1 − Levenshtein(a, b) / max(len(a), len(b)))

computed by :func:`rapidfuzz.distance.Levenshtein.normalized_similarity` over **characters** for languages
written without spaces (Chinese, Japanese, Korean — one edited character costs one unit) and over **word
tokens** for the others (one changed word costs one unit, whatever its length). Normalisation (NFKC,
case-folding, punctuation and whitespace removed) makes typography cheap: two segments that differ only in
punctuation, spacing, width or case normalise to the same text and score 99, never 100, so a translator
still sees that something differs; 100 is reserved for identical sources and 101 for an identical source
whose neighbouring segments also match (a "context match", decided by the index).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

EXACT_SCORE = 100
CONTEXT_MATCH_SCORE = 101
TYPOGRAPHY_ONLY_SCORE = 99

_CHARACTER_SCORED_LANGUAGES = frozenset({"zh", "ja", "ko", "yue", "wuu", "lzh", "cmn"})
_WORD_RE = re.compile(r"\w+")
_NOT_WORD_RE = re.compile(r"[\W_]+")

_CHINESE_DIGITS = "零〇一二三四五六七八九两十壹贰叁肆伍陆柒捌玖拾"
_CHINESE_MAGNITUDES = "百千万亿佰仟"
_COUNTED_UNITS = "年月日号个家项名位人元吨倍次岁天条座台辆件成%"
_NUMBER_RE = re.compile(rf"\d+(?:[.,]\d+)*|[{_CHINESE_DIGITS}{_CHINESE_MAGNITUDES}]+")


def is_character_scored(language: str) -> bool:
    """Whether ``language`` (a BCP 47 tag such as ``zh-CN``) is scored per character rather than per word."""
    primary = language.replace("_", "-").split("-", 1)[0].lower()
    return primary in _CHARACTER_SCORED_LANGUAGES


def normalise_for_matching(text: str, language: str) -> str:
    """The form of ``text`` that scoring and candidate search compare.

    NFKC folds full-width letters and digits into ASCII, case is folded and punctuation dropped. For
    character-scored languages all spaces go too; for the others words are joined by single spaces.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    if is_character_scored(language):
        return _NOT_WORD_RE.sub("", folded)
    return " ".join(_WORD_RE.findall(folded.replace("_", " ")))


def scoring_units(normalised: str, language: str) -> str | list[str]:
    """The units edit distance counts: the string itself (characters) or its list of words."""
    if is_character_scored(language):
        return normalised
    return normalised.split()


def similarity_of_normalised(query_norm: str, candidate_norm: str, language: str) -> float:
    """Similarity 0–100 of two already normalised texts, before the typography rule is applied."""
    query_units = scoring_units(query_norm, language)
    candidate_units = scoring_units(candidate_norm, language)
    if not query_units and not candidate_units:
        return 100.0
    return 100.0 * Levenshtein.normalized_similarity(query_units, candidate_units)


def finish_score(raw_similarity: float, query: str, candidate: str) -> float:
    """Round a similarity for display; anything not byte-identical stays below 100 (typography → 99)."""
    score = round(raw_similarity, 1)
    if query != candidate and score > TYPOGRAPHY_ONLY_SCORE:
        return float(TYPOGRAPHY_ONLY_SCORE)
    return score


def match_score(query: str, candidate: str, language: str) -> float:
    """The match percentage of ``candidate`` (a stored source) for ``query``, 0–100 (see module doc)."""
    if query == candidate:
        return float(EXACT_SCORE)
    similarity = similarity_of_normalised(
        normalise_for_matching(query, language), normalise_for_matching(candidate, language), language
    )
    return finish_score(similarity, query, candidate)


def context_hash(text: str | None, language: str) -> str | None:
    """A stable short hash of a neighbouring segment, for storing next to an entry (None stays None)."""
    if text is None:
        return None
    normalised = normalise_for_matching(text, language)
    return hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class NumberDifference:
    """Numbers present in one source but not the other: the translator must check them in the target."""

    only_in_query: tuple[str, ...]
    only_in_match: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.only_in_query or self.only_in_match)


def numbers_in(text: str) -> list[str]:
    """Digit sequences (``3.5``, ``2,000``) and Chinese numerals (``三十``, ``五年``'s ``五``) in order.

    A lone numeral character counts only before a unit (``五年``, ``三个``), so the ``一`` of ``统一`` is not
    a number; a bare magnitude such as the ``亿`` of ``3亿`` is not a number either.
    """
    folded = unicodedata.normalize("NFKC", text)
    numbers = []
    for match in _NUMBER_RE.finditer(folded):
        found = match.group(0)
        if found[0].isdigit():
            numbers.append(found)
            continue
        if not any(char in _CHINESE_DIGITS for char in found):
            continue
        next_char = folded[match.end() : match.end() + 1]
        if len(found) >= 2 or (next_char and next_char in _COUNTED_UNITS):
            numbers.append(found)
    return numbers


def number_differences(query: str, match_source: str) -> NumberDifference:
    """Compare the numbers of the query and of a match's source, each side listed in order of appearance.

    Deliberately simple: numbers are compared as written, so ``3`` and ``三`` count as different — exactly
    what a translator reusing the match's target must look at.
    """
    query_numbers = numbers_in(query)
    match_numbers = numbers_in(match_source)
    query_set, match_set = set(query_numbers), set(match_numbers)
    return NumberDifference(
        only_in_query=tuple(dict.fromkeys(n for n in query_numbers if n not in match_set)),
        only_in_match=tuple(dict.fromkeys(n for n in match_numbers if n not in query_set)),
    )
