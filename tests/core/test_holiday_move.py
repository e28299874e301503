"""The holiday list moved from editorial to core: a database with staff rows keeps them, and the office its rights."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import Holiday

# Migrations run backwards and forwards on each database; the schema changes need a real transaction.
pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BEFORE = [("editorial", "0005_wagtail_samples_in_chinese")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets, at_end=True).apps


def test_moving_the_table_keeps_staff_rows_and_the_groups_permissions():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    OldHoliday = old.get_model("editorial", "Holiday")
    seeded = OldHoliday.objects.count()
    OldHoliday.objects.create(date="2031-07-01", name="本地防汛调休", is_workday=True, source="staff")
    ContentType = old.get_model("contenttypes", "ContentType")
    holiday_type = ContentType.objects.get_or_create(app_label="editorial", model="holiday")[0]
    change = old.get_model("auth", "Permission").objects.get_or_create(
        content_type=holiday_type, codename="change_holiday", defaults={"name": "Can change 节假日"}
    )[0]
    old.get_model("auth", "Group").objects.create(name="办公室（测试）").permissions.add(change)

    migrate(leaves)

    assert Holiday.objects.count() == seeded + 1
    row = Holiday.objects.get(date="2031-07-01")
    assert (row.name, row.is_workday, row.source) == ("本地防汛调休", True, Holiday.Source.STAFF)
    group = Group.objects.get(name="办公室（测试）")
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [("core", "change_holiday")]
    assert Permission.objects.filter(content_type__app_label="editorial", codename__endswith="_holiday").count() == 0
