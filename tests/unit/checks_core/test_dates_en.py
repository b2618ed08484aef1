"""English verb forms and time anchors for the tense check (workflow.domain.dates_en)."""

import datetime as dt

import pytest

from workflow.domain.dates_en import (
    PROGRESSIVE,
    base_of_participle,
    find_target_anchors,
    progressive_past_suggestion,
)

TODAY = dt.date(2022, 8, 30)


@pytest.mark.parametrize(
    ("participle", "base"),
    [
        ("growing", "grow"),
        ("making", "make"),
        ("hitting", "hit"),
        ("planning", "plan"),
        ("rolling", "roll"),
        ("producing", "produce"),
        ("departing", "depart"),
    ],
)
def test_base_of_participle(participle, base):
    assert base_of_participle(participle) == base


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("exports are growing", "grew"),
        ("the plant is being built", "was"),
        ("the city is also rolling out", "also rolled"),
        ("trade is not growing", "did not grow"),
        ("the firm is making", "made"),
    ],
)
def test_progressive_suggestions_are_the_simple_past(text, suggestion):
    match = PROGRESSIVE.search(text)
    assert match is not None and progressive_past_suggestion(match) == suggestion


@pytest.mark.parametrize(
    "text", ["the park is during its peak", "nothing is something", "this is interesting", "it is going to"]
)
def test_words_ending_in_ing_that_are_no_progressive(text):
    assert PROGRESSIVE.search(text) is None


@pytest.mark.parametrize(
    ("text", "is_past"),
    [
        ("Last week, the train left.", True),
        ("From January to May, exports grew.", True),
        ("Next week, the ministry will meet.", False),
        ("This year, trade is growing.", None),
    ],
)
def test_anchors_are_classified_against_the_article_date(text, is_past):
    assert [anchor.is_past for anchor in find_target_anchors(text, TODAY)] == [is_past]
