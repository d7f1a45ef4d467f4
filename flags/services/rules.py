"""Every write of flag rules: install the defaults, create, change; each change re-evaluates the district after commit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import audit_record, changes_between, field_values
from core.errors import ApplicationError, ConflictError
from flags.models import FlagRule
from flags.permissions import can_edit_flag_rules
from flags.rules import registry
from flags.rules.defaults import DEFAULT_RULES
from flags.services.flags import flags_evaluate_later
from roster.models import District

if TYPE_CHECKING:
    from django.contrib.auth.models import User

RULE_EDITABLE_FIELDS = (
    "name",
    "description",
    "comparison",
    "warning_threshold",
    "warning_severity",
    "critical_threshold",
    "critical_severity",
    "window_months",
    "min_sample",
    "question_code",
    "respondent_group",
    "is_active",
)


def flag_rule_full_clean(rule: FlagRule) -> None:
    """The model's own checks, then those that need the metric registry."""
    spec = registry.metric_spec(rule.metric)
    if spec is None:
        raise ValidationError(
            {"metric": f"There is no metric {rule.metric!r} in this installation."}
        )
    if spec.needs_question and not rule.question_code:
        raise ValidationError({"question_code": "This metric needs the survey question's code."})
    rule.full_clean()


def _require_coordinator(actor: User, district: District) -> None:
    if not can_edit_flag_rules(user=actor, district=district):
        raise ApplicationError("Only the district coordinator can change flag rules.", status=403)


def flags_install_defaults(*, district: District, actor: User | None = None) -> list[FlagRule]:
    """Create the default rules the district doesn't have yet (matched by code).

    Only rules whose metric is available are installed; calling this again after a
    source app is added installs the rest and leaves edited rules alone.
    """
    created: list[FlagRule] = []
    with transaction.atomic():
        existing = set(FlagRule.objects.filter(district=district).values_list("code", flat=True))
        for spec in DEFAULT_RULES:
            if spec["code"] in existing or registry.metric_spec(spec["metric"]) is None:
                continue
            rule = FlagRule(district=district, **spec)
            flag_rule_full_clean(rule)
            rule.save()
            audit_record(
                actor=actor,
                action="flag_rule.installed",
                target=rule,
                district=district,
                changes=changes_between({}, field_values(rule, ("metric", *RULE_EDITABLE_FIELDS))),
            )
            created.append(rule)
    return created


def flag_rule_create(
    *, district: District, actor: User, code: str, metric: str, **fields: Any
) -> FlagRule:
    _require_coordinator(actor, district)
    with transaction.atomic():
        if FlagRule.objects.filter(district=district, code=code).exists():
            raise ConflictError(f"The district already has a rule with the code {code!r}.")
        rule = FlagRule(district=district, code=code, metric=metric, **fields)
        flag_rule_full_clean(rule)
        rule.save()
        audit_record(
            actor=actor,
            action="flag_rule.created",
            target=rule,
            district=district,
            changes=changes_between({}, field_values(rule, ("metric", *RULE_EDITABLE_FIELDS))),
        )
    flags_evaluate_later(district.pk)
    return rule


def flag_rule_update(*, rule: FlagRule, actor: User, data: dict[str, Any]) -> FlagRule:
    """Change a rule's thresholds or settings; the district is re-evaluated after commit."""
    _require_coordinator(actor, rule.district)
    unknown = set(data) - set(RULE_EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(f"These fields can't be changed: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        rule = FlagRule.objects.select_for_update().get(pk=rule.pk)
        before = field_values(rule, RULE_EDITABLE_FIELDS)
        for name, value in data.items():
            setattr(rule, name, value)
        flag_rule_full_clean(rule)
        rule.save()
        changes = changes_between(before, field_values(rule, RULE_EDITABLE_FIELDS))
        if changes:
            audit_record(
                actor=actor,
                action="flag_rule.updated",
                target=rule,
                district=rule.district_id,
                changes=changes,
            )
    flags_evaluate_later(rule.district_id)
    return rule
