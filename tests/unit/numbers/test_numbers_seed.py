"""The ``numbers`` check over sentences of the seed article (Yichang biomedicine, 2022).

The English is the machine translation from /work/shared/seed; the Chinese source is written back from
it. Clean pairs must stay quiet; the same pairs with a typical post-editing slip must be caught.
"""

import pytest

from workflow.checks.base import CheckContext, Severity
from workflow.checks.numbers import DIFFERS, HEDGE_CHANGED, MISSING, NumbersCheck

CHECK = NumbersCheck()
ZH_EN = CheckContext(source_lang="zh", target_lang="en")

SEED_PAIRS = [
    ("2022年8月30日", "August 30, 2022"),
    (
        "湖北宜昌41度的烈日似火。",
        "The 41-degree scorching sun in Yichang, Hubei Province was like fire.",
    ),
    (
        "近五年来，园区累计引进培育生物医药产业链企业150余家，其中国家高新技术企业23家、省级专精特新"
        "“小巨人”企业4家、细分领域隐形冠军企业1家，入库科技型中小企业80余家，挂牌上市企业6家。",
        "In the past five years, the park has introduced and cultivated more than 150 biopharmaceutical "
        "industry chain enterprises, including 23 national high-tech enterprises, 4 provincial-level "
        'specialized and special new "little giant" enterprises, 1 "hidden champion" enterprise in '
        "different fields, more than 80 technology-based small and medium-sized enterprises in the "
        "warehouse, and 6 listed companies on the board.",
    ),
    ("2021年，园区产值达13.56亿元。", "In 2021, the output value of the park will reach 1.356 billion yuan."),
    (
        "自2017年挂牌以来，宜昌片区已发展五年。",
        "Since its listing in 2017, the Yichang area has been developing for five years.",
    ),
    (
        "仅在生物医药领域，就推动龙头企业1300名技术人才、3300余台套设备、价值14亿元向社会共享。",
        "Only in the field of biomedicine, we have promoted 1,300 technical personnel from leading "
        "enterprises and more than 3,300 sets of equipment worth 1.4 billion yuan to be shared with society.",
    ),
    (
        "2020年以来，我们共招聘引进各类人才3082人，其中本科1476人、硕士269人、博士8人。",
        "Since 2020, we have recruited and introduced 3,082 talents of all kinds, including 1,476 with "
        "bachelor's degree, 269 with master's degree, and 8 with doctor's degree.",
    ),
    (
        "2021年，公司海外市场销售收入突破3.75亿元，其中5个产品美国市场占有率位居前三。",
        "In 2021, the company's overseas market sales revenue will exceed 375 million yuan, of which 5 "
        "products rank among the top three in the US market share.",
    ),
    (
        "目前，总投资60亿元的人福医药全球总部基地正在建设中，将于2025年全面建成投产。",
        "At present, the global headquarters base of Renfu Pharmaceutical with a total investment of "
        "6 billion yuan is under construction, and it will be fully completed and put into production "
        "in 2025.",
    ),
    (
        "园区聚焦“生物、医药、医疗器械”三大细分领域。",
        'The park focuses on the three sub-sectors of "biology, medicine and medical devices".',
    ),
]


@pytest.mark.parametrize(("source", "target"), SEED_PAIRS)
def test_seed_sentences_are_clean(source: str, target: str) -> None:
    assert CHECK.check_pair(source, target, ZH_EN) == []


@pytest.mark.parametrize(
    ("index", "wrong", "right", "message", "severity"),
    [
        (3, "1.356 billion yuan", "13.56 billion yuan", DIFFERS, Severity.ERROR),
        (5, "more than 3,300 sets", "nearly 3,300 sets", HEDGE_CHANGED, Severity.WARNING),
        (6, "3,082 talents", "3,028 talents", DIFFERS, Severity.ERROR),
        (7, "375 million yuan", "3.75 billion yuan", DIFFERS, Severity.ERROR),
        (8, "in 2025", "soon", MISSING, Severity.ERROR),
    ],
)
def test_seed_sentences_with_a_slip_are_caught(
    index: int, wrong: str, right: str, message: str, severity: Severity
) -> None:
    source, target = SEED_PAIRS[index]
    edited = target.replace(wrong, right)
    assert edited != target
    findings = CHECK.check_pair(source, edited, ZH_EN)
    assert [(f.message, f.severity) for f in findings] == [(message, severity)]
