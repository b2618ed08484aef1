"""The vocabulary of quality checks: severities, findings, the segment context and the check base class.

Checks are pure: they import neither Flask nor SQLAlchemy, so they run the same in the editor's live
check, in an article report, in the CLI and in the evaluation benchmark. Messages are English templates
with named placeholders marked by ``N_`` for extraction; the web layer translates them at display time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar


def N_(message: str) -> str:
    """Mark a string for gettext extraction without translating it (translated later, per request)."""
    return message


class Severity(StrEnum):
    """How serious a finding is: errors block submit/approve unless overridden."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a check found in one source/target pair.

    ``message`` is an English template with ``%(name)s`` placeholders filled from ``params``; spans are
    character offsets into the target (``start``/``end``) and/or the source (``source_start``/``source_end``).
    """

    check: str
    severity: Severity
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)
    start: int | None = None
    end: int | None = None
    source_start: int | None = None
    source_end: int | None = None
    suggestions: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The message with its placeholders filled, in English."""
        return self.message % dict(self.params) if self.params else self.message

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape external clients rely on (``POST /api/v1/qa/check``)."""
        return {
            "check": self.check,
            "severity": str(self.severity),
            "message": self.text,
            "start": self.start,
            "end": self.end,
            "source_start": self.source_start,
            "source_end": self.source_end,
            "suggestions": list(self.suggestions),
        }


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a check may know besides the two texts.

    ``article_date`` anchors tense checks; ``glossary`` is a matcher object (or None) offered by the
    glossary package; ``style_rules`` is the compiled rule set in force (shipped + custom, minus disabled).
    """

    source_lang: str = "zh"
    target_lang: str = "en"
    article_date: dt.date | None = None
    glossary: Any = None
    style_rules: Any = None


class Check:
    """One quality check: a stable id, a translatable name and description, a severity and a language scope.

    Subclasses implement :meth:`check_pair`; the registry calls :meth:`applies_to` first. ``source_langs``
    and ``target_langs`` hold primary language subtags (``"zh"``, ``"en"``); ``None`` means any.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    source_langs: ClassVar[frozenset[str] | None] = None
    target_langs: ClassVar[frozenset[str] | None] = None

    def applies_to(self, source_lang: str, target_lang: str) -> bool:
        """Whether this check knows how to judge this language pair."""
        src = primary_subtag(source_lang)
        tgt = primary_subtag(target_lang)
        return (self.source_langs is None or src in self.source_langs) and (
            self.target_langs is None or tgt in self.target_langs
        )

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """Return the findings for one source/target pair (an empty list when all is well)."""
        raise NotImplementedError

    def finding(self, message: str, severity: Severity | None = None, **kwargs: Any) -> Finding:
        """Build a finding stamped with this check's id and (by default) its severity."""
        return Finding(check=self.id, severity=severity or self.severity, message=message, **kwargs)


class ArticleCheck(Check):
    """A check that judges the article as a whole (e.g. consistency across segments).

    ``check_article`` receives the ordered (source, target) pairs and returns (segment index, finding) pairs.
    """

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """Article checks find nothing in a single pair."""
        return []

    def check_article(
        self, pairs: Sequence[tuple[str, str]], context: CheckContext
    ) -> list[tuple[int, Finding]]:
        """Return findings tied to the index of the segment they concern."""
        raise NotImplementedError


def primary_subtag(tag: str) -> str:
    """``'zh-Hans-CN'`` → ``'zh'``: the language part of a BCP 47 tag, lower-cased."""
    return tag.replace("_", "-").split("-", 1)[0].lower()
