"""Every MOU recorded before the MOU record existed gets its version 1, adopted on its
effective date with its removal-response window. Its clauses stay empty: nothing was
recorded of their wording, and the record says so rather than inventing it."""

from __future__ import annotations

from django.db import migrations


def add_first_versions(apps, schema_editor) -> None:
    mou_model = apps.get_model("roster", "MOU")
    version_model = apps.get_model("agreements", "MOUVersion")
    versioned = version_model.objects.values("mou_id")
    version_model.objects.bulk_create(
        version_model(
            mou_id=mou.pk,
            number=1,
            adopted_on=mou.effective_date,
            removal_response_days=mou.removal_response_days,
        )
        for mou in mou_model.objects.exclude(pk__in=versioned).iterator()
    )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]

    operations = [migrations.RunPython(add_first_versions, migrations.RunPython.noop)]
