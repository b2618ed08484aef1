"""BCP 47 language tags: validation, display names, writing-system facts and language detection.

Articles, users and glossaries name their languages with BCP 47 tags ("zh", "zh-Hans", "en-GB"). This
module is the one place that decides whether a tag is acceptable (validated against Babel's CLDR data),
how it is spelled, how it is shown to a person, whether its writing separates words with spaces, and which
language a pasted text is probably in.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError

if TYPE_CHECKING:
    from lingua import LanguageDetector


class UnknownLanguage(ValueError):
    """A language tag that is malformed or unknown to CLDR (e.g. "xx", "english", "")."""


# Primary subtags whose scripts do not put spaces between words.
_NO_SPACE_LANGUAGES = frozenset({"zh", "yue", "ja", "th", "lo", "km", "my", "bo", "dz"})
# Primary subtags whose sentences are written one after another with no space in between.
_NO_SPACE_BETWEEN_SENTENCES = frozenset({"zh", "yue", "ja"})
_CJK_LANGUAGES = frozenset({"zh", "yue", "ja", "ko"})

_SUBTAG = re.compile(r"^[A-Za-z0-9]{1,8}$")


def _canonical_case(subtags: list[str]) -> list[str]:
    """Spell subtags the BCP 47 way: language lower, script title, region upper."""
    spelled = [subtags[0].lower()]
    for subtag in subtags[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            spelled.append(subtag.title())
        elif (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
            spelled.append(subtag.upper())
        else:
            spelled.append(subtag.lower())
    return spelled


def _parse_locale(tag: str) -> tuple[Locale, str]:
    """Validate ``tag`` against CLDR and return Babel's locale plus the canonically spelled tag."""
    cleaned = (tag or "").strip().replace("_", "-")
    subtags = cleaned.split("-") if cleaned else []
    if (
        not subtags
        or not all(_SUBTAG.match(subtag) for subtag in subtags)
        or not (2 <= len(subtags[0]) <= 3 and subtags[0].isalpha())
        or subtags[0].lower() == "und"
    ):
        raise UnknownLanguage(
            f"{tag!r} is not a language tag; use a BCP 47 tag such as 'zh', 'zh-Hans', 'en' or 'en-GB'"
        )
    spelled = _canonical_case(subtags)
    normalised = "-".join(spelled)
    try:
        parsed = Locale.parse(normalised, sep="-")
    except (UnknownLocaleError, ValueError) as error:
        raise UnknownLanguage(
            f"{tag!r} is not a language Copydesk knows; use a BCP 47 tag such as 'zh', 'en' or 'pt-BR'"
        ) from error
    return parsed, normalised


def normalise_language_tag(tag: str) -> str:
    """Return ``tag`` validated and canonically spelled ("ZH_cn" -> "zh-CN"); raise UnknownLanguage if bad."""
    return _parse_locale(tag)[1]


def primary_language(tag: str) -> str:
    """Return the primary language subtag, lower-cased ("zh-Hans-CN" -> "zh"), without validating it."""
    return (tag or "").strip().replace("_", "-").split("-")[0].lower()


def language_display_name(tag: str, ui_locale: str = "en") -> str:
    """Name the language of ``tag`` in the interface language ("zh" shown in "zh-Hans" is "中文").

    An unknown interface locale falls back to English, so a page never fails over a display name.
    """
    _, normalised = _parse_locale(tag)
    try:
        display_locale, _ = _parse_locale(ui_locale)
    except UnknownLanguage:
        display_locale = Locale("en")
    # Name only the subtags the user gave: Babel alone would show "zh-CN" as "Chinese (Simplified, China)".
    language, *details = normalised.split("-")
    name = display_locale.languages.get(language, language)
    shown_details = [
        display_locale.scripts.get(subtag) if len(subtag) == 4 else display_locale.territories.get(subtag)
        for subtag in details
    ]
    shown_details = [detail for detail in shown_details if detail]
    if shown_details:
        name = f"{name} ({', '.join(shown_details)})"
    return name[:1].upper() + name[1:]


def uses_spaces(tag: str) -> bool:
    """Tell whether the language writes spaces between words (False for Chinese, Japanese, Thai...)."""
    return primary_language(tag) not in _NO_SPACE_LANGUAGES


def sentence_joiner(tag: str) -> str:
    """Return what goes between two sentences of one paragraph: "" for Chinese and Japanese, else " "."""
    return "" if primary_language(tag) in _NO_SPACE_BETWEEN_SENTENCES else " "


def is_cjk(tag: str) -> bool:
    """Tell whether the language is Chinese, Japanese or Korean (full-width punctuation conventions)."""
    return primary_language(tag) in _CJK_LANGUAGES


# The languages Copydesk expects to meet; a short list keeps detection fast and its guesses sane.
_DETECTABLE = (
    "ARABIC",
    "CHINESE",
    "CZECH",
    "DANISH",
    "DUTCH",
    "ENGLISH",
    "FRENCH",
    "GERMAN",
    "GREEK",
    "INDONESIAN",
    "ITALIAN",
    "JAPANESE",
    "KOREAN",
    "POLISH",
    "PORTUGUESE",
    "RUSSIAN",
    "SPANISH",
    "SWEDISH",
    "THAI",
    "TURKISH",
    "UKRAINIAN",
    "VIETNAMESE",
)
# Below these many letters a guess is noise (CJK characters carry far more signal than Latin letters).
_MINIMUM_LETTERS = 20
_MINIMUM_CJK_CHARACTERS = 4
_CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_detector: LanguageDetector | None = None
_detector_lock = threading.Lock()


def _language_detector() -> LanguageDetector:
    """Build the lingua detector on first use and keep it for the life of the process."""
    global _detector  # a lazily built module-level cache
    if _detector is None:
        with _detector_lock:
            if _detector is None:
                from lingua import Language, LanguageDetectorBuilder

                languages = [getattr(Language, name) for name in _DETECTABLE]
                # Low-accuracy mode loads trigram models only: ~0.1 s and ~35 MB instead of ~3 s and
                # ~370 MB per worker process, and is as good for article-length texts.
                _detector = (
                    LanguageDetectorBuilder.from_languages(*languages)
                    .with_minimum_relative_distance(0.1)
                    .with_low_accuracy_mode()
                    .build()
                )
    return _detector


def detect_language(text: str) -> str | None:
    """Guess the language of ``text`` as a primary BCP 47 tag ("zh", "en", "de"), or None when unsure.

    Texts with too few letters return None: a guess there would only mislead the user.
    """
    sample = text[:2000]
    letters = sum(1 for char in sample if char.isalpha())
    if letters < _MINIMUM_LETTERS and len(_CJK_CHARACTER.findall(sample)) < _MINIMUM_CJK_CHARACTERS:
        return None
    language = _language_detector().detect_language_of(sample)
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()
