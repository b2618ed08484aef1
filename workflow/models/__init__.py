"""The database models, one module per aggregate; importing this package registers them all."""

from workflow.models.articles import (
    Article,
    ArticleEvent,
    Comment,
    FindingDismissal,
    Segment,
    SegmentRevision,
)
from workflow.models.audit import AuditEntry
from workflow.models.glossary import ChangeCounter, Term, TermRevision
from workflow.models.jobs import Job
from workflow.models.memory import TmEntry, TmTombstone
from workflow.models.rules import CustomStyleRule, ShippedRuleSetting
from workflow.models.users import ApiToken, AuthSession, User

__all__ = [
    "ApiToken",
    "Article",
    "ArticleEvent",
    "AuditEntry",
    "AuthSession",
    "ChangeCounter",
    "Comment",
    "CustomStyleRule",
    "FindingDismissal",
    "Job",
    "Segment",
    "SegmentRevision",
    "ShippedRuleSetting",
    "Term",
    "TermRevision",
    "TmEntry",
    "TmTombstone",
    "User",
]
