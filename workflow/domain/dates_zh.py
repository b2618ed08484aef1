"""Time expressions in Chinese source text, resolved against the article's publication date.

The tense check needs to know whether a Chinese sentence talks about a period that is already over when
the article appears (2021年, 去年, 上月, 今年前三季度, 1—5月), one that is still ahead (明年, 2025年), or
marks an action as completed (已经, 此前) or planned (将于, 计划, 预计, 拟, 有望, 力争). This module finds
those expressions with regular expressions, so the check can compare them with the English verb forms.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

Span = tuple[int, int]

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
ENGLISH_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August")
ENGLISH_MONTHS += ("September", "October", "November", "December")
_COUNT_WORDS = {1: "quarter", 2: "two quarters", 3: "three quarters"}


@dataclass(frozen=True, slots=True)
class TimeRef:
    """One time expression in the source.

    ``start``/``end`` index the source; ``period_start``/``period_end`` bound the period it names (None for
    aspect markers such as 已经 that name no period); ``is_past`` is True when the period is over on the
    article date (or the marker says the action is done), False when it lies ahead, None when it is under
    way or unclear. ``label`` names the period in English for messages ("2021", "last year (2021)").
    ``comparison`` marks a baseline ("比去年", "较2021年", "去年同期"), which says nothing of the verb's time.
    """

    marker: str
    start: int
    end: int
    period_start: dt.date | None
    period_end: dt.date | None
    is_past: bool | None
    label: str
    comparison: bool = False


def chinese_numeral_value(text: str) -> int | None:
    """Read a small number written in digits or Chinese numerals ("12", "十二", "三", "二〇二一")."""
    if text.isdigit():
        return int(text)
    if all(char in _CN_DIGITS for char in text):  # digit by digit, as in years: 二〇二一
        value = 0
        for char in text:
            value = value * 10 + _CN_DIGITS[char]
        return value
    if "十" in text and text.count("十") == 1:
        tens_text, _, units_text = text.partition("十")
        tens = _CN_DIGITS.get(tens_text, 0) if tens_text else 1
        units = _CN_DIGITS.get(units_text, 0) if units_text else 0
        if (tens_text and tens_text not in _CN_DIGITS) or (units_text and units_text not in _CN_DIGITS):
            return None
        return tens * 10 + units
    return None


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month`` in ``year``."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def classify_period(start: dt.date, end: dt.date, article_date: dt.date) -> bool | None:
    """True when the period ended before the article date, False when it starts after it, else None."""
    if end < article_date:
        return True
    if start > article_date:
        return False
    return None


_NUM = r"\d{1,2}|[一二两三四五六七八九十]{1,3}"
_YEAR = r"(?:19|20)\d{2}|[〇零一二三四五六七八九]{4}"
_DASH = r"\s*[—–\-－~～至到]\s*"
_THIS_YEAR = r"(?:今年|本年|年内|当年)?"
# One alternation, tried left to right at each position, so longer forms win over their prefixes.
_TIME_PATTERN = re.compile(
    # A cheap first-character filter: most positions fail here before the alternation is tried.
    r"(?=[\d〇零一二三四五六七八九十两今本年当前第上下去明后昨此日近已业早曾])"
    rf"(?:(?P<yrange>(?P<yr1>{_YEAR}){_DASH}(?P<yr2>{_YEAR})\s*年)"
    rf"|(?:(?P<year>{_YEAR})\s*年|(?P<thisyear>{_THIS_YEAR}))"
    rf"(?:(?P<mr1>{_NUM}){_DASH}(?P<mr2>{_NUM})\s*月(?:份)?"
    rf"|前(?P<firstq>[一二三1-3])(?:个)?季度"
    rf"|前(?P<firstm>{_NUM})(?:个)?月"
    rf"|(?:第)?(?P<quarter>[一二三四1-4])季度"
    rf"|(?P<half>上半年|下半年)"
    rf"|(?<![\d一二三四五六七八九十个])(?P<month>{_NUM})\s*月(?:份)?(?:\s*(?P<day>{_NUM})\s*[日号])?"
    rf")"
    r"|(?P<rel>去年|前年|明年|后年|今年|上周|上星期|下周|本周|昨日|昨天|前天|今日|今天|明天|明日"
    r"|上个?月|下个?月|本月|此前|日前|近日|已经|业已|早已|曾经|(?<![而不])已(?![知往])"
    r")"
    r"|(?P<yearonly>(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年))"
)
_COMPLETED_MARKERS = frozenset({"此前", "日前", "近日", "已经", "业已", "早已", "曾经", "已"})


def _quarter_bounds(year: int, first_quarter: int, last_quarter: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a run of quarters in one year."""
    return dt.date(year, 3 * first_quarter - 2, 1), month_end(year, 3 * last_quarter)


def _relative_ref(marker: str, article_date: dt.date) -> tuple[dt.date | None, dt.date | None, str]:
    """Period bounds and label for a relative word such as 去年 or 上月 (bounds None for aspect markers)."""
    year = article_date.year
    if marker in _COMPLETED_MARKERS:
        return None, None, f"'{marker}' (already done)"  # a finished action, not a period
    if marker in {"去年", "前年", "今年", "明年", "后年"}:
        offset = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2}[marker]
        names = {
            -2: "the year before last",
            -1: "last year",
            0: "this year",
            1: "next year",
            2: "in two years",
        }
        return (
            dt.date(year + offset, 1, 1),
            dt.date(year + offset, 12, 31),
            f"{names[offset]} ({year + offset})",
        )
    if marker in {"昨日", "昨天", "前天", "今日", "今天", "明天", "明日"}:
        offset = {"前天": -2, "昨日": -1, "昨天": -1, "今日": 0, "今天": 0, "明天": 1, "明日": 1}[marker]
        day = article_date + dt.timedelta(days=offset)
        return day, day, {-2: "the day before yesterday", -1: "yesterday", 0: "today", 1: "tomorrow"}[offset]
    if marker in {"上周", "上星期", "本周", "下周"}:
        offset = {"上周": -1, "上星期": -1, "本周": 0, "下周": 1}[marker]
        monday = article_date - dt.timedelta(days=article_date.weekday()) + dt.timedelta(weeks=offset)
        return (
            monday,
            monday + dt.timedelta(days=6),
            {-1: "last week", 0: "this week", 1: "next week"}[offset],
        )
    offset = -1 if marker.startswith("上") else (1 if marker.startswith("下") else 0)
    month_index = article_date.month - 1 + offset
    first = dt.date(year + month_index // 12, month_index % 12 + 1, 1)
    label = {-1: "last month", 0: "this month", 1: "next month"}[offset]
    return first, month_end(first.year, first.month), label


def _in_year_ref(match: re.Match[str], year: int) -> tuple[dt.date, dt.date, str] | None:
    """Bounds and label for a month, month range, quarter or half of ``year``."""
    if match["mr1"]:
        first, last = chinese_numeral_value(match["mr1"]), chinese_numeral_value(match["mr2"])
        if not first or not last or not 1 <= first <= last <= 12:
            return None
        label = f"{ENGLISH_MONTHS[first]}–{ENGLISH_MONTHS[last]} {year}"
        return dt.date(year, first, 1), month_end(year, last), label
    if match["firstq"]:
        count = chinese_numeral_value(match["firstq"]) or 1
        start, end = _quarter_bounds(year, 1, count)
        return start, end, f"the first {_COUNT_WORDS[count]} of {year}"
    if match["firstm"]:
        count = chinese_numeral_value(match["firstm"])
        if not count or count > 12:
            return None
        return dt.date(year, 1, 1), month_end(year, count), f"the first {count} months of {year}"
    if match["quarter"]:
        quarter = chinese_numeral_value(match["quarter"]) or 1
        start, end = _quarter_bounds(year, quarter, quarter)
        return start, end, f"Q{quarter} {year}"
    if match["half"]:
        first_half = match["half"] == "上半年"
        start, end = _quarter_bounds(year, 1, 2) if first_half else _quarter_bounds(year, 3, 4)
        return start, end, f"the {'first' if first_half else 'second'} half of {year}"
    month = chinese_numeral_value(match["month"])
    if not month or not 1 <= month <= 12:
        return None
    if match["day"]:
        day = chinese_numeral_value(match["day"])
        if not day or day > calendar.monthrange(year, month)[1]:
            return None
        return dt.date(year, month, day), dt.date(year, month, day), f"{ENGLISH_MONTHS[month]} {day}, {year}"
    return dt.date(year, month, 1), month_end(year, month), f"{ENGLISH_MONTHS[month]} {year}"


def _year_value(text: str) -> int | None:
    """A four-digit year in Arabic or Chinese digits, if plausible."""
    value = chinese_numeral_value(text)
    return value if value and 1900 <= value <= 2100 else None


_COMPARATIVE_BEFORE = ("比", "较", "高于", "低于", "多于", "少于", "大于", "小于", "超过", "相比")
_COMPARATIVE_AFTER = ("同期", "相比", "水平", "同比")


def _is_comparison(source: str, start: int, end: int) -> bool:
    """Whether the time expression at [start, end) is the baseline of a comparison (比去年, 去年同期)."""
    before, after = source[max(0, start - 2) : start], source[end : end + 8]
    if before.endswith(_COMPARATIVE_BEFORE) or after.startswith(_COMPARATIVE_AFTER):
        return True
    return before.endswith(("与", "和", "同")) and "相比" in after


def find_time_references(source: str, article_date: dt.date) -> list[TimeRef]:
    """Every time expression in ``source``, with its period and whether it is past on ``article_date``.

    A month or quarter without a year belongs to the article's year; a month later in the year than the
    article's month is left undecided (None), since news often means last year's December in January.
    """
    refs: list[TimeRef] = []
    for match in _TIME_PATTERN.finditer(source):
        text = match.group(0)
        if not text:
            continue
        bounds: tuple[dt.date | None, dt.date | None, str] | None
        undecided_month = False
        if match["yrange"]:
            first, last = _year_value(match["yr1"]), _year_value(match["yr2"])
            bounds = (
                (dt.date(first, 1, 1), dt.date(last, 12, 31), f"{first}–{last}") if first and last else None
            )
        elif match["rel"]:
            bounds = _relative_ref(match["rel"], article_date)
        elif match["yearonly"]:
            year = _year_value(match["yearonly"].rstrip("年 "))
            bounds = (dt.date(year, 1, 1), dt.date(year, 12, 31), str(year)) if year else None
        else:
            year = _year_value(match["year"]) if match["year"] else article_date.year
            if year is None:
                continue
            undecided_month = not match["year"] and not match["thisyear"]
            numeral = match["month"] or match["mr1"] or ""
            if undecided_month and numeral and not numeral.isdigit():
                continue  # "一月" inside a longer word (统一月度) is too often not a month
            bounds = _in_year_ref(match, year)
        if bounds is None:
            continue
        start, end, label = bounds
        if start is None or end is None:
            is_past: bool | None = True  # an aspect marker: the action is already done
        else:
            is_past = classify_period(start, end, article_date)
            if undecided_month and is_past is False:
                is_past = None
        comparison = _is_comparison(source, match.start(), match.end())
        refs.append(TimeRef(text, match.start(), match.end(), start, end, is_past, label, comparison))
    return refs


_PLAN_PATTERN = re.compile(
    r"即将|将要|将会|将于|将在|将(?=(?:进一步|全面|继续|逐步|持续|力争|成为|达到|实现|建成|投产|完成|突破|超过"
    r"|新增|举办|举行|启动|开工|竣工|迎来|带动|形成|提升|推动|增加|扩大|打造|建设|投入|落户|开通|上线|开业))"
    r"|将(?=[比较])|计划|预计|预期(?!目标|增长目标|值)|(?<![模虚比])拟|有望|力争|争取|打算|规划|目标是|[到至](?:(?:19|20)\d{2})\s*年"
)


def plan_markers(source: str) -> list[Span]:
    """Spans of words marking a plan, forecast or intention (将于, 计划, 预计, 拟, 有望, 力争, 到2025年)."""
    return [match.span() for match in _PLAN_PATTERN.finditer(source)]


_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)]*")


def split_source_sentences(source: str) -> list[Span]:
    """Spans of the sentences of a Chinese text (ending at 。！？；), covering the whole text."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(source):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(source):
        spans.append((start, len(source)))
    return spans
