"""Every read of training data.

``compliance_for_officers`` and ``training_hours_by_category`` are the cross-app
contract (docs/contracts.md): many officers at once, a fixed number of queries,
frozen dataclasses keyed by officer id.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import F, Q, QuerySet, Sum, Window

from roster.models import MOU, Agency, Assignment, Officer, School
from roster.scoping import scope_for
from training_records.compliance import (
    STATUS_SEVERITY,
    Completion,
    ComplianceStatus,
    add_months,
    judge,
    worst,
)
from training_records.models import (
    Category,
    ColumnMapping,
    Course,
    StaffTrainingSession,
    TrainingImport,
    TrainingRecord,
    TrainingRequirement,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class RequirementCompliance:
    requirement_id: int
    mou_id: int
    label: str
    course_code: str | None
    category: str
    min_hours: Decimal
    initial: bool
    refresh_months: int | None
    status: str
    due_date: datetime.date | None
    overdue_since: datetime.date | None
    overdue_days: int
    last_completed_on: datetime.date | None
    hours_in_period: Decimal

    @property
    def status_label(self) -> str:
        return ComplianceStatus(self.status).label


@dataclass(frozen=True)
class OfficerCompliance:
    officer_id: int
    on: datetime.date
    requirements: tuple[RequirementCompliance, ...]
    worst_status: str
    max_overdue_days: int

    @property
    def needing_attention(self) -> tuple[RequirementCompliance, ...]:
        return tuple(r for r in self.requirements if r.status != ComplianceStatus.MET)

    @property
    def worst_label(self) -> str:
        return ComplianceStatus(self.worst_status).label

    @property
    def next_due_date(self) -> datetime.date | None:
        dates = [
            r.due_date for r in self.requirements if r.due_date and r.status != ComplianceStatus.MET
        ]
        return min(dates) if dates else None


def compliance_for_officers(
    *, officer_ids: Iterable[int], on: datetime.date
) -> dict[int, OfficerCompliance]:
    """Each officer's standing on ``on`` against the requirements of their agency's
    MOUs in force that day, with the districts they serve in (all of the agency's
    MOUs when the officer has never been assigned). Four queries, whatever the count.
    """
    ids = sorted(set(officer_ids))
    if not ids:
        return {}
    officers = dict(Officer.objects.filter(pk__in=ids).values_list("pk", "agency_id"))
    assignments: dict[int, list[tuple[int, datetime.date]]] = defaultdict(list)
    for officer_id, district_id, start in Assignment.objects.filter(officer_id__in=ids).values_list(
        "officer_id", "school__district_id", "start_date"
    ):
        assignments[officer_id].append((district_id, start))
    requirements = list(
        TrainingRequirement.objects.filter(
            mou__in=MOU.objects.in_force_on(on), mou__agency_id__in=set(officers.values())
        )
        .select_related("course", "mou")
        .order_by("mou_id", "category", "course__code", "pk")
    )
    course_ids = {r.course_id for r in requirements if r.course_id}
    categories = {r.category for r in requirements if r.category}
    by_course: dict[tuple[int, int], list[Completion]] = defaultdict(list)
    by_category: dict[tuple[int, str], list[Completion]] = defaultdict(list)
    if requirements:
        rows = (
            TrainingRecord.objects.filter(officer_id__in=ids, completed_on__lte=on)
            .filter(Q(course_id__in=course_ids) | Q(course__category__in=categories))
            .annotate(
                course_running=Window(
                    Sum("hours"),
                    partition_by=[F("officer_id"), F("course_id")],
                    order_by=F("completed_on").desc(),
                ),
                category_running=Window(
                    Sum("hours"),
                    partition_by=[F("officer_id"), F("course__category")],
                    order_by=F("completed_on").desc(),
                ),
            )
            .order_by("officer_id", "-completed_on")
            .values_list(
                "officer_id",
                "course_id",
                "course__category",
                "completed_on",
                "hours",
                "course_running",
                "category_running",
            )
        )
        for (
            officer_id,
            course_id,
            category,
            completed_on,
            hours,
            course_running,
            category_running,
        ) in rows:
            by_course[(officer_id, course_id)].append(
                Completion(completed_on, hours, Decimal(course_running))
            )
            by_category[(officer_id, category)].append(
                Completion(completed_on, hours, Decimal(category_running))
            )

    result: dict[int, OfficerCompliance] = {}
    for officer_id in ids:
        agency_id = officers.get(officer_id)
        served = {district for district, _ in assignments.get(officer_id, [])}
        items = []
        for requirement in requirements:
            if requirement.mou.agency_id != agency_id:
                continue
            if served and requirement.mou.district_id not in served:
                continue
            starts = [
                s for d, s in assignments.get(officer_id, []) if d == requirement.mou.district_id
            ]
            if requirement.course_id:
                completions = by_course.get((officer_id, requirement.course_id), [])
            else:
                completions = by_category.get((officer_id, requirement.category), [])
            verdict = judge(
                on=on,
                completions=completions,
                min_hours=requirement.min_hours,
                refresh_months=requirement.refresh_months,
                initial=requirement.initial,
                assignment_start=min(starts) if starts else None,
            )
            since = (
                add_months(on, -requirement.refresh_months) if requirement.refresh_months else None
            )
            items.append(
                RequirementCompliance(
                    requirement_id=requirement.pk,
                    mou_id=requirement.mou_id,
                    label=requirement.label,
                    course_code=requirement.course.code if requirement.course_id else None,
                    category=requirement.course.category
                    if requirement.course_id
                    else requirement.category,
                    min_hours=requirement.min_hours,
                    initial=requirement.initial,
                    refresh_months=requirement.refresh_months,
                    status=str(verdict.status),
                    due_date=verdict.due_date,
                    overdue_since=verdict.overdue_since,
                    overdue_days=verdict.overdue_days,
                    last_completed_on=completions[0].completed_on if completions else None,
                    hours_in_period=sum(
                        (c.hours for c in completions if since is None or c.completed_on >= since),
                        Decimal("0"),
                    ),
                )
            )
        items.sort(
            key=lambda r: (
                STATUS_SEVERITY[ComplianceStatus(r.status)],
                r.due_date or datetime.date.max,
                r.label,
            )
        )
        result[officer_id] = OfficerCompliance(
            officer_id=officer_id,
            on=on,
            requirements=tuple(items),
            worst_status=str(worst([r.status for r in items])),
            max_overdue_days=max((r.overdue_days for r in items), default=0),
        )
    return result


def category_labels() -> dict[str, str]:
    """Readable names of the training categories, keyed by the stored values the other selectors return."""
    return dict(Category.choices)


def training_hours_by_category(
    *, officer_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[int, dict[str, Decimal]]:
    """Hours completed from ``start`` to ``end`` (both included), every category
    present (zero when none). One query."""
    ids = sorted(set(officer_ids))
    result = {
        officer_id: {category: Decimal("0") for category in Category.values} for officer_id in ids
    }
    if not ids:
        return result
    rows = (
        TrainingRecord.objects.filter(
            officer_id__in=ids, completed_on__gte=start, completed_on__lte=end
        )
        .values("officer_id", "course__category")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    for row in rows:
        result[row["officer_id"]][row["course__category"]] = Decimal(row["total"])
    return result


# Pages and API ---------------------------------------------------------------------


@dataclass(frozen=True)
class ComplianceRow:
    officer: Officer
    compliance: OfficerCompliance


def compliance_rows(
    *,
    user: User | AnonymousUser,
    on: datetime.date,
    agency: Agency | None = None,
    school_id: int | None = None,
) -> list[ComplianceRow]:
    """The officers the user may see, worst standing first (overdue, then due soon)."""
    officers = officers_for_compliance(user=user)
    if agency is not None:
        officers = officers.filter(agency=agency)
    if school_id is not None:
        officers = officers.filter(
            assignments__in=Assignment.objects.active_on(on).filter(school_id=school_id)
        ).distinct()
    officer_list = list(officers)
    compliance = compliance_for_officers(officer_ids=[o.pk for o in officer_list], on=on)
    rows = [ComplianceRow(o, compliance[o.pk]) for o in officer_list]
    rows.sort(
        key=lambda r: (
            STATUS_SEVERITY[ComplianceStatus(r.compliance.worst_status)],
            -r.compliance.max_overdue_days,
            r.compliance.next_due_date or datetime.date.max,
            r.officer.last_name,
            r.officer.first_name,
        )
    )
    return rows


def officers_for_compliance(*, user: User | AnonymousUser) -> QuerySet[Officer]:
    """Officers whose training the user may see; principals see those at their school."""
    return (
        Officer.objects.visible_to(user)
        .select_related("agency")
        .order_by("last_name", "first_name", "pk")
    )


def records_visible(*, user: User | AnonymousUser) -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.visible_to(user).select_related(
        "course", "officer", "officer__agency", "training_import", "entered_by", "verified_by"
    )


def officer_transcript(*, officer: Officer) -> QuerySet[TrainingRecord]:
    """The officer's records, newest first (the caller fetched ``officer`` scoped)."""
    return (
        TrainingRecord.objects.filter(officer=officer)
        .select_related("course", "training_import", "entered_by", "verified_by")
        .order_by("-completed_on", "course__code")
    )


def courses_all() -> QuerySet[Course]:
    return Course.objects.all().order_by("code")


def requirements_visible(*, user: User | AnonymousUser) -> QuerySet[TrainingRequirement]:
    return TrainingRequirement.objects.visible_to(user).select_related(
        "course", "mou", "mou__agency", "mou__district"
    )


def imports_visible(*, user: User | AnonymousUser) -> QuerySet[TrainingImport]:
    return TrainingImport.objects.visible_to(user).select_related("agency", "job", "created_by")


def staff_sessions_visible(*, user: User | AnonymousUser) -> QuerySet[StaffTrainingSession]:
    return StaffTrainingSession.objects.visible_to(user).select_related("school")


def importable_agencies(*, user: User | AnonymousUser) -> QuerySet[Agency]:
    """Agencies whose training the user may import: their own (supervisors) or any
    serving their district under an MOU (coordinators)."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Agency.objects.all()
    return (
        Agency.objects.filter(Q(pk__in=scope.agency_ids) | Q(pk__in=scope.coordinator_agency_ids()))
        .distinct()
        .order_by("code")
    )


def column_mapping_of(*, agency: Agency) -> ColumnMapping:
    """The agency's saved column mapping, or an unsaved empty one."""
    return ColumnMapping.objects.filter(agency=agency).first() or ColumnMapping(agency=agency)


def manageable_officers(*, user: User | AnonymousUser) -> QuerySet[Officer]:
    """Officers whose records the user may enter or verify: their agency's, or any
    the coordinator sees."""
    scope = scope_for(user)
    officers = Officer.objects.visible_to(user).select_related("agency")
    if scope.is_superuser:
        return officers
    return officers.filter(
        Q(agency_id__in=scope.agency_ids) | Q(pk__in=scope.coordinator_officer_ids())
    )


def manageable_mous(*, user: User | AnonymousUser) -> QuerySet[MOU]:
    """MOUs whose training requirements the user may set: their district's (coordinators)."""
    scope = scope_for(user)
    mous = MOU.objects.visible_to(user).select_related("district", "agency")
    return (
        mous if scope.is_superuser else mous.filter(district_id__in=scope.coordinator_district_ids)
    )


def manageable_schools(*, user: User | AnonymousUser) -> QuerySet[School]:
    """Schools whose staff sessions the user may record: their own, or their district's."""
    scope = scope_for(user)
    schools = School.objects.visible_to(user).select_related("district")
    if scope.is_superuser:
        return schools
    return schools.filter(
        Q(pk__in=scope.school_ids) | Q(district_id__in=scope.coordinator_district_ids)
    )
