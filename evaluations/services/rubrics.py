"""Writing rubrics. A version that an evaluation uses is never changed: revising it
makes the next version, and evaluations keep the one they were written against."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max

from core.audit import audit_record
from core.errors import ApplicationError, ConflictError
from evaluations.models import Competency, Rubric
from roster.models import District

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEFAULT_RUBRIC_FILE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "secure_default_rubric.json"
)
COMPETENCY_FIELDS = (
    "code",
    "name",
    "description",
    "evidence_examples",
    "weight",
    "critical",
    "unsatisfactory",
    "developing",
    "proficient",
    "exemplary",
)


def _competency_rows(rubric: Rubric, competencies: list[dict[str, Any]]) -> list[Competency]:
    if not competencies:
        raise ApplicationError("A rubric needs at least one competency.")
    codes = [str(spec.get("code", "")) for spec in competencies]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ApplicationError(
            f"Competency codes must be unique; repeated: {', '.join(duplicates)}."
        )
    rows = []
    for position, spec in enumerate(competencies, start=1):
        unknown = set(spec) - set(COMPETENCY_FIELDS)
        if unknown:
            raise ApplicationError(f"Unknown competency field(s): {', '.join(sorted(unknown))}.")
        values = {name: spec[name] for name in COMPETENCY_FIELDS if name in spec}
        if "weight" in values:
            values["weight"] = Decimal(str(values["weight"]))
        competency = Competency(rubric=rubric, position=position, **values)
        competency.full_clean(exclude=["rubric"])
        rows.append(competency)
    return rows


def _snapshot(competencies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {name: _text(spec.get(name, "")) for name in COMPETENCY_FIELDS} for spec in competencies
    ]


def _text(value: Any) -> str:
    # Weights compare as numbers: "1", "1.0" and Decimal("1.00") are one weight.
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)


def rubric_fingerprint(*, rubric: Rubric) -> str:
    """A digest of what a coordinator sees on the revise page, to notice a change made meanwhile."""
    content = [
        rubric.name,
        rubric.description,
        _snapshot(list(rubric.competencies.values(*COMPETENCY_FIELDS))),
    ]
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def rubric_create(
    *,
    district: District,
    code: str,
    name: str,
    description: str = "",
    competencies: list[dict[str, Any]],
    actor: User | None,
) -> Rubric:
    if Rubric.objects.filter(district=district, code=code).exists():
        raise ConflictError(
            f'The district already has a rubric "{code}"; revise it to make a new version.'
        )
    rubric = Rubric(
        district=district,
        code=code,
        version=1,
        name=name,
        description=description,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    rubric.full_clean()
    rubric.save()
    Competency.objects.bulk_create(_competency_rows(rubric, competencies))
    audit_record(
        actor=actor,
        action="rubric.created",
        target=rubric,
        district=district,
        changes={"version": [None, 1], "competencies": [None, _snapshot(competencies)]},
    )
    return rubric


def rubric_is_in_use(*, rubric: Rubric) -> bool:
    return rubric.evaluations.exists()


@transaction.atomic
def rubric_revise(
    *,
    rubric: Rubric,
    name: str,
    description: str,
    competencies: list[dict[str, Any]],
    actor: User,
    expected_fingerprint: str | None = None,
) -> Rubric:
    """Change a rubric: in place while no evaluation uses it, otherwise as a new version.

    With ``expected_fingerprint`` (from ``rubric_fingerprint`` when the form was
    shown), a rubric someone else changed meanwhile is refused rather than
    overwritten. Saving what is already there changes nothing.
    """
    # Lock the family's rows so two coordinators can't both make "version 3".
    family = list(
        Rubric.objects.select_for_update().filter(district_id=rubric.district_id, code=rubric.code)
    )
    latest = max(r.version for r in family)
    rubric = next(r for r in family if r.pk == rubric.pk)  # as it is now, under the lock
    if rubric.version != latest:
        raise ConflictError(
            f"Version {rubric.version} is not the latest; revise version {latest} instead."
        )
    if expected_fingerprint is not None and expected_fingerprint != rubric_fingerprint(
        rubric=rubric
    ):
        raise ConflictError(
            "Someone else changed this rubric after you opened it. Nothing was saved: "
            "open it again, check their changes and make yours again."
        )
    before = _snapshot(list(rubric.competencies.values(*COMPETENCY_FIELDS)))
    if (name, description, before) == (rubric.name, rubric.description, _snapshot(competencies)):
        return rubric
    if rubric_is_in_use(rubric=rubric):
        target = Rubric(
            district_id=rubric.district_id,
            code=rubric.code,
            version=latest + 1,
            name=name,
            description=description,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        target.full_clean()
        target.save()
        action = "rubric.new_version"
    else:
        target = rubric
        target.name, target.description = name, description
        target.full_clean()
        target.save()
        target.competencies.all().delete()
        action = "rubric.revised"
    Competency.objects.bulk_create(_competency_rows(target, competencies))
    audit_record(
        actor=actor,
        action=action,
        target=target,
        district=rubric.district_id,
        changes={
            "version": [rubric.version, target.version],
            "competencies": [before, _snapshot(competencies)],
        },
    )
    return target


def rubric_default_spec() -> dict[str, Any]:
    """The SECURe-aligned default rubric shipped in evaluations/fixtures/."""
    return json.loads(DEFAULT_RUBRIC_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def rubric_load_default(*, district: District, actor: User | None = None) -> Rubric:
    """Give the district the default rubric; loading again returns its latest version."""
    spec = rubric_default_spec()
    existing = Rubric.objects.filter(district=district, code=spec["code"]).aggregate(
        v=Max("version")
    )["v"]
    if existing:
        return Rubric.objects.get(district=district, code=spec["code"], version=existing)
    return rubric_create(
        district=district,
        code=spec["code"],
        name=spec["name"],
        description=spec["description"],
        competencies=spec["competencies"],
        actor=actor,
    )
