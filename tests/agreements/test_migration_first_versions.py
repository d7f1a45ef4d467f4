"""The data migration gives every MOU without a version its version 1, and only those."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps

from agreements.models import MOUVersion
from tests.factories.agreements import worded_version
from tests.factories.roster import MOUFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("agreements.migrations.0002_versions_for_existing_mous")


def test_each_mou_without_a_version_gets_version_1_adopted_on_its_effective_date() -> None:
    bare = MOUFactory(effective_date=datetime.date(2023, 8, 1), removal_response_days=45)
    worded = MOUFactory()
    kept = worded_version(mou=worded, number=1)

    migration.add_first_versions(apps, None)
    migration.add_first_versions(apps, None)

    first = MOUVersion.objects.get(mou=bare)
    assert (first.number, first.adopted_on, first.removal_response_days) == (
        1,
        datetime.date(2023, 8, 1),
        45,
    )
    assert not first.clauses.exists(), "nothing was recorded of the clauses' wording"
    assert list(MOUVersion.objects.filter(mou=worded)) == [kept]
