"""The holiday list moves to core (the working-day clock is core's): its rows stay, the table is renamed.

core's 0001 takes the model over in Django's state and moves its content type, so the office's permissions
on it, its history and its references stay with the same rows.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0005_wagtail_samples_in_chinese"),
    ]

    operations = [
        migrations.AlterModelTable(name="holiday", table="core_holiday"),
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="holiday")]),
    ]
