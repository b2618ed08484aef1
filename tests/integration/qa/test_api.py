"""POST /api/v1/qa/check and GET /api/v1/articles/{id}/qa: what an external client or the editor sees."""

from __future__ import annotations

import time

import pytest

from tests.integration.qa.conftest import bearer


def _check(client, headers, **body):
    payload = {"source_lang": "zh", "target_lang": "en", **body}
    return client.post("/api/v1/qa/check", json=payload, headers=headers)


def test_wrong_magnitude_is_an_error_with_the_correct_figure(client, users):
    response = _check(
        client,
        bearer(users, "translator"),
        source="园区产值达13.56亿元。",
        target="The output reached 13.56 billion yuan.",
    )
    assert response.status_code == 200
    findings = response.get_json()["findings"]
    numbers = [f for f in findings if f["check"] == "numbers"]
    assert numbers and numbers[0]["severity"] == "error"
    assert "1.356 billion" in numbers[0]["message"]
    assert "1.356 billion yuan" in numbers[0]["suggestions"]
    assert set(numbers[0]) >= {"check", "severity", "message", "start", "end", "suggestions"}
    target = "The output reached 13.56 billion yuan."
    assert target[numbers[0]["start"] : numbers[0]["end"]] == "13.56 billion"


def test_future_tense_for_a_past_year_depends_on_the_article_date(client, users):
    headers = bearer(users, "translator")
    pair = {
        "source": "2021年，园区产值达13.56亿元。",
        "target": "In 2021, the output of the park will reach 1.356 billion yuan.",
    }
    in_2022 = _check(client, headers, article_date="2022-08-30", **pair).get_json()["findings"]
    in_2021 = _check(client, headers, article_date="2021-01-15", **pair).get_json()["findings"]
    assert any(f["check"] == "tense-date" for f in in_2022)
    assert not any(f["check"] == "tense-date" for f in in_2021)


def test_talents_and_full_width_comma_are_flagged_with_fixes(client, users):
    target = "We introduced 3,082 talents，mostly engineers."
    findings = _check(
        client, bearer(users, "translator"), source="我们引进人才3082名，多为工程师。", target=target
    ).get_json()["findings"]
    talents = next(
        f for f in findings if f["check"] == "style" and target[f["start"] : f["end"]] == "talents"
    )
    assert talents["severity"] == "warning" and "talent" in talents["suggestions"]
    comma = next(f for f in findings if f["check"] == "punctuation")
    assert target[comma["start"] : comma["end"]] == "，" and comma["suggestions"] == [","]


def test_a_clean_translation_has_no_findings(client, users):
    findings = _check(
        client,
        bearer(users, "translator"),
        source="园区有60多家企业。",
        target="The park has more than 60 companies.",
    ).get_json()["findings"]
    assert findings == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"source": 5, "target": "x"}, "source"),
        ({"source": "x", "target": "x" * 100_001}, "target"),
        ({"source": "x", "target": "x", "source_lang": "klingon!"}, "source_lang"),
        ({"source": "x", "target": "x", "target_lang": ""}, "target_lang"),
        ({"source": "x", "target": "x", "article_date": "30/08/2022"}, "article_date"),
        ({"source": "x", "target": "x", "article_date": "2022-02-30"}, "article_date"),
        ({"target": "x"}, "source"),
    ],
)
def test_bad_input_is_a_422_problem_naming_the_field(client, users, body, field):
    payload = {"source_lang": "zh", "target_lang": "en", **body}
    response = client.post("/api/v1/qa/check", json=payload, headers=bearer(users, "translator"))
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]


def test_the_check_needs_authentication(client):
    response = client.post(
        "/api/v1/qa/check", json={"source": "a", "target": "b", "source_lang": "zh", "target_lang": "en"}
    )
    assert response.status_code == 401


def test_article_findings_carry_segment_ids_and_dismissed_flags(client, users, article):
    response = client.get(f"/api/v1/articles/{article.id}/qa", headers=bearer(users, "translator"))
    assert response.status_code == 200
    data = response.get_json()
    segment_ids = {s.id for s in article.segments}
    assert data["findings"] and all(f["segment_id"] in segment_ids for f in data["findings"])
    assert all(f["dismissed"] is False for f in data["findings"])
    assert data["counts"]["error"] == 1
    assert {"numbers", "style", "punctuation"} <= {f["check"] for f in data["findings"]}


def test_article_findings_are_hidden_from_people_who_cannot_see_the_article(client, users, article):
    response = client.get(f"/api/v1/articles/{article.id}/qa", headers=bearer(users, "translator2"))
    assert response.status_code == 404


def test_a_custom_rule_cannot_hang_a_request(client, users):
    from workflow.services import rules
    from workflow.services.rules import CustomRuleInput

    rules.create_custom_rule(
        CustomRuleInput(
            rule_id="many-as", message="Too many a's.", pattern=r"(?:a|aa)*b", examples_match=["aab"]
        ),
        actor=users["admin"],
    )
    started = time.perf_counter()
    response = _check(client, bearer(users, "translator"), source="测试", target="a" * 99_000 + "!")
    assert response.status_code == 200
    assert time.perf_counter() - started < 3.0
