"""Seed the holiday list with the State Council's arrangements, so a fresh database counts working days right."""

from django.db import migrations


def seed(apps, schema_editor):
    # The rule for merging the package with staff rows lives in one place; it touches only the fields this
    # migration's model has.
    from core.models import HolidayQuerySet

    Holiday = apps.get_model("editorial", "Holiday")
    HolidayQuerySet(model=Holiday, using=schema_editor.connection.alias).sync_state_council()


def unseed(apps, schema_editor):
    apps.get_model("editorial", "Holiday").objects.filter(source="state_council").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_holiday_source"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
