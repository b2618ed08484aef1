"""How one Chinese name is rendered across the segments of an article, to find names rendered two ways.

A Chinese organisation or place name is a distinctive part followed by a generic head: 人福 + 医药,
城东U + 谷, 宜昌 + 片区. English keeps the head as a translated word at the end of a capitalised phrase
("Renfu Pharmaceutical", "Chengdong U Valley") and renders the distinctive part by pinyin or by meaning —
which machine translation does differently from one sentence to the next ("Humanwell Pharmaceutical",
"East City U Valley"). This module pairs the occurrences of one name in two segments with the capitalised
English phrases ending in the head's translation, and reports pairs whose distinctive words disagree.

It is deliberately precise rather than complete: a name must end with a known head, appear in both
segments, and be rendered in both targets as a capitalised phrase ending in that head's English word;
differences explained by extra Chinese words before the name (宜昌人福医药 → "Yichang …") are allowed,
and so are short forms ("Humanwell Pharmaceutical" after "Yichang Humanwell Pharmaceutical").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["NameConflict", "find_name_conflicts"]

# Generic heads of Chinese names and the English words that end their renderings.
_HEADS: dict[str, tuple[str, ...]] = {
    "医药": ("Pharmaceutical", "Pharmaceuticals", "Pharma", "Medicine"),
    "药业": ("Pharmaceutical", "Pharmaceuticals", "Pharma"),
    "制药": ("Pharmaceutical", "Pharmaceuticals", "Pharma"),
    "谷": ("Valley",),
    "科技": ("Technology", "Technologies", "Tech"),
    "集团": ("Group",),
    "银行": ("Bank",),
    "大学": ("University",),
    "医院": ("Hospital",),
    "港": ("Port",),
    "园区": ("Park",),
    "产业园": ("Park", "Industrial Park"),
    "片区": ("Area", "Zone"),
    "新区": ("New Area", "New District"),
    "开发区": ("Development Zone",),
    "实验室": ("Laboratory", "Lab"),
    "研究院": ("Institute", "Academy"),
    "中心": ("Center", "Centre"),
    "物流": ("Logistics",),
    "电子": ("Electronics",),
    "电气": ("Electric",),
    "能源": ("Energy",),
    "化工": ("Chemical", "Chemicals"),
    "机械": ("Machinery",),
    "控股": ("Holdings",),
    "航空": ("Airlines", "Aviation"),
    "汽车": ("Auto", "Automobile", "Motor", "Motors"),
    "生物": ("Biotech", "Biotechnology", "Bio"),
}
_HEAD_PATTERN = re.compile("|".join(sorted(map(re.escape, _HEADS), key=len, reverse=True)))
# The characters a name may consist of before its head: Chinese characters and Latin letters (城东U谷).
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,6}$")
# Capitalised words that start an English sentence or clause rather than a name.
_FUNCTION_WORD_LIST = (
    "The A An In On At By For From Since As With Its Their This That These Those Last Next Both Of And "
    "Under Over After Before During Among Between Through Meanwhile Also Then"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_LIST.split())
_CAPITALISED = r"(?:[A-Z][A-Za-z'’&.-]*|[A-Z])"
_PHRASE_PATTERNS = {
    head: re.compile(rf"((?:{_CAPITALISED}\s+)+)(?:{'|'.join(map(re.escape, words))})\b")
    for head, words in _HEADS.items()
}
_MIN_SHARED_NAME = 2  # characters of the distinctive part two occurrences must share


@dataclass(frozen=True, slots=True)
class NameConflict:
    """A name (人福医药) rendered ``first`` in segment ``first_index`` and ``second`` in ``second_index``."""

    name: str
    first_index: int
    first: str
    second_index: int
    second: str
    start: int
    end: int


_Phrase = tuple[tuple[str, ...], int, int]  # the distinctive words, the start and end in the target


@dataclass(frozen=True, slots=True)
class _Occurrence:
    """A head found in a source segment and the name characters right before it."""

    segment: int
    head: str
    before: str


def _occurrences(index: int, source: str) -> list[_Occurrence]:
    """Every known head in a source segment with the run of name characters before it."""
    found = []
    for match in _HEAD_PATTERN.finditer(source):
        before = _NAME_CHARS.search(source, max(0, match.start() - 6), match.start())
        if before:
            found.append(_Occurrence(index, match.group(0), before.group(0)))
    return found


def _phrases(target: str, head: str) -> list[_Phrase]:
    """Capitalised English phrases ending in a rendering of ``head``: (distinctive words, start, end)."""
    phrases: list[_Phrase] = []
    if not any(word in target for word in _HEADS[head]):
        return phrases  # most targets: no need to run the regex
    for match in _PHRASE_PATTERNS[head].finditer(target):
        modifiers = match.group(1).split()
        while modifiers and modifiers[0] in _FUNCTION_WORDS:
            modifiers.pop(0)
        if modifiers:
            phrases.append(
                (tuple(modifiers), match.start(1) + match.group(1).index(modifiers[0]), match.end())
            )
    return phrases


def _shared_suffix(first: str, second: str) -> str:
    """The longest common ending of two strings."""
    length = 0
    while length < min(len(first), len(second)) and first[-1 - length] == second[-1 - length]:
        length += 1
    return first[len(first) - length :]


def _compatible(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether two renderings agree: equal, or one a short form ending the other."""
    shorter, longer = sorted((first, second), key=len)
    return longer[len(longer) - len(shorter) :] == shorter


def _explained_words(extra: str) -> int:
    """How many English words extra Chinese characters before a name may account for (宜昌 → "Yichang")."""
    return (len(extra) + 1) // 2


def find_name_conflicts(pairs: Sequence[tuple[str, str]]) -> list[NameConflict]:
    """Names that occur in two segments and are rendered with different distinctive words in their targets.

    Each later segment is compared with the first one that has the same name, once per name.
    """
    # Per head, the first occurrence of each distinct run of characters before it: repeats add nothing.
    by_head: dict[str, dict[str, _Occurrence]] = {}
    phrases: dict[tuple[str, str], list[_Phrase]] = {}
    conflicts: list[NameConflict] = []
    reported: set[tuple[str, int]] = set()
    for index, (source, _) in enumerate(pairs):
        for occurrence in _occurrences(index, source):
            earlier_by_before = by_head.setdefault(occurrence.head, {})
            for earlier in earlier_by_before.values():
                shared = _shared_suffix(earlier.before, occurrence.before)
                name = shared + occurrence.head
                if earlier.segment == index or len(shared) < _MIN_SHARED_NAME or (name, index) in reported:
                    continue
                conflict = _compare(pairs, phrases, earlier, occurrence, shared, name)
                if conflict is not None:
                    conflicts.append(conflict)
                    reported.add((name, index))
            earlier_by_before.setdefault(occurrence.before, occurrence)
    return conflicts


def _compare(
    pairs: Sequence[tuple[str, str]],
    phrases: dict[tuple[str, str], list[_Phrase]],
    earlier: _Occurrence,
    later: _Occurrence,
    shared: str,
    name: str,
) -> NameConflict | None:
    """A conflict when no rendering of the name in the earlier target agrees with one in the later target.

    ``phrases`` caches the head phrases of each distinct target text.
    """
    found = []
    for occurrence in (earlier, later):
        key = (pairs[occurrence.segment][1], occurrence.head)
        if key not in phrases:
            phrases[key] = _phrases(*key)
        found.append(phrases[key])
    earlier_phrases, later_phrases = found
    if not earlier_phrases or not later_phrases:
        return None
    skip_earlier = _explained_words(earlier.before[: len(earlier.before) - len(shared)])
    skip_later = _explained_words(later.before[: len(later.before) - len(shared)])
    for first_words, _, _ in earlier_phrases:
        for second_words, _, _ in later_phrases:
            if _compatible(first_words[skip_earlier:], second_words[skip_later:]):
                return None
    target = pairs[later.segment][1]
    (first_words, first_start, first_end), (_, start, end) = earlier_phrases[0], later_phrases[0]
    return NameConflict(
        name=name,
        first_index=earlier.segment,
        first=pairs[earlier.segment][1][first_start:first_end],
        second_index=later.segment,
        second=target[start:end],
        start=start,
        end=end,
    )
