"""Punctuation and length gaps found by the held-out set: a comma glued to the next word, and a paragraph
written for a two-word source. URLs, numbers and short labels that grow into a sentence stay quiet."""

import pytest

from workflow.checks.base import CheckContext
from workflow.checks.basic import LengthCheck
from workflow.checks.punctuation import PunctuationCheck

ZH_EN = CheckContext(source_lang="zh", target_lang="en")
PADDING = (
    "Foreign trade has been growing steadily while its structure keeps improving, and companies across "
    "the country report that orders from Europe, North America and Africa have picked up strongly in "
    "recent months."
)


@pytest.mark.parametrize(
    ("target", "mark"),
    [
        ("The district focuses on biomedicine,integrated circuits and AI.", ","),
        ("Exports rose;imports fell.", ";"),
        ('They said "yes",then left.', ","),
    ],
)
def test_missing_space_after_comma_or_semicolon_is_reported(target, mark):
    findings = PunctuationCheck().check_pair("出口增长，进口下降。", target, ZH_EN)
    assert [f.params.get("mark") for f in findings] == [mark]
    assert findings[0].suggestions == (mark + " ",)


@pytest.mark.parametrize(
    "target",
    [
        "Exports reached 1,356 million yuan.",
        "See www.mofcom.gov.cn/article,list for details.",
        "The query was a=1,b=2 in the log.",
        "Exports rose, imports fell.",
    ],
)
def test_numbers_urls_and_spaced_commas_are_not_reported(target):
    assert PunctuationCheck().check_pair("出口增长，进口下降。", target, ZH_EN) == []


def test_paragraph_for_a_very_short_source_is_an_addition():
    findings = LengthCheck().check_pair("外贸稳中向好。", PADDING, ZH_EN)
    assert [f.check for f in findings] == ["length"]
    assert "longer" in findings[0].text


@pytest.mark.parametrize(
    ("source", "target"),
    [("分享", "Share this article with all of your friends and family"), ("外贸稳中向好。", "Trade.")],
)
def test_short_source_is_not_judged_too_short_or_for_a_sentence(source, target):
    assert LengthCheck().check_pair(source, target, ZH_EN) == []
