"""Basic checks every translation gets: an empty target, text left untranslated, a doubled word, a length
far from what the language pair usually produces.

They are cheap, language-light and catch the gross failures of machine translation (a sentence dropped,
a Chinese phrase passed through, "the the") before the finer checks look at numbers, tense and style.
"""

from __future__ import annotations

import re

from workflow.checks.base import N_, Check, CheckContext, Finding, Severity, primary_subtag

_CJK_TARGETS = frozenset({"zh", "yue", "ja", "ko"})
_FOREIGN_SCRIPT_RUN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]"
    r"(?:[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f·・]*"
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f])?"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_REPEATED_WORD = re.compile(r"(?<![\w'’-])([^\W\d_]+)(\s+)(\1)(?![\w'’-])", re.IGNORECASE)
_NAME_PARTICLES = frozenset({"of", "and", "the", "for", "de", "du", "la", "van", "von", "der"})
_LEGITIMATE_REPEATS = frozenset({"had", "that"})


def _is_cjk_target(context: CheckContext) -> bool:
    """Whether the target language itself is written with Han, kana or hangul."""
    return primary_subtag(context.target_lang) in _CJK_TARGETS


class EmptyCheck(Check):
    """The target is empty while the source has text."""

    id = "empty"
    name = N_("Empty translation")
    description = N_("The segment has source text but no translation.")
    severity = Severity.ERROR

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """Flag a blank target for a non-blank source."""
        if source.strip() and not target.strip():
            return [self.finding(N_("The translation is empty."), start=0, end=len(target))]
        return []


def _looks_like_a_name_or_code(text: str) -> bool:
    """Whether text is one token ("ABC", "www.x.com") or only capitalised words ("Hubei Jingrui Co.").

    Such segments are legitimately copied unchanged into the translation.
    """
    if len(text.split()) <= 1:
        return True
    return all(word[0].isupper() or word.lower() in _NAME_PARTICLES for word in _WORD.findall(text))


class UntranslatedCheck(Check):
    """Source-script text left in the target, or a target identical to its source."""

    id = "untranslated"
    name = N_("Untranslated text")
    description = N_(
        "Chinese, Japanese or Korean characters left in a translation into a Latin-script language, or a "
        "translation identical to its source."
    )
    severity = Severity.ERROR

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """Report the identical copy once, or else each run of untranslated characters with its span."""
        if not source.strip() or not target.strip():
            return []
        if (
            "".join(source.split()).casefold() == "".join(target.split()).casefold()
            and any(char.isalpha() for char in source)
            and (_FOREIGN_SCRIPT_RUN.search(source) or not _looks_like_a_name_or_code(source))
        ):
            return [self.finding(N_("The translation is identical to the source."), start=0, end=len(target))]
        if _is_cjk_target(context):
            return []
        return [
            self.finding(
                N_("Untranslated text left in the translation: '%(text)s'."),
                params={"text": match.group(0)},
                start=match.start(),
                end=match.end(),
            )
            for match in _FOREIGN_SCRIPT_RUN.finditer(target)
        ]


class RepeatedWordCheck(Check):
    """The same word twice in a row ("the the"), apart from legitimate repeats such as "had had"."""

    id = "repeated-word"
    name = N_("Repeated word")
    description = N_("The same word appears twice in a row, as in 'the the'.")
    target_langs = frozenset({"en"})

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """Flag each doubled word; the span covers both words and the suggestion is the single word."""
        findings = []
        for match in _REPEATED_WORD.finditer(target):
            first, second = match.group(1), match.group(3)
            if first.lower() in _LEGITIMATE_REPEATS:
                continue
            if first[0].isupper() and second[0].isupper() and not _starts_sentence(target, match.start()):
                continue  # a reduplicated name such as "Bora Bora" or "Walla Walla"
            findings.append(
                self.finding(
                    N_("The word '%(word)s' is repeated."),
                    params={"word": second},
                    start=match.start(),
                    end=match.end(),
                    suggestions=(first,),
                )
            )
        return findings


def _starts_sentence(text: str, position: int) -> bool:
    """Whether ``position`` begins the text or follows a sentence stop."""
    before = text[max(0, position - 4) : position].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:\n"


# Expected target characters per source character, and how far a normal translation strays from it.
_LENGTH_RATIOS: dict[tuple[str, str], tuple[float, float]] = {
    # (source, target): (per CJK source character, per other source character)
    ("zh", "en"): (3.5, 1.0),  # trade-news MT samples run at 3–4.5 English characters per Han character
    ("ja", "en"): (2.0, 1.0),
    ("ko", "en"): (2.5, 1.0),
    ("en", "zh"): (0.33, 0.33),
    ("en", "ja"): (0.5, 0.5),
}
_MIN_SOURCE_CHARS = 8
_LONG_SEGMENT_CHARS = 200
# A short source (a label, a heading) is judged only against a target of paragraph length.
_SHORT_SOURCE_ADDITION_CHARS = 150
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def expected_length(source: str, source_lang: str, target_lang: str) -> float:
    """The number of target characters a typical translation of ``source`` has (spaces included)."""
    cjk_ratio, other_ratio = _LENGTH_RATIOS.get(
        (primary_subtag(source_lang), primary_subtag(target_lang)), (1.0, 1.0)
    )
    cjk = len(_CJK_CHAR.findall(source))
    others = len(" ".join(source.split())) - cjk
    return cjk * cjk_ratio + others * other_ratio


def length_bounds(source_units: int, expected: float) -> tuple[float, float]:
    """The range of target lengths accepted: 0.4–2.2 × expected for long segments, wider for short ones.

    A short segment is often a heading or a name whose translation length varies a lot, so the
    tolerance grows as the segment shrinks.
    """
    shortness = max(0.0, 1.0 - source_units / _LONG_SEGMENT_CHARS)
    low = expected * (0.4 - 0.25 * shortness)
    high = expected * (2.2 + 1.8 * shortness) + 10
    return low, high


class LengthCheck(Check):
    """A target far shorter or longer than the language pair's usual ratio."""

    id = "length"
    name = N_("Unusual length")
    description = N_(
        "The translation is much shorter or much longer than translations of this language pair usually "
        "are, which may mean an omission or an addition."
    )

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """Compare the target length with the expected range; silent for empty texts.

        A very short source (a heading, a label such as 分享) is never judged too short and may grow into a
        sentence, since its rendering varies a lot; but a paragraph written for it is still an addition.
        """
        source_units = len("".join(source.split()))
        if not source_units or not target.strip():
            return []
        expected = expected_length(source, context.source_lang, context.target_lang)
        low, high = length_bounds(source_units, expected)
        actual = len(" ".join(target.split()))
        params = {"actual": actual, "expected": round(expected)}
        short_source = source_units < _MIN_SOURCE_CHARS
        if short_source and actual < _SHORT_SOURCE_ADDITION_CHARS:
            return []
        if actual < low and not short_source:
            return [
                self.finding(
                    N_(
                        "The translation is much shorter (possible omission): %(actual)s characters where "
                        "about %(expected)s are usual."
                    ),
                    params=params,
                )
            ]
        if actual > high:
            return [
                self.finding(
                    N_(
                        "The translation is much longer (possible addition): %(actual)s characters where "
                        "about %(expected)s are usual."
                    ),
                    params=params,
                )
            ]
        return []
