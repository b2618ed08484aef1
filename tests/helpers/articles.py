"""Test articles shared by the editor's page, API and browser tests: one short zh → en article with MT.

Imported explicitly (``from tests.helpers.articles import claimed_article``) so every test module shows
where its data comes from; the integration tests reach it through the ``article`` fixture of
``tests/integration/editor/conftest.py``.
"""

from __future__ import annotations

from workflow.models import Article, User
from workflow.services import transitions
from workflow.services.articles import ArticleInput, import_article
from workflow.services.transitions import ActionInput

SOURCE = "宜昌片区创新发展。\n\n今年前7个月，出口增长12.5%。企业数量增加。"
MT = (
    "Yichang area innovates.\n\nIn the first seven months of this year, exports grew by 12.5%. "
    "The number of companies increased."
)


def claimed_article(users: dict[str, User]) -> Article:
    """The article imported by the editor and claimed by the translator: translating, three segments with MT.

    The second segment starts a new paragraph.
    """
    created, _summary = import_article(
        ArticleInput(source_text=SOURCE, target_lang="en", source_lang="zh", mt_text=MT, title="Yichang"),
        actor=users["editor"],
    )
    transitions.take_action(created.id, ActionInput(action="claim"), actor=users["translator"])
    return created
