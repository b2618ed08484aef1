"""The basis of a change: year on year (同比) versus on the previous period (环比), in Chinese and English.

Trade statistics state a change against one of two baselines: 同比 compares with the same period a year
earlier ("year on year", "from a year earlier"), 环比 with the period just before ("month on month",
"quarter on quarter", "from the previous month"). Machine translation swaps them now and then, which
turns a figure into another statistic; the ``numbers`` check uses these readers to catch the swap.
"""

from __future__ import annotations

import re
from enum import StrEnum

__all__ = ["Basis", "chinese_bases", "english_bases"]


Span = tuple[int, int]


class Basis(StrEnum):
    """The baseline a change is measured against."""

    YEAR_ON_YEAR = "year_on_year"
    PREVIOUS_PERIOD = "previous_period"


_ZH = (
    (re.compile(r"同比|(?:比|较|与)(?:上年|去年)同期"), Basis.YEAR_ON_YEAR),
    (re.compile(r"环比|(?:比|较)上(?:个?月|季度|周)"), Basis.PREVIOUS_PERIOD),
)
_EN = (
    (
        re.compile(
            r"\byear[\s-]+(?:on|over)[\s-]+year\b|\by-o-y\b|\byoy\b"
            r"|\b(?:from|than|on|over)\s+(?:a|one)\s+year\s+(?:earlier|ago|before)\b"
            r"|\bsame\s+period\s+(?:of\s+|in\s+)?(?:last|the\s+previous|a\s+year\s+earlier|the\s+prior)"
            r"|\b(?:from|than|over)\s+(?:the\s+)?(?:previous|prior)\s+year(?:'s)?\s+(?:same|corresponding)\b",
            re.IGNORECASE,
        ),
        Basis.YEAR_ON_YEAR,
    ),
    (
        re.compile(
            r"\b(?:month|quarter|week)[\s-]+(?:on|over)[\s-]+(?:month|quarter|week)\b|\bm-o-m\b|\bq-o-q\b"
            r"|\bsequential(?:ly)?\b"
            r"|\b(?:from|than|over|on)\s+(?:the\s+)?(?:previous|preceding|prior)\s+(?:month|quarter|week)\b"
            r"|\b(?:from|than|on)\s+(?:a|one|the)\s+(?:month|quarter|week)\s+(?:earlier|before)\b",
            re.IGNORECASE,
        ),
        Basis.PREVIOUS_PERIOD,
    ),
)


def _first_spans(text: str, patterns: tuple[tuple[re.Pattern[str], Basis], ...]) -> dict[Basis, Span]:
    """The span of the first expression of each basis found in ``text``."""
    spans: dict[Basis, Span] = {}
    for pattern, basis in patterns:
        match = pattern.search(text)
        if match:
            spans[basis] = match.span()
    return spans


def chinese_bases(text: str) -> dict[Basis, Span]:
    """The change bases a Chinese text states: 同比 → year on year; 环比, 比上月 → previous period."""
    return _first_spans(text, _ZH)


def english_bases(text: str) -> dict[Basis, Span]:
    """The change bases an English text states ("year on year", "month on month", "from the prior month")."""
    return _first_spans(text, _EN)
