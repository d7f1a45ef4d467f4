"""The kernel's models, moved from roster with their tables (state only).

``Job`` and ``AuditEvent`` were ``roster`` models until issue 14. Their tables keep
their names (``db_table``), so an existing database keeps every row: this migration
only tells Django's state that the models now live here; roster 0003 forgets them
there. Nothing is created in the database. Proved by
``tests/core/test_migrations.py``.
"""


import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('roster', '0002_job_task_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Job',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('kind', models.CharField(max_length=60)),
                        ('task_name', models.CharField(blank=True, help_text='The Celery task that runs it.', max_length=200)),
                        ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed')], default='queued', max_length=10)),
                        ('total', models.PositiveIntegerField(default=0)),
                        ('done', models.PositiveIntegerField(default=0)),
                        ('failed', models.PositiveIntegerField(default=0)),
                        ('failures', models.JSONField(blank=True, default=list)),
                        ('result', models.JSONField(blank=True, default=dict)),
                        ('message', models.TextField(blank=True)),
                        ('started_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('district', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='jobs', to='roster.district')),
                    ],
                    options={
                        'db_table': 'roster_job',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='AuditEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('action', models.CharField(max_length=80)),
                        ('target_type', models.CharField(max_length=100)),
                        ('target_id', models.CharField(max_length=64)),
                        ('reason', models.TextField(blank=True)),
                        ('changes', models.JSONField(blank=True, default=dict)),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('district', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='roster.district')),
                    ],
                    options={
                        'db_table': 'roster_auditevent',
                        'ordering': ['created_at', 'id'],
                        'indexes': [models.Index(fields=['target_type', 'target_id', 'created_at'], name='roster_audi_target__dd65cc_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
