"""Training: the course catalog, MOU requirements, records, imports, staff sessions."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import MOU, Agency, Officer, School
from roster.models.organisations import code_validator
from roster.scoping import Scope

# One record of more than this many hours is a typing error, not a course (the
# longest course in the shared catalog, the basic SRO course, is 40 hours).
MAX_RECORD_HOURS = Decimal("100")


class Category(models.TextChoices):
    SRO_FOUNDATIONS = "sro_foundations", "SRO foundations"
    CIVIL_RIGHTS = "civil_rights", "Civil and constitutional rights"
    ADOLESCENT_DEVELOPMENT = "adolescent_development", "Adolescent development"
    RESTORATIVE_JUSTICE = "restorative_justice", "Restorative justice"
    DE_ESCALATION = "de_escalation", "De-escalation and crisis intervention"
    BIAS = "bias", "Bias and procedural justice"
    DISABILITY = "disability", "Students with disabilities"
    MENTAL_HEALTH = "mental_health", "Youth mental health and trauma"
    PRIVACY = "privacy", "Student privacy"
    OTHER = "other", "Other"


class CourseQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> CourseQuerySet:
        # The catalog is shared: every agency's exports name the same courses.
        return self.all()


class Course(TimeStampedModel):
    code = models.CharField(max_length=30, unique=True, validators=[code_validator])
    title = models.CharField(max_length=200)
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names agencies' exports use for this course."
    )
    category = models.CharField(max_length=30, choices=Category.choices)
    hours = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )
    refresher_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How often the course should be repeated (blank: once)."
    )

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="course_hours_positive")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        if not isinstance(self.aliases, list) or not all(isinstance(a, str) for a in self.aliases):
            raise ValidationError({"aliases": "Aliases are a list of names."})


class RequirementQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> RequirementQuerySet:
        return self.filter(mou__in=MOU.objects.for_scope(scope))


class TrainingRequirement(TimeStampedModel):
    """What an MOU asks of each officer: a course, or hours in a category.

    ``min_hours`` must be reached by completions within the last ``refresh_months``
    (a rolling period), or ever when there is no refresher. ``initial`` means it is
    due on the day the officer's first assignment in the district starts.
    """

    mou = models.ForeignKey(MOU, on_delete=models.CASCADE, related_name="training_requirements")
    course = models.ForeignKey(
        "Course", null=True, blank=True, on_delete=models.PROTECT, related_name="requirements"
    )
    category = models.CharField(max_length=30, choices=Category.choices, blank=True)
    min_hours = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Hours needed in each period (0: one completion is enough).",
    )
    initial = models.BooleanField(default=False, help_text="Needed before an assignment starts.")
    refresh_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Repeat every this many months (blank: once is enough).",
    )

    objects = RequirementQuerySet.as_manager()

    class Meta:
        ordering = ["mou", "category", "course__code"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(course__isnull=False) & Q(category=""))
                | (Q(course__isnull=True) & ~Q(category="")),
                name="requirement_course_xor_category",
            ),
            models.CheckConstraint(
                condition=Q(min_hours__gte=0), name="requirement_hours_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(refresh_months__isnull=True) | Q(refresh_months__gte=1),
                name="requirement_refresh_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.course_id and self.course is not None:
            return self.course.title
        return Category(self.category).label

    def clean(self) -> None:
        if bool(self.course_id) == bool(self.category):
            raise ValidationError("A requirement names either a course or a category, not both.")


class RecordSource(models.TextChoices):
    ENTERED = "entered", "Entered"
    IMPORTED = "imported", "Imported"


class RecordQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> RecordQuerySet:
        return self.filter(officer__in=Officer.objects.for_scope(scope))


class TrainingRecord(TimeStampedModel):
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="training_records")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField()
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(MAX_RECORD_HOURS)],
    )
    provider = models.CharField("provider or instructor", max_length=200, blank=True)
    certificate = models.FileField(upload_to="training-certificates/", max_length=255, blank=True)
    source = models.CharField(
        max_length=10, choices=RecordSource.choices, default=RecordSource.ENTERED
    )
    training_import = models.ForeignKey(
        "TrainingImport", null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_on", "course__code"]
        constraints = [
            # Importing a file twice must add nothing: one record per officer, course and day.
            models.UniqueConstraint(
                fields=["officer", "course", "completed_on"], name="training_record_unique_per_day"
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=MAX_RECORD_HOURS),
                name="training_record_hours_plausible",
            ),
            models.CheckConstraint(
                condition=Q(source="entered") | Q(training_import__isnull=False),
                name="training_record_import_named",
            ),
        ]
        indexes = [models.Index(fields=["officer", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.officer_id} {self.course_id} {self.completed_on}"


class ImportStatus(models.TextChoices):
    CHECKING = "checking", "Checking"
    PREVIEWED = "previewed", "Ready to import"
    REJECTED = "rejected", "Refused"
    IMPORTING = "importing", "Importing"
    IMPORTED = "imported", "Imported"
    FAILED = "failed", "Failed"


class ImportQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> ImportQuerySet:
        return self.filter(
            Q(agency_id__in=scope.agency_ids)
            | Q(agency_id__in=scope.coordinator_agency_ids())
            | Q(created_by_id=scope.user_id)
        ).distinct()


class TrainingImport(TimeStampedModel):
    """One uploaded training log: kept between preview and confirm, and named by
    every record it created."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="training_imports")
    file = models.FileField(upload_to="training-imports/", max_length=255)
    filename = models.CharField(max_length=255)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.CHECKING
    )
    rows = models.PositiveIntegerField(default=0)
    new_records = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    # Rows whose completion status doesn't count ("No Show"): never stored as training.
    skipped = models.PositiveIntegerField(default=0)
    created_records = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    preview = models.JSONField(default=list, blank=True)
    job = models.ForeignKey(
        "core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(null=True, blank=True)

    objects = ImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"


class MappingQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> MappingQuerySet:
        return self.filter(
            Q(agency_id__in=scope.agency_ids) | Q(agency_id__in=scope.coordinator_agency_ids())
        ).distinct()


class ColumnMapping(TimeStampedModel):
    """An agency's own header names, field -> header as written in its exports."""

    agency = models.OneToOneField(
        Agency, on_delete=models.CASCADE, related_name="training_column_mapping"
    )
    mapping = models.JSONField(default=dict, blank=True)
    # Completion-status values the agency's exports use, added to the built-in ones
    # (training_records/imports/status.py): the rows that count, and those that don't.
    status_counts = models.JSONField("status values that count", default=list, blank=True)
    status_skips = models.JSONField("status values that don't count", default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MappingQuerySet.as_manager()

    class Meta:
        ordering = ["agency__code"]

    def __str__(self) -> str:
        return f"Column mapping of {self.agency.code}"


class StaffSessionQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> StaffSessionQuerySet:
        return self.filter(school__in=School.objects.for_scope(scope))


class StaffTrainingSession(TimeStampedModel):
    """A session for school staff (SECURe step 4: when not to call the SRO)."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="staff_training_sessions"
    )
    held_on = models.DateField()
    topic = models.CharField(max_length=200)
    attendee_count = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5000)]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StaffSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "school__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendee_count__gte=1), name="staff_session_has_attendees"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school.code} {self.held_on} {self.topic}"
