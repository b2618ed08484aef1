"""Find the numbers of a Chinese text: digits and numerals, units 万/亿, percents, hedges, dates and ranges.

The ``numbers`` check compares these with the numbers of the English translation, so this module must be
precise about value (13.56亿 is 1,356,000,000), kind (个百分点 is not 百分之), and hedge (近 "nearly" is not
超 "more than") — and quiet about the many words that merely contain a numeral character (统一, 一站式,
进一步, 十分, 千万不要, 七八个): a lone 一/两 or a bare unit character is never taken for a number.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from workflow.domain.numbers_types import Hedge, Kind, Quantity, resolution_of
from workflow.domain.numbers_zh_numerals import DIGIT_VALUES as _DIGIT_VALUES
from workflow.domain.numbers_zh_numerals import UNIT_VALUES as _UNIT_VALUES
from workflow.domain.numbers_zh_numerals import parse_chinese_numeral, scale_of

__all__ = ["extract_zh_numbers", "parse_chinese_numeral"]

_CN_DIGITS = "".join(_DIGIT_VALUES)
_CN_UNITS = "".join(_UNIT_VALUES)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN_NUMERAL = rf"[{_CN_DIGITS}{_CN_UNITS}]+(?:点[{_CN_DIGITS}]+[{_CN_UNITS}]*)?"
_TOKEN = re.compile(
    rf"(?P<plan>十[一二三四五]五)(?=[规时期以开末”\"」』])"
    rf"|(?<![目提此之以])前(?P<first_months>\d{{1,2}}|[一二两三四五六七八九十]{{1,3}})个?月(?!份?[日号\d])"
    rf"|百分之(?P<percent>{_ARABIC}|{_CN_NUMERAL})"
    rf"|(?P<denominator>{_ARABIC}|{_CN_NUMERAL})分之(?P<numerator>{_ARABIC}|{_CN_NUMERAL})"
    rf"|翻了?(?P<doublings>[一两二三四]?)番"
    rf"|(?P<arabic>{_ARABIC})(?P<scale>[{_CN_UNITS}]*)"
    rf"|(?P<numeral>{_CN_NUMERAL})"
)

# What may stand right after a number (checked on the text that follows it).
_PERCENT_SIGN = re.compile(r"\s*%")
_POINTS = re.compile(r"个?百分点")
_TENTHS = re.compile(r"成(?![立功本果员都交型就绩效长])")
_TIMES = re.compile(r"倍")
_YEAR = re.compile(r"年(?!代|级|轻)")
_MONTH = re.compile(r"月份?")
_DAY = re.compile(r"[日号]")
_MORE_SUFFIX = re.compile(r"[多余](?!元化|样|种|方|边|彩|功能|层次)")
_CURRENCY = re.compile(r"人民币|美元|港元|港币|欧元|日元|英镑|元")
_MEASURE = re.compile(
    r"[多余]?(?:人民币|美元|港元|欧元|元|人|名|家|个|件|项|台|辆|吨|户|套|亩|次|平方米|公里)"
)
_TRAILING_HEDGES = (
    (re.compile(r"[\u4e00-\u9fff]{0,3}?左右"), Hedge.ABOUT),
    (re.compile(r"[\u4e00-\u9fff]{0,3}?以上"), Hedge.AT_LEAST),
    (re.compile(r"[\u4e00-\u9fff]{0,3}?(?:以下|以内)"), Hedge.AT_MOST),
)
_DURATION = re.compile(r"(?:个)?(?:年|月|天|日|周|星期|季度)")

# 约 is "about" only on its own: in 签约, 预约, 节约, 公约, 合约, 履约… it is part of another word.
_WORDS_ENDING_IN_YUE = "签预节制公合契条履违特邀相集缔续解纽誓践失守爽赴租盟隐简婚立毁"
# 约占…的55%: the hedge of a share stands before the verb, far from the number.
_SHARE_HEDGE = re.compile(r"(?:大约|约)占[^，。；,;：:]{0,20}$")
# A lone numeral counting something (两家, 三个, 五年, 十条): a number in words, which English may drop.
_COUNTED = re.compile(r"(?:个|家|名|位|项|条|件|台|辆|座|所|支|批|架|艘|列|种|款|次|年|天|周|届|轮|类|场|份)")
_LONE_COUNTS = "二两三四五六七八九十"
# 20多亿, 三百余万: the 多/余 comes between the number and its unit.
_MORE_THEN_SCALE = re.compile(r"[多余](?P<scale>万亿|[万亿])")
# 万吨级, 千亿级: a bare unit before a measure and 级 names a size class.
_SIZE_CLASS = re.compile(r"(?:吨|千瓦|千伏|伏|瓦|标箱|平方米|立方米|亩|人|元|亿|万)*级")
# What may stand right before a number (checked on the text that precedes it); order matters: 不超过 first.
_LEADING_HEDGES = (
    (re.compile(r"(不超过|不高于|最多|至多)$"), Hedge.AT_MOST),
    (re.compile(r"(至少|不少于|不低于|最少)$"), Hedge.AT_LEAST),
    (re.compile(r"(不到|不足|少于|低于|小于|未满)$"), Hedge.LESS_THAN),
    (re.compile(r"(将近|接近|近乎|几乎|差不多|近)(?:了|达)?$"), Hedge.NEARLY),
    (re.compile(rf"(大约|约为|约合|大概|大致|(?<![{_WORDS_ENDING_IN_YUE}])约)(?:达)?$"), Hedge.ABOUT),
    (re.compile(r"(超过|超出|高于|多于|大于|突破|逾|超)了?$"), Hedge.MORE_THAN),
)
_GROWTH = re.compile(r"(?:增长|增加|提高|提升|上升|扩大)了?$")
_VAGUE_PREFIX = re.compile(r"[数几上成]$")
_RANGE_GAP = re.compile(r"\s*(?:至|到|～|~|-|—|–|－)+\s*")
_RANGE_NEXT = re.compile(rf"\s*(?:至|到|～|~|-|—|–|－)+\s*[{_CN_DIGITS}{_CN_UNITS}\d]")
_RANGE_PREV = re.compile(rf"[{_CN_DIGITS}{_CN_UNITS}\d]\s*(?:至|到|～|~|-|—|–|－)+\s*$")
_PLAN_ORDINALS = {"十一五": 11, "十二五": 12, "十三五": 13, "十四五": 14, "十五五": 15}


def _bare_unit_numeral(raw: str) -> Decimal | None:
    """Value of a numeral that starts with a bare 百/千 standing for 一百/一千: 百亿 → 10¹⁰, 千万 → 10⁷."""
    if raw[0] in "百千":
        return parse_chinese_numeral("一" + raw)
    return None


def _numeral_value(raw: str) -> Decimal | None:
    """Value of a token that is either Arabic digits or a Chinese numeral."""
    if raw[0].isdigit():
        return Decimal(raw.replace(",", ""))
    return parse_chinese_numeral(raw)


def _leading_hedge(before: str) -> tuple[Hedge, str, int]:
    """The hedge word that ends ``before`` (近, 超过, 约…), its text and its length."""
    for pattern, hedge in _LEADING_HEDGES:
        match = pattern.search(before)
        if match:
            return hedge, match.group(1), len(match.group(0))
    return Hedge.NONE, "", 0


def _accept_numeral(raw: str, text: str, start: int, end: int, hedged: bool) -> str:
    """Whether a Chinese-character numeral is really a number here, not part of a word or an idiom.

    Returns ``"firm"`` for a number, ``"soft"`` for a lone numeral counting something (两家, 十条), which
    English may render as "both" or leave out, and ``""`` for a numeral that is no number at all.
    """
    after = text[end : end + 6]
    before = text[max(0, start - 6) : start]
    has_digit = any(ch in _DIGIT_VALUES for ch in raw)
    if _VAGUE_PREFIX.search(before) and not hedged and not raw.startswith(("一", "二", "两")):
        return ""  # 数百家, 几十万, 上万: vague amounts with no value to check
    if _RANGE_NEXT.match(after) or _RANGE_PREV.search(before):
        return "firm"  # 三至五年
    if len(raw) == 1:
        if raw in _UNIT_VALUES and raw != "十" and (hedged or _SIZE_CLASS.match(after)):
            return "firm"  # 逾万, 近千家, 万吨级
        if raw in _UNIT_VALUES and _MORE_SUFFIX.match(after):
            return "firm"  # 十余个, 百余家, 千多人
        if after.startswith(("成", "倍", "月")) and not after.startswith(_TENTHS_EXCLUDED):
            return "firm"
        if after.startswith(("日", "号")) and text[start - 1 : start] == "月":
            return "firm"
        if raw in _LONE_COUNTS and _COUNTED.match(after) and not before.endswith("第"):
            return "soft"
        return ""
    if not has_digit:
        return "firm" if _MEASURE.match(after) or _SIZE_CLASS.match(after) else ""  # 十万元, not 千万不要
    if all(ch in _DIGIT_VALUES for ch in raw):
        return "firm" if "〇" in raw or "零" in raw or after.startswith("年") else ""  # not 七八, 三三两两
    return "firm"


_TENTHS_EXCLUDED = tuple(f"成{ch}" for ch in "立功本果员都交型就绩效长")


def extract_zh_numbers(text: str) -> list[Quantity]:
    """Every number of a Chinese text as a :class:`Quantity`, in order of appearance.

    Handles 13.56亿元, 3.3万, 三千五百, 二〇二二年, 8月30日, 1—5月, 百分之十五, 15%, 2.3个百分点, 三成,
    翻一番, 增长2倍, 150余家, 80多家, 逾万, 超过3000, 约5亿, 5亿元左右, 3至5年, 三分之一 and 十四五.
    """
    normalised = text.translate(_FULL_WIDTH)
    found: list[tuple[Quantity, Decimal]] = []  # (quantity, the 万/亿 scale it carried itself)
    for match in _TOKEN.finditer(normalised):
        quantity = _read_token(match, normalised)
        if quantity is not None:
            found.append(quantity)
    return _merge_ranges(_join_compounds(found), normalised)


def _join_compounds(found: list[tuple[Quantity, Decimal]]) -> list[tuple[Quantity, Decimal]]:
    """Join a number written in two parts, 1亿2000万 (120 million) or 3万5千 (35,000), into one."""
    joined: list[tuple[Quantity, Decimal]] = []
    for quantity, scale in found:
        if joined:
            first, first_scale = joined[-1]
            if (
                first.end == quantity.start
                and first_scale > scale > 1
                and first.kind is quantity.kind is Kind.PLAIN
                and not first.unit
                and first.hedge is Hedge.NONE
                and quantity.value < first_scale
            ):
                whole = replace(
                    quantity,
                    value=first.value + quantity.value,
                    start=first.start,
                    text=first.text + quantity.text,
                )
                joined[-1] = (whole, first_scale)
                continue
        joined.append((quantity, scale))
    return joined


def _read_token(match: re.Match[str], text: str) -> tuple[Quantity, Decimal] | None:
    """Turn one token match into a quantity, reading the hedge, kind and unit around it."""
    start, end = match.span()
    before = text[max(0, start - 6) : start]
    hedge, hedge_text, hedge_length = _leading_hedge(before)
    kind, value, scale = Kind.PLAIN, None, Decimal(1)
    alternatives: tuple[tuple[Kind, Decimal], ...] = ()
    label = ""
    resolution = Decimal(1)
    soft = False
    if match.group("first_months"):
        last = _numeral_value(match.group("first_months"))
        if not last or last > 12:
            return None
        quantity = Quantity(Decimal(1), Kind.MONTH, start, end, match.group(0), range_end=last)
        return quantity, scale  # 前5个月: the first five months of the year, like 1—5月
    if match.group("plan"):
        value = Decimal(_PLAN_ORDINALS[match.group("plan")])
        label = f"{value}th Five-Year Plan"
        hedge, hedge_text, hedge_length = Hedge.NONE, "", 0
    elif match.group("percent"):
        value, kind = _numeral_value(match.group("percent")), Kind.PERCENT
    elif match.group("denominator"):
        denominator = _numeral_value(match.group("denominator"))
        numerator = _numeral_value(match.group("numerator"))
        if not denominator or numerator is None:
            return None
        value, kind = numerator / denominator, Kind.FRACTION
        alternatives, resolution = ((Kind.PERCENT, value * 100),), Decimal("0.001")
    elif match.group("doublings") is not None:
        doublings = _DIGIT_VALUES.get(match.group("doublings"), 1)
        value, kind = Decimal(2**doublings), Kind.MULTIPLE
        alternatives = ((Kind.PERCENT, (value - 1) * 100),)
    else:
        raw = match.group("arabic") or match.group("numeral")
        if _attached_to_latin(text, start, end):
            return None  # 5G, G20, COVID-19
        accepted = (
            "firm" if match.group("arabic") else _accept_numeral(raw, text, start, end, hedge != Hedge.NONE)
        )
        if not accepted:
            return None
        soft = accepted == "soft"
        if match.group("arabic"):
            mantissa = Decimal(raw.replace(",", ""))
            scale = scale_of(match.group("scale"))
            value, resolution = mantissa * scale, resolution_of(mantissa, scale)
        else:
            value = parse_chinese_numeral(raw) or _bare_unit_numeral(raw)
            if value is None and raw in _UNIT_VALUES:
                value = Decimal(_UNIT_VALUES[raw])
            if value is None:
                return None
            scale = Decimal(_UNIT_VALUES[raw[-1]]) if raw[-1] in "万亿" else Decimal(1)
            resolution = resolution_of(value)
        late_scale = _MORE_THEN_SCALE.match(text, end) if scale == 1 else None
        if late_scale:  # 20多亿: more than 2 billion
            scale = scale_of(late_scale.group("scale"))
            value, resolution, end = value * scale, resolution_of(value, scale), late_scale.end()
            if hedge is Hedge.NONE:
                hedge, hedge_text, hedge_length = Hedge.MORE_THAN, late_scale.group(0)[0], 0
        kind, end, alternatives = _read_kind(text, start, end, value, before)
        if kind is Kind.PERCENT and text[end - 1] == "成":
            value, resolution = value * 10, resolution * 10
        if (
            kind is Kind.PERCENT
            and hedge is Hedge.NONE
            and _SHARE_HEDGE.search(text, max(0, start - 24), start)
        ):
            hedge, hedge_text = Hedge.ABOUT, "约"  # 约占…的55%
    if value is None:
        return None
    end, hedge, hedge_text, unit = _read_trailing(text, end, hedge, hedge_text)
    if hedge_text == "近" and _DURATION.match(text, match.end()):
        hedge, hedge_text, hedge_length = Hedge.NONE, "", 0  # 近5年 means "in the past five years"
    span_start = start - hedge_length if hedge_length and hedge is not Hedge.NONE else start
    quantity = Quantity(
        value=value,
        kind=kind,
        start=span_start,
        end=end,
        text=text[span_start:end],
        hedge=hedge,
        hedge_text=hedge_text,
        unit=unit,
        resolution=resolution if kind is not Kind.YEAR else Decimal(1),
        alternatives=alternatives,
        spelled_out=soft,
        label=label,
    )
    return quantity, scale


def _attached_to_latin(text: str, start: int, end: int) -> bool:
    """Whether digits belong to a Latin-script code such as 5G, G20 or COVID-19 rather than stand alone."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    if before == "-" and text[start - 2 : start - 1].isascii() and text[start - 2 : start - 1].isalpha():
        return True
    return (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())


def _read_kind(
    text: str, start: int, end: int, value: Decimal, before: str
) -> tuple[Kind, int, tuple[tuple[Kind, Decimal], ...]]:
    """The kind a suffix gives a number (%, 个百分点, 成, 倍, 年, 月, 日) and where the number now ends."""
    for pattern, kind in ((_PERCENT_SIGN, Kind.PERCENT), (_POINTS, Kind.PERCENTAGE_POINT)):
        match = pattern.match(text, end)
        if match:
            return kind, match.end(), ()
    if value <= 10 and _TENTHS.match(text, end):
        return Kind.PERCENT, end + 1, ((Kind.FRACTION, value / 10),)
    if _TIMES.match(text, end):
        if _GROWTH.search(before):
            # 增长2倍 strictly means "grew by 200%", i.e. tripled; news English often says "two times".
            return Kind.MULTIPLE, end + 1, ((Kind.MULTIPLE, value + 1), (Kind.PERCENT, value * 100))
        return Kind.MULTIPLE, end + 1, ()
    is_integer = value == value.to_integral_value()
    if _YEAR.match(text, end) and is_integer and 1000 <= value <= 2999 and end - start in (4, 5):
        return Kind.YEAR, end + 1, ()
    month = _MONTH.match(text, end)
    if month and is_integer and 1 <= value <= 12:
        return Kind.MONTH, month.end(), ()
    if _DAY.match(text, end) and is_integer and 1 <= value <= 31 and text[start - 1 : start] in ("月", ""):
        return Kind.DAY, end + 1, ()
    if _DAY.match(text, end) and is_integer and 1 <= value <= 31 and text[start].isdigit():
        return Kind.DAY, end + 1, ()
    return Kind.PLAIN, end, ()


def _read_trailing(text: str, end: int, hedge: Hedge, hedge_text: str) -> tuple[int, Hedge, str, str]:
    """Read 多/余, a currency and 左右/以上/以下 after a number: the new end, hedge, hedge word and unit."""
    more = _MORE_SUFFIX.match(text, end)
    if more and hedge is Hedge.NONE:
        hedge, hedge_text, end = Hedge.MORE_THAN, more.group(0), more.end()
    unit = ""
    currency = _CURRENCY.match(text, end)
    if currency:
        unit, end = currency.group(0), currency.end()
    if hedge is Hedge.NONE:
        for pattern, trailing_hedge in _TRAILING_HEDGES:
            trailing = pattern.match(text, end)
            if trailing:
                return trailing.end(), trailing_hedge, trailing.group(0)[-2:], unit
    return end, hedge, hedge_text, unit


def _merge_ranges(found: list[tuple[Quantity, Decimal]], text: str) -> list[Quantity]:
    """Join neighbours written as ranges (3至5年, 10～20, 1—5月) into one quantity with ``range_end``.

    The second number lends its kind and its 万/亿 scale to a bare first one: 3至5万 is 30,000-50,000.
    """
    merged: list[Quantity] = []
    index = 0
    while index < len(found):
        first, first_scale = found[index]
        if index + 1 < len(found):
            second, second_scale = found[index + 1]
            gap = _RANGE_GAP.fullmatch(text, first.end, second.start)
            if gap and not first.is_range and first.end < second.start:
                low = first.value
                if first_scale == 1 and second_scale > 1 and low * second_scale <= second.value:
                    low *= second_scale  # 3至5万
                kind = second.kind if first.kind is Kind.PLAIN else first.kind
                merged.append(
                    replace(
                        first,
                        value=low,
                        kind=kind,
                        end=second.end,
                        text=text[first.start : second.end],
                        range_end=second.value,
                        unit=second.unit,
                        hedge=first.hedge if first.hedge is not Hedge.NONE else second.hedge,
                        hedge_text=first.hedge_text or second.hedge_text,
                    )
                )
                index += 2
                continue
        merged.append(first)
        index += 1
    return merged
