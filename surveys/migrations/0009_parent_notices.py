"""Parents' notices (PPRA) and opt-outs; on SQLite the opt-out table is WITHOUT ROWID.

An opt-out has a random key and no time, but a SQLite rowid would still keep the
order families sent them in; 0006 explains the rebuild, reused here as is.
"""

import importlib

import django.db.models.deletion
import surveys.models.notices
import uuid
from django.db import migrations, models

_rebuild = importlib.import_module("surveys.migrations.0006_responses_and_answers_without_rowid")._rebuild


def without_rowid(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        _rebuild(schema_editor, "surveys_optout", without_rowid=True)


def with_rowid(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        _rebuild(schema_editor, "surveys_optout", without_rowid=False)


class Migration(migrations.Migration):

    dependencies = [
        ('roster', '0007_officer_form_of_address_district_public_contact'),
        ('surveys', '0008_question_protected_areas'),
    ]

    operations = [
        migrations.CreateModel(
            name='ParentNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('token', models.CharField(default=surveys.models.notices.new_notice_token, editable=False, max_length=20, unique=True)),
                ('opt_out_deadline', models.DateField()),
                ('contact_name', models.CharField(max_length=200)),
                ('contact_email', models.EmailField(blank=True, max_length=254)),
                ('contact_phone', models.CharField(blank=True, max_length=40)),
                ('note_en', models.TextField(blank=True, max_length=1000)),
                ('note_es', models.TextField(blank=True, max_length=1000)),
                ('campaign', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='parent_notice', to='surveys.campaign')),
            ],
            options={
                'ordering': ['campaign'],
            },
        ),
        migrations.CreateModel(
            name='OptOut',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('child_name', models.CharField(max_length=200)),
                ('name_key', models.CharField(max_length=200)),
                ('grade', models.CharField(max_length=40)),
                ('school', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='roster.school')),
                ('notice', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='surveys.parentnotice')),
            ],
            options={
                'ordering': ['school_id', 'name_key', 'grade', 'id'],
                'constraints': [models.UniqueConstraint(fields=('notice', 'school', 'name_key', 'grade'), name='opt_out_once_per_child')],
            },
        ),
        migrations.RunPython(without_rowid, with_rowid),
    ]
