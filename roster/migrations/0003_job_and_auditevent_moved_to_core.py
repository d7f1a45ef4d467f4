"""Roster forgets ``Job`` and ``AuditEvent`` (now in core, same tables): state only.

It runs after every foreign key to them points at ``core.Job``, so no state ever
holds a reference to a model that is gone.
"""


from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('evaluations', '0004_packetbuilditem_job_in_core'),
        ('roster', '0002_job_task_name'),
        ('training_records', '0002_trainingimport_job_in_core'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='job',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='job',
                    name='district',
                ),
                migrations.DeleteModel(
                    name='AuditEvent',
                ),
                migrations.DeleteModel(
                    name='Job',
                ),
            ],
            database_operations=[],
        ),
    ]
