"""Flag evaluation: idempotent, thresholds from the database, bounded queries, evidence."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activity.models import Incident
from core.audit import audit_history
from flags.models import Flag, FlagRule, FlagSeverity, FlagStatus
from flags.services.flags import flag_dismiss, flags_evaluate_district, flags_evaluate_later
from flags.services.rules import flag_rule_update
from tests.factories.flags import OrdinaryDisciplineDistrict

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 11, 16)
RULE = "ordinary-discipline"


@pytest.fixture
def d() -> OrdinaryDisciplineDistrict:
    return OrdinaryDisciplineDistrict()


def flag_of(officer) -> Flag | None:
    return Flag.objects.filter(officer=officer, rule__code=RULE).first()


def test_re_evaluation_creates_no_duplicate_flags(d) -> None:
    officer = d.officer(ordinary=1)
    first = d.evaluate()
    second = d.evaluate()
    assert first.created == 1
    assert second.created == 0
    assert second.unchanged == 1
    assert Flag.objects.filter(officer=officer).count() == 1


def test_a_worse_condition_updates_the_same_flag(d) -> None:
    officer = d.officer(ordinary=1)
    d.evaluate()
    flag = flag_of(officer)
    assert flag.severity == FlagSeverity.WATCH
    d.add(officer, 2)
    assert d.evaluate().updated == 1
    flag.refresh_from_db()
    assert flag.severity == FlagSeverity.REVIEW
    assert flag.value == Decimal("3.00")
    assert Flag.objects.filter(officer=officer).count() == 1
    history = list(audit_history(flag))
    assert [e.action for e in history] == ["flag.raised", "flag.updated"]
    assert history[1].changes["severity"] == ["watch", "review"]


def test_a_condition_that_clears_marks_its_flag_and_keeps_it(d) -> None:
    officer = d.officer(ordinary=1)
    d.evaluate()
    Incident.objects.filter(officer=officer).update(ordinary_discipline=False)
    assert d.evaluate().cleared == 1
    flag = flag_of(officer)
    assert flag.cleared_at is not None
    assert flag.status == FlagStatus.OPEN
    assert [e.action for e in audit_history(flag)] == ["flag.raised", "flag.cleared"]
    d.add(officer, 1)
    d.evaluate()
    flag.refresh_from_db()
    assert flag.cleared_at is None, "the condition came back: the same flag is active again"


def test_a_dismissed_flag_stays_dismissed_unless_the_condition_gets_worse(d) -> None:
    officer = d.officer(ordinary=1)
    d.evaluate()
    flag_dismiss(
        flag=flag_of(officer), actor=d.coordinator, note="The dean asked the officer to attend."
    )
    assert d.evaluate().created == 0
    d.add(officer, 2)
    assert d.evaluate().created == 1
    assert list(
        Flag.objects.filter(officer=officer).order_by("pk").values_list("status", "severity")
    ) == [
        (FlagStatus.DISMISSED, FlagSeverity.WATCH),
        (FlagStatus.OPEN, FlagSeverity.REVIEW),
    ]


def test_changing_a_threshold_changes_the_outcome_without_code_changes(d) -> None:
    one, two = d.officer(ordinary=1), d.officer(ordinary=2)
    d.evaluate()
    assert flag_of(one).severity == FlagSeverity.WATCH
    assert flag_of(two).severity == FlagSeverity.WATCH
    rule = FlagRule.objects.get(district=d.district, code=RULE)
    flag_rule_update(rule=rule, actor=d.coordinator, data={"warning_threshold": Decimal("2")})
    d.evaluate()
    assert flag_of(one).cleared_at is not None
    assert flag_of(two).cleared_at is None
    flag_rule_update(rule=rule, actor=d.coordinator, data={"critical_threshold": Decimal("2")})
    d.evaluate()
    assert flag_of(two).severity == FlagSeverity.REVIEW
    assert flag_of(two).evidence["rule"]["critical_threshold"] == "2.00"


def test_a_flag_keeps_its_evidence_and_the_rule_as_it_stood(d) -> None:
    officer = d.officer(ordinary=1, other=2)
    d.evaluate()
    evidence = flag_of(officer).evidence
    assert evidence["value"] == "1"
    assert evidence["rule"]["warning_threshold"] == "1.00"
    assert evidence["rule"]["critical_threshold"] == "3.00"
    assert evidence["evaluated_on"] == ON.isoformat()
    assert evidence["figures"] == {
        "incidents that were ordinary school discipline": 1,
        "incidents": 3,
    }


def test_complaint_flags_link_to_the_complaints_behind_them(d) -> None:
    from activity.models import ComplaintStatus
    from tests.factories.activity import ComplaintFactory

    officer = d.officer()
    complaints = [
        ComplaintFactory(
            school=d.school,
            officer=officer,
            status=ComplaintStatus.SUSTAINED,
            received_date=datetime.date(2026, 10, 5),
        )
        for _ in range(2)
    ]
    d.evaluate()
    records = Flag.objects.get(officer=officer, rule__code="sustained-complaints").evidence[
        "records"
    ]
    assert [r["url"] for r in records] == [f"/activity/complaints/{c.pk}/" for c in complaints]


def test_inactive_rules_raise_nothing(d) -> None:
    d.officer(ordinary=1)
    FlagRule.objects.filter(district=d.district).update(is_active=False)
    assert d.evaluate().created == 0


def test_a_rule_whose_metric_is_not_installed_is_skipped(d) -> None:
    FlagRule.objects.create(
        district=d.district,
        code="gone",
        name="Gone",
        metric="no_such_metric",
        warning_threshold=Decimal("1"),
    )
    d.officer(ordinary=1)
    result = d.evaluate()
    assert result.skipped_rules == ["gone"]
    assert result.created == 1


def test_evaluation_after_a_change_runs_in_a_task_after_commit(
    d, django_capture_on_commit_callbacks
) -> None:
    officer = d.officer(ordinary=1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        flags_evaluate_later(d.district.pk)
    assert flag_of(officer) is None, "nothing runs inside the caller's transaction"
    assert len(callbacks) == 1
    for callback in callbacks:
        callback()
    assert flag_of(officer) is not None


def test_the_command_evaluates_one_district(d, capsys) -> None:
    d.officer(ordinary=1)
    call_command("evaluate_flags", "--district", "RUSD")
    assert "RUSD" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no district"):
        call_command("evaluate_flags", "--district", "NOPE")


def _district_of(officers: int, code: str) -> OrdinaryDisciplineDistrict:
    # Five officers are flagged in both districts, so both write the same rows; the
    # others only add to what the rules read (each has incidents and an assignment).
    d = OrdinaryDisciplineDistrict(code)
    for n in range(officers):
        d.officer(ordinary=1) if n < 5 else d.officer(other=1)
    return d


def test_evaluation_runs_a_bounded_number_of_queries_per_rule_not_per_officer(
    django_assert_max_num_queries,
) -> None:
    small = _district_of(5, "FIVE")
    with CaptureQueriesContext(connection) as captured:
        result = flags_evaluate_district(district=small.district, on=ON)
    assert result.officers == 5
    assert result.rules == FlagRule.objects.filter(district=small.district).count() >= 6
    five = len(captured)
    large = _district_of(200, "BIG")
    with django_assert_max_num_queries(five):
        result = flags_evaluate_district(district=large.district, on=ON)
    assert result.officers == 200
    assert result.created == 5
    assert five <= 8 + 6 * result.rules, f"{five} queries for {result.rules} rules"


def test_a_broker_outage_does_not_fail_the_change_that_asked_for_evaluation(
    d, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    from kombu.exceptions import OperationalError

    from flags.tasks import flags_evaluate_district_task

    def broker_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(flags_evaluate_district_task, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        flags_evaluate_later(d.district.pk)
    assert not Flag.objects.exists(), "nothing ran; the nightly evaluation catches up"
