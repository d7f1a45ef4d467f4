"""The batch items' job is now ``core.Job`` (same table, roster_job): state only.
"""


import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('evaluations', '0003_packets'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='packetbuilditem',
                    name='job',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='packet_items', to='core.job'),
                ),
            ],
            database_operations=[],
        ),
    ]
