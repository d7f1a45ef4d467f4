import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0006_responses_and_answers_without_rowid"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="response_step",
            field=models.PositiveSmallIntegerField(default=5, validators=[django.core.validators.MinValueValidator(3)]),
        ),
        migrations.AddField(
            model_name="surveyrelease",
            name="k",
            field=models.PositiveSmallIntegerField(default=5, validators=[django.core.validators.MinValueValidator(3)]),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="surveyrelease",
            name="comment_min",
            field=models.PositiveSmallIntegerField(default=8),
            preserve_default=False,
        ),
    ]
