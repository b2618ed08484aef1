"""The sentence aligner behind ``alignment``: a Gale–Church dynamic program over lengths, with number anchors.

Each side is a sequence of units (sentences or paragraphs) reduced to a length and the numbers it holds.
Beads (1:1, 1:2, 2:1, 3:1, 1:3, 1:0, 0:1) are scored by their prior, by how far the MT length is from
the source length times the pair's length ratio, and by whether their numbers agree: "13.56亿元" and
"1.356 billion yuan", "3082名" and "3,082" are the same value, which pins sentences whose lengths alone
could swap. Trade news is dense with figures, so this anchor is cheap and strong.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from workflow.domain.languages import sentence_joiner

Bead = tuple[range, range]

# Prior probability of each bead (source units, MT units), after Gale & Church (1993), with 3:1 and 1:3
# added because MT of Chinese often folds a run of "；" clauses into one English sentence or vice versa.
_BEAD_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.88,
    (1, 0): 0.005,
    (0, 1): 0.005,
    (2, 1): 0.045,
    (1, 2): 0.045,
    (3, 1): 0.01,
    (1, 3): 0.01,
}
_BEAD_COSTS = {bead: -math.log(prior) for bead, prior in _BEAD_PRIORS.items()}
# Variance of the MT length around its expected value, per character; measured on the demo article
# (zh->en MT, about 3.2) and rounded up. Gale and Church used 6.8 for human English-French.
_LENGTH_VARIANCE = 4.0
_RATIO_BOUNDS = (0.2, 8.0)
_DENSE_SCRIPT_RATIO = 3.3  # English characters per Chinese/Japanese character
_PRIOR_WEIGHT = 200  # how many source characters of evidence the pair's usual ratio is worth
_NUMBER_MATCH_BONUS = 1.5
_NUMBER_MISMATCH_COST = 0.75

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_MULTIPLIER = re.compile(
    r"\s*(?P<unit>万亿|亿|万|千|百万|trillion|billion|million|thousand)(?![a-z])", re.IGNORECASE
)
_MULTIPLIERS = {
    "万亿": 1e12,
    "trillion": 1e12,
    "亿": 1e8,
    "billion": 1e9,
    "百万": 1e6,
    "million": 1e6,
    "万": 1e4,
    "千": 1e3,
    "thousand": 1e3,
}


@dataclass(frozen=True, slots=True)
class Unit:
    """What the aligner knows of a sentence or paragraph: its length and the numbers it holds."""

    length: int
    numbers: Counter[float]


def numbers_in(text: str) -> Counter[float]:
    """Return the numeric values written in ``text`` with digits, scaled by 万/亿/million/billion."""
    values: Counter[float] = Counter()
    for match in _NUMBER.finditer(text):
        value = float(match.group().replace(",", ""))
        unit = _MULTIPLIER.match(text, match.end())
        if unit:
            value *= _MULTIPLIERS[unit.group("unit").lower()]
        values[float(f"{value:.6g}")] += 1
    return values


def text_unit(text: str) -> Unit:
    """Reduce a text to a unit: characters that carry content (not whitespace) and its numbers."""
    return Unit(sum(1 for char in text if not char.isspace()), numbers_in(text))


def prior_ratio(source_lang: str, target_lang: str) -> float:
    """Return the usual MT/source character ratio of a language pair: about 3.3 from Chinese to English."""
    dense_source = sentence_joiner(source_lang) == ""
    dense_target = sentence_joiner(target_lang) == ""
    if dense_source == dense_target:
        return 1.0
    return _DENSE_SCRIPT_RATIO if dense_source else 1 / _DENSE_SCRIPT_RATIO


def estimate_ratio(source: Sequence[Unit], mt: Sequence[Unit], prior: float) -> float:
    """Estimate MT characters per source character from the totals, leaning on ``prior`` for short texts.

    A long article speaks for itself; in a short one, one missing sentence would skew the totals.
    """
    source_total = sum(unit.length for unit in source)
    mt_total = sum(unit.length for unit in mt)
    estimate = (mt_total + prior * _PRIOR_WEIGHT) / (source_total + _PRIOR_WEIGHT)
    low, high = _RATIO_BOUNDS
    return min(max(estimate, low), high)


def _length_cost(source_length: int, mt_length: int, ratio: float) -> float:
    """Return -log of the probability that texts of these lengths translate each other."""
    expected = source_length * ratio
    mean = max((expected + mt_length) / 2, 1.0)
    delta = abs(mt_length - expected) / math.sqrt(_LENGTH_VARIANCE * mean)
    return -math.log(max(math.erfc(delta / math.sqrt(2)), 1e-300))


def bead_cost(source: Sequence[Unit], mt: Sequence[Unit], ratio: float) -> float:
    """Return the cost of one bead: its prior, plus length fit and number agreement when both sides exist.

    A unit left out (1:0) or added (0:1) pays its prior only: Gale and Church's length cost against an
    empty side would make dropping any real sentence dearer than a badly fitting merge.
    """
    cost = _BEAD_COSTS[(len(source), len(mt))]
    if not source or not mt:
        return cost
    cost += _length_cost(sum(u.length for u in source), sum(u.length for u in mt), ratio)
    source_numbers = sum((u.numbers for u in source), Counter())
    mt_numbers = sum((u.numbers for u in mt), Counter())
    matched = sum((source_numbers & mt_numbers).values())
    unmatched = sum(source_numbers.values()) + sum(mt_numbers.values()) - 2 * matched
    return cost - _NUMBER_MATCH_BONUS * matched + _NUMBER_MISMATCH_COST * unmatched


def _pair_up_gaps(beads: list[Bead]) -> list[Bead]:
    """Turn a left-out source unit next to an added MT unit into one (poorly fitting) match."""
    paired: list[Bead] = []
    for source_range, mt_range in beads:
        if paired:
            previous_source, previous_mt = paired[-1]
            left_out_then_added = not previous_mt and not source_range
            added_then_left_out = not previous_source and not mt_range
            if left_out_then_added or added_then_left_out:
                paired[-1] = (
                    range(previous_source.start, source_range.stop),
                    range(previous_mt.start, mt_range.stop),
                )
                continue
        paired.append((source_range, mt_range))
    return paired


def align_units(source: Sequence[Unit], mt: Sequence[Unit], ratio: float) -> tuple[list[Bead], float]:
    """Find the cheapest sequence of beads covering both sides; return the beads in order and their cost.

    A left-out unit next to an added one is reported as a single match: the editor is better served by a
    poor draft in the right row than by an empty row and a stray sentence in the next.
    """
    rows, columns = len(source), len(mt)
    cost = [[math.inf] * (columns + 1) for _ in range(rows + 1)]
    step: list[list[tuple[int, int]]] = [[(0, 0)] * (columns + 1) for _ in range(rows + 1)]
    cost[0][0] = 0.0
    for i in range(rows + 1):
        for j in range(columns + 1):
            for di, dj in _BEAD_COSTS:
                if i < di or j < dj or cost[i - di][j - dj] == math.inf:
                    continue
                total = cost[i - di][j - dj] + bead_cost(source[i - di : i], mt[j - dj : j], ratio)
                if total < cost[i][j]:
                    cost[i][j], step[i][j] = total, (di, dj)
    beads: list[Bead] = []
    i, j = rows, columns
    while i or j:
        di, dj = step[i][j]  # every cell is reachable through 1:0 and 0:1 beads
        beads.append((range(i - di, i), range(j - dj, j)))
        i, j = i - di, j - dj
    beads.reverse()
    return _pair_up_gaps(beads), cost[rows][columns]
