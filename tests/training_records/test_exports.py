"""Training tables in the district's portability export."""

from __future__ import annotations

import io
import zipfile

import pytest

from roster.portability import district_export_zip

pytestmark = pytest.mark.django_db


def test_the_district_export_holds_its_training_tables_and_not_another_districts(trained) -> None:
    archive = zipfile.ZipFile(io.BytesIO(district_export_zip(district=trained.district)))

    records = archive.read("csv/training_records_records.csv").decode("utf-8-sig").splitlines()
    requirements = archive.read("csv/training_records_requirements.csv").decode("utf-8-sig")

    assert records[0].startswith("agency,badge_number,course,completed_on")
    assert len(records) == 3
    assert all(trained.other_officer.badge_number not in line for line in records[1:])
    assert "CR-4" in requirements
