"""Data-table tests for the tense-date check (future for past periods, past for plans)."""

import datetime as dt

import pytest

from workflow.checks.base import CheckContext
from workflow.checks.tense import TenseDateCheck, past_tense

CONTEXT = CheckContext(source_lang="zh", target_lang="en", article_date=dt.date(2022, 8, 30))

FIRES = [
    # The real MT sample, article of 2022-08-30.
    (
        "2021年，园区产值达13.56亿元。",
        "In 2021, the output value of the park will reach 1.356 billion yuan.",
        "will reach",
        "reached",
    ),
    (
        "2021年，公司海外市场销售收入超3.75亿元，其中5个产品在美国市场占有率排名前三。",
        "In 2021, the company's overseas market sales revenue will exceed 375 million yuan, of which 5 "
        "products rank among the top three in the US market share.",
        "will exceed",
        "exceeded",
    ),
    (
        "该基地将于2025年全面建成投产。",
        "The base was fully completed and put into production in 2025.",
        "was fully completed",
        "will be fully completed",
    ),
    ("去年，出口增长10%。", "Last year, exports will rise 10%.", "will rise", "rose"),
    ("7月，出口额达50亿元。", "In July, exports will reach 5 billion yuan.", "will reach", "reached"),
    (
        "1—5月，出口额达50亿元。",
        "From January to May, exports will reach 5 billion yuan.",
        "will reach",
        "reached",
    ),
    (
        "2022年上半年，出口额达50亿元。",
        "In the first half of 2022, exports are expected to reach 5 billion yuan.",
        "are expected to reach",
        "reached",
    ),
    ("2021年，新工厂投产。", "In 2021, the new plant will be put into production.", "will be", "was"),
    ("公司已经建成3条生产线。", "The company will build 3 production lines.", "will build", "built"),
    (
        "上周，展会吸引了5万名观众。",
        "The fair is going to attract 50,000 visitors.",
        "is going to attract",
        "attracted",
    ),
    (
        "公司计划投资10亿元建设新工厂。",
        "The company invested 1 billion yuan to build a new factory.",
        "invested",
        "will invest",
    ),
    ("项目预计明年投产。", "The project has been put into production.", "has been put", "will be put"),
]


@pytest.mark.parametrize(("source", "target", "phrase", "suggestion"), FIRES)
def test_wrong_tense_for_the_period_fires_with_a_suggestion(source, target, phrase, suggestion):
    findings = TenseDateCheck().check_pair(source, target, CONTEXT)
    assert [target[f.start : f.end] for f in findings] == [phrase]
    assert findings[0].suggestions == (suggestion,)
    assert phrase in findings[0].text


CLEAN = [
    (
        "该基地将引进世界顶级团队，于2025年全面建成投产。",
        "The base will introduce the world's top teams, and it will be fully completed and put into "
        "production in 2025.",
    ),
    ("该基地将于2025年全面建成投产。", "It will be completed in 2025."),
    ("去年，出口增长10%。", "Last year, exports rose 10%."),
    ("2021年，园区产值达13.56亿元。", "In 2021, the output value of the park reached 1.356 billion yuan."),
    (
        "今年前三季度，出口额预计达50亿元。",
        "In the first three quarters of this year, exports will reach 5 billion yuan.",
    ),
    ("公司计划投资10亿元建设新工厂。", "The company plans to invest 1 billion yuan to build a new factory."),
    ("出口额将比2021年增长10%。", "Exports will grow 10% over 2021."),
    ("2021年，公司宣布将建设新工厂。", "In 2021, the company announced that it will build a new factory."),
    (
        "2021年产值达13.56亿元，预计2023年将突破20亿元。",
        "In 2021, output reached 1.356 billion yuan, and in 2023 it is expected to exceed 2 billion yuan.",
    ),
    (
        "自2017年挂牌以来，片区已发展五年。",
        "Since its listing in 2017, the area has been developing for five years.",
    ),
    ("公司2021年年报将于下月发布。", "The company's 2021 annual report will be released next month."),
    ("12月，新工厂将投产。", "In December, the new plant will be put into production."),
    ("园区将打造生物医药产业集群。", "The park will build a biomedical industry cluster."),
    ("政治意愿。", "The will of the people was clear in 2021."),
]


@pytest.mark.parametrize(("source", "target"), CLEAN)
def test_correct_tenses_and_relative_futures_do_not_fire(source, target):
    assert TenseDateCheck().check_pair(source, target, CONTEXT) == []


def test_nothing_without_an_article_date():
    no_date = CheckContext(source_lang="zh", target_lang="en")
    assert TenseDateCheck().check_pair(*FIRES[0][:2], no_date) == []


def test_only_the_wrong_sentence_of_a_paragraph_is_flagged():
    source = "园区已引进企业150余家。2021年，园区产值达13.56亿元。该基地将于2025年全面建成投产。"
    target = (
        "The park has introduced more than 150 enterprises. In 2021, the output value of the park will reach "
        "1.356 billion yuan. The base will be fully completed and put into production in 2025."
    )
    findings = TenseDateCheck().check_pair(source, target, CONTEXT)
    assert [target[f.start : f.end] for f in findings] == ["will reach"]


def test_a_source_completed_marker_names_the_marker():
    findings = TenseDateCheck().check_pair(
        "公司已经建成3条生产线。", "The company will build 3 lines.", CONTEXT
    )
    assert "'已经'" in findings[0].text
    assert (findings[0].source_start, findings[0].source_end) == (2, 4)


@pytest.mark.parametrize(
    ("verb", "past"),
    [
        ("reach", "reached"),
        ("exceed", "exceeded"),
        ("be", "was"),
        ("grow", "grew"),
        ("plan", "planned"),
        ("complete", "completed"),
        ("supply", "supplied"),
        ("build", "built"),
        ("rise", "rose"),
    ],
)
def test_past_tense(verb, past):
    assert past_tense(verb) == past


NEWS_FIRES = [
    # (article date, source, target, flagged phrase, suggestion)
    (
        dt.date(2023, 5, 15),
        "上周，首趟中欧班列从成都发车。",
        "Last week, the first China-Europe train is departing from Chengdu.",
        "is departing",
        "departed",
    ),
    (
        dt.date(2024, 6, 18),
        "1—5月，出口额同比增长18.4%。",
        "From January to May, exports are growing 18.4 percent year on year.",
        "are growing",
        "grew",
    ),
    (
        dt.date(2022, 9, 8),
        "上个月，该市出台了十条措施。",
        "Last month, the city is rolling out 10 measures.",
        "is rolling",
        "rolled",
    ),
    (dt.date(2024, 9, 5), "去年，该港吞吐量创新高。", "The port is hitting a record.", "is hitting", "hit"),
    (
        dt.date(2024, 7, 15),
        "预计今年全年外贸进出口增长5%左右。",
        "Foreign trade grew about 5 percent this year.",
        "grew",
        "will grow",
    ),
    (
        dt.date(2024, 8, 20),
        "第七届进博会将于11月在上海举办。",
        "The seventh CIIE was held in Shanghai in November.",
        "was held",
        "will be held",
    ),
    (
        dt.date(2024, 4, 12),
        "下周，商务部将举办座谈会。",
        "Next week, the Ministry of Commerce held a symposium.",
        "held",
        "will hold",
    ),
    (
        dt.date(2024, 3, 7),
        "前两个月，进出口总值同比增长8.7%。",
        "In the first two months, trade will rise 8.7 percent year on year.",
        "will rise",
        "rose",
    ),
]


@pytest.mark.parametrize(("today", "source", "target", "phrase", "suggestion"), NEWS_FIRES)
def test_progressives_for_past_periods_and_pasts_for_plans(today, source, target, phrase, suggestion):
    context = CheckContext(source_lang="zh", target_lang="en", article_date=today)
    findings = TenseDateCheck().check_pair(source, target, context)
    assert [(target[f.start : f.end], f.suggestions) for f in findings] == [(phrase, (suggestion,))]


NEWS_CLEAN = [
    ("去年，出口增长10%。", "Last year exports rose 10 percent, and the company is now expanding."),
    ("去年，该公司已经开始扩产。", "The company is already expanding production."),
    ("今年以来，出口持续增长。", "Exports are growing steadily this year."),
    ("2021年，园区产值达13.56亿元。", "In 2021, output reached 1.356 billion yuan, according to the park."),
    ("出口增长5%。", "Exports grew 5 percent, and analysts expect more growth next year."),
    ("新工厂将于今年年底前投入使用。", "The new plant will be put into use before the end of this year."),
    ("该公司成立于2010年，目前正在扩大产能。", "Founded in 2010, the company is expanding its capacity."),
    ("该公司成立于2010年，将建设新工厂。", "Founded in 2010, the company will build a new plant."),
    ("该项目于去年开工，进展顺利。", "The project, which started last year, is progressing smoothly."),
]


@pytest.mark.parametrize(("source", "target"), NEWS_CLEAN)
def test_present_progressives_and_unrelated_periods_stay_quiet(source, target):
    assert TenseDateCheck().check_pair(source, target, CONTEXT) == []
