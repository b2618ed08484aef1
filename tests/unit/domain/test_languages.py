"""Language tags users type, the names they see, and the language guessed for pasted text."""


import pytest

from workflow.domain.languages import (
    UnknownLanguage,
    detect_language,
    is_cjk,
    language_display_name,
    normalise_language_tag,
    sentence_joiner,
    uses_spaces,
)


@pytest.mark.parametrize(
    ("tag", "normalised"),
    [
        ("zh", "zh"),
        ("zh-CN", "zh-CN"),
        ("zh-Hans", "zh-Hans"),
        ("zh-hans-cn", "zh-Hans-CN"),
        ("ZH_cn", "zh-CN"),
        ("en", "en"),
        ("en-GB", "en-GB"),
        ("pt-BR", "pt-BR"),
        ("pt-br", "pt-BR"),
        ("es-419", "es-419"),
        (" de ", "de"),
    ],
)
def test_valid_tags_are_normalised(tag: str, normalised: str) -> None:
    assert normalise_language_tag(tag) == normalised


@pytest.mark.parametrize(
    "tag", ["xx", "e", "english", "", "und", "en-XX", "en-US-x-private-use-too-long", "z1"]
)
def test_invalid_tags_are_refused_with_a_clear_message(tag: str) -> None:
    with pytest.raises(UnknownLanguage, match="such as 'zh'"):
        normalise_language_tag(tag)


def test_unknown_language_is_a_value_error() -> None:
    assert issubclass(UnknownLanguage, ValueError)


@pytest.mark.parametrize(
    ("tag", "ui_locale", "name"),
    [
        ("zh", "en", "Chinese"),
        ("zh", "zh-Hans", "中文"),
        ("zh-CN", "en", "Chinese (China)"),
        ("zh-Hans", "zh-Hans", "中文 (简体)"),
        ("en-GB", "en", "English (United Kingdom)"),
        ("en", "zh-Hans", "英语"),
        ("de", "de", "Deutsch"),
        ("pt-BR", "not a locale", "Portuguese (Brazil)"),
    ],
)
def test_display_names(tag: str, ui_locale: str, name: str) -> None:
    assert language_display_name(tag, ui_locale) == name


@pytest.mark.parametrize(
    ("tag", "spaces", "cjk", "joiner"),
    [
        ("zh-Hans", False, True, ""),
        ("ja", False, True, ""),
        ("ko", True, True, " "),
        ("th", False, False, " "),
        ("en-GB", True, False, " "),
        ("de", True, False, " "),
    ],
)
def test_writing_system_facts(tag: str, spaces: bool, cjk: bool, joiner: str) -> None:
    assert uses_spaces(tag) is spaces
    assert is_cjk(tag) is cjk
    assert sentence_joiner(tag) == joiner


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("宜昌片区：“创新+”让生物医药发展迸发活力", "zh"),
        ("The 41-degree scorching sun in Yichang, Hubei Province was like fire.", "en"),
        ("Die Sonne brannte über der Stadt wie Feuer, und die Luft stand still.", "de"),
        ("東京都の天気は晴れです。", "ja"),
        ("ok", None),
        ("12,345.67 — 2022", None),
        ("", None),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_detection_gives_the_same_answer_when_repeated() -> None:
    answers = {
        detect_language("Renfu Pharmaceutical is a company that insists on implementing its strategy.")
        for _ in range(5)
    }
    assert answers == {"en"}
