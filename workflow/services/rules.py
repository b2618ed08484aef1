"""Style rule administration: the rule set in force, switching shipped rules, and custom rules admins write.

The compiled :class:`~workflow.checks.style.RuleSet` is cached per application; every rule change bumps the
``rules`` :class:`~workflow.models.ChangeCounter` in its own transaction, and each process compares that
counter at most once a second (``COPYDESK_RULES_RECHECK_SECONDS``), so a change applies everywhere at once
without rebuilding the rules on every request. Custom rules are validated (pattern, examples) before
saving. Trying rules out on pasted text lives in :mod:`workflow.services.rule_testing`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select, update

from workflow.checks.base import Severity
from workflow.checks.style import RuleSet
from workflow.checks.style_rules import (
    InvalidRule,
    StyleRule,
    compile_rule,
    load_shipped_rules,
    rule_from_mapping,
    validate_pattern,
)
from workflow.database import unit_of_work
from workflow.extensions import db
from workflow.i18n import gettext as _
from workflow.models import ChangeCounter, CustomStyleRule, ShippedRuleSetting, User
from workflow.models.base import utcnow
from workflow.services import audit
from workflow.services.errors import InvalidInput, NotFound, PermissionDenied

COUNTER_NAME = "rules"
_CACHE_KEY = "copydesk_rule_set"
_lock = threading.Lock()


@dataclass
class _RuleSetCache:
    version: int | None = None
    rule_set: RuleSet | None = None
    checked_at: float = 0.0


def _counter_value() -> int:
    value = db.session.execute(select(ChangeCounter.value).where(ChangeCounter.name == COUNTER_NAME)).scalar()
    return int(value or 0)


def _bump_counter() -> None:
    """Bump the ``rules`` counter inside the caller's transaction (creating it the first time)."""
    changed = db.session.execute(
        update(ChangeCounter).where(ChangeCounter.name == COUNTER_NAME).values(value=ChangeCounter.value + 1)
    ).rowcount
    if not changed:
        db.session.add(ChangeCounter(name=COUNTER_NAME, value=1))
    current_app.extensions.pop(_CACHE_KEY, None)  # this process sees its own change at once


def _build_rule_set() -> RuleSet:
    disabled = db.session.execute(
        select(ShippedRuleSetting.rule_id).where(ShippedRuleSetting.enabled.is_(False))
    ).scalars()
    shipped_ids = {rule.id for rule in load_shipped_rules()}
    custom = []
    for row in db.session.execute(select(CustomStyleRule).where(CustomStyleRule.enabled.is_(True))).scalars():
        if row.rule_id in shipped_ids:  # a later pack took this id: the shipped rule wins
            current_app.logger.warning("custom style rule %s shadows a shipped rule; skipped", row.rule_id)
            continue
        try:
            custom.append(_rule_of(row))
        except InvalidRule as error:  # a row written around the service; skip it rather than fail every check
            current_app.logger.warning("custom style rule %s skipped: %s", row.rule_id, error)
    return RuleSet.build(custom=custom, disabled=list(disabled))


def current_rule_set() -> RuleSet:
    """The style rules in force for this application: shipped minus disabled, plus enabled custom rules."""
    interval = float(current_app.config.get("COPYDESK_RULES_RECHECK_SECONDS", 1.0))
    with _lock:
        cache = current_app.extensions.setdefault(_CACHE_KEY, _RuleSetCache())
        now = time.monotonic()
        if cache.rule_set is not None and now - cache.checked_at < interval:
            return cache.rule_set
        version = _counter_value()
        if cache.rule_set is None or version != cache.version:
            cache.rule_set = _build_rule_set()
            cache.version = version
        cache.checked_at = now
        return cache.rule_set


# --- listing --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleRow:
    """A rule as the admin list shows it: shipped or custom, and whether it is on."""

    rule: StyleRule
    source: str
    enabled: bool
    custom_id: int | None = None


@dataclass(frozen=True)
class RuleQuery:
    """Search and filters of the rule list."""

    q: str = ""
    family: str = ""
    severity: str = ""
    source: str = ""
    state: str = ""


def _rule_of(row: CustomStyleRule) -> StyleRule:
    return rule_from_mapping(
        {
            "id": row.rule_id,
            "family": row.family,
            "message": row.message,
            "severity": row.severity,
            "phrases": list(row.phrases or []),
            "pattern": row.pattern or None,
            "suggestions": list(row.suggestions or []),
            "examples_match": list(row.examples_match or []),
            "examples_clean": list(row.examples_clean or []),
            "enabled": bool(row.enabled),
        },
        source="custom",
    )


def all_rules() -> list[RuleRow]:
    """Every shipped rule with its switch, then every custom rule."""
    settings = {s.rule_id: s.enabled for s in db.session.execute(select(ShippedRuleSetting)).scalars()}
    rows = [RuleRow(rule, "shipped", settings.get(rule.id, True)) for rule in load_shipped_rules()]
    for custom in db.session.execute(select(CustomStyleRule).order_by(CustomStyleRule.rule_id)).scalars():
        try:
            rule = _rule_of(custom)
        except InvalidRule:
            rule = StyleRule(
                id=custom.rule_id, family=custom.family or "custom", message=custom.message or ""
            )
        rows.append(RuleRow(rule, "custom", bool(custom.enabled), custom.id))
    return rows


def list_rules(query: RuleQuery) -> list[RuleRow]:
    """The rules matching the search (id, message, phrases, pattern) and the filters."""
    needle = query.q.strip().casefold()
    chosen = []
    for row in all_rules():
        rule = row.rule
        haystack = " ".join(
            (rule.id, rule.family, rule.message, rule.pattern or "", *rule.phrases)
        ).casefold()
        if needle and needle not in haystack:
            continue
        if (query.family and rule.family != query.family) or (
            query.severity and str(rule.severity) != query.severity
        ):
            continue
        if (query.source and row.source != query.source) or (
            query.state and query.state != ("on" if row.enabled else "off")
        ):
            continue
        chosen.append(row)
    return chosen


def families() -> list[str]:
    """Every rule family, for the filter."""
    return sorted({row.rule.family for row in all_rules()})


# --- changing rules -------------------------------------------------------------------------------


_AUDITED = ("rule_id", "pattern", "phrases", "message")


def _record_change(action: str, actor: User, rule_id: str, **detail: object) -> None:
    """Audit a rule change and bump the counter, both inside the caller's transaction."""
    audit.record(action, actor=actor, target=f"rule {rule_id}", **detail)
    _bump_counter()


def _require_admin(actor: User) -> None:
    if not actor.has_role("admin"):
        raise PermissionDenied(_("Only admins may change style rules."))


def set_shipped_enabled(rule_id: str, enabled: bool, *, actor: User) -> None:
    """Switch a shipped rule on or off (shipped rules are never edited or deleted)."""
    _require_admin(actor)
    if rule_id not in {rule.id for rule in load_shipped_rules()}:
        raise NotFound(_("No shipped rule “%(id)s”.", id=rule_id))
    with unit_of_work() as session:
        setting = session.get(ShippedRuleSetting, rule_id)
        if setting is None:
            setting = ShippedRuleSetting(rule_id=rule_id)
            session.add(setting)
        setting.enabled = enabled
        setting.changed_by_id = actor.id
        setting.changed_at = utcnow()
        _record_change("rule.toggle", actor, rule_id, source="shipped", enabled=enabled)


@dataclass(frozen=True)
class CustomRuleInput:
    """A custom rule as the form or API gives it: phrases OR a pattern, examples checked before saving."""

    rule_id: str
    message: str
    family: str = "custom"
    severity: str = "warning"
    phrases: list[str] = field(default_factory=list)
    pattern: str = ""
    suggestions: list[str] = field(default_factory=list)
    examples_match: list[str] = field(default_factory=list)
    examples_clean: list[str] = field(default_factory=list)
    enabled: bool = True


def clean_lines(values: list[str]) -> list[str]:
    """The non-blank entries of a multi-line field, trimmed."""
    return [value.strip() for value in values if value and value.strip()]


def draft_rule(data: CustomRuleInput) -> StyleRule:
    """The rule the input describes, validated (pattern, examples); :raise InvalidInput: per field."""
    errors: dict[str, str] = {}
    phrases, pattern = clean_lines(data.phrases), data.pattern.strip()
    if bool(phrases) == bool(pattern):
        errors["pattern"] = _("Give either phrases or a pattern, not both or neither.")
    elif pattern:
        try:
            validate_pattern(pattern)
        except InvalidRule as error:
            errors["pattern"] = str(error)
    if data.severity not in {str(s) for s in (Severity.WARNING, Severity.INFO)}:
        errors["severity"] = _("Choose warning or info.")
    if errors:
        raise InvalidInput(_("The rule cannot be saved."), errors=errors)
    try:
        rule = rule_from_mapping(
            {
                "id": data.rule_id.strip(),
                "family": data.family.strip() or "custom",
                "message": data.message.strip(),
                "severity": data.severity,
                "phrases": phrases,
                "pattern": pattern or None,
                "suggestions": clean_lines(data.suggestions),
                "examples_match": clean_lines(data.examples_match),
                "examples_clean": clean_lines(data.examples_clean),
                "enabled": data.enabled,
            }
        )
        compile_rule(rule)
    except InvalidRule as error:
        raise InvalidInput(str(error), errors={_field_of(str(error)): str(error)}) from None
    return rule


_FIELD_HINTS = (
    ("does not match", "examples_match"),
    ("wrongly matches", "examples_clean"),
    ("message", "message"),
    ("family", "family"),
    ("rule id", "rule_id"),
    ("phrase", "phrases"),
)


def _field_of(message: str) -> str:
    """The form field an InvalidRule message is about, so the form can show it in place."""
    return next((name for needle, name in _FIELD_HINTS if needle in message.lower()), "pattern")


def _refuse_taken_id(rule_id: str, own_id: int | None = None) -> None:
    if rule_id in {rule.id for rule in load_shipped_rules()}:
        raise InvalidInput(
            _("A shipped rule is called “%(id)s”; choose another id.", id=rule_id),
            errors={"rule_id": _("Taken by a shipped rule.")},
        )
    existing = db.session.execute(select(CustomStyleRule).where(CustomStyleRule.rule_id == rule_id)).scalar()
    if existing is not None and existing.id != own_id:
        raise InvalidInput(
            _("A custom rule is already called “%(id)s”.", id=rule_id), errors={"rule_id": _("Already used.")}
        )


def _apply(row: CustomStyleRule, rule: StyleRule, actor: User) -> None:
    for name in (
        "family",
        "message",
        "phrases",
        "suggestions",
        "examples_match",
        "examples_clean",
        "enabled",
    ):
        value = getattr(rule, name)
        setattr(row, name, list(value) if isinstance(value, tuple) else value)
    row.rule_id, row.pattern, row.severity = rule.id, rule.pattern or "", str(rule.severity)
    row.updated_by_id, row.updated_at = actor.id, utcnow()


def create_custom_rule(data: CustomRuleInput, *, actor: User) -> CustomStyleRule:
    """Validate and save a new custom rule; it applies to every check at once."""
    _require_admin(actor)
    rule = draft_rule(data)
    with unit_of_work() as session:
        _refuse_taken_id(rule.id)
        row = CustomStyleRule()
        _apply(row, rule, actor)
        session.add(row)
        session.flush()
        _record_change("rule.create", actor, rule.id, pattern=row.pattern, phrases=row.phrases)
    return row


def get_custom_rule(custom_id: int) -> CustomStyleRule:
    """A custom rule row; :raise NotFound: for an unknown id."""
    row = db.session.get(CustomStyleRule, custom_id)
    if row is None:
        raise NotFound(_("No such custom rule."))
    return row


def update_custom_rule(custom_id: int, data: CustomRuleInput, *, actor: User) -> CustomStyleRule:
    """Validate and save changes to a custom rule."""
    _require_admin(actor)
    rule = draft_rule(data)
    with unit_of_work():
        row = get_custom_rule(custom_id)
        _refuse_taken_id(rule.id, own_id=row.id)
        before = {name: getattr(row, name) for name in _AUDITED}
        _apply(row, rule, actor)
        _record_change("rule.update", actor, rule.id, before=before)
    return row


def set_custom_enabled(custom_id: int, enabled: bool, *, actor: User) -> CustomStyleRule:
    """Switch a custom rule on or off without losing it."""
    _require_admin(actor)
    with unit_of_work():
        row = get_custom_rule(custom_id)
        row.enabled, row.updated_by_id, row.updated_at = enabled, actor.id, utcnow()
        _record_change("rule.toggle", actor, row.rule_id, source="custom", enabled=enabled)
    return row


def delete_custom_rule(custom_id: int, *, actor: User) -> None:
    """Delete a custom rule for good (the audit log keeps what it was)."""
    _require_admin(actor)
    with unit_of_work() as session:
        row = get_custom_rule(custom_id)
        _record_change(
            "rule.delete", actor, row.rule_id, deleted={name: getattr(row, name) for name in _AUDITED}
        )
        session.delete(row)
