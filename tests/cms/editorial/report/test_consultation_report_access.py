"""Who reads the 意见征集情况 report: the holders of its own permission, which the roles table gives the publicity
center and the office (as the 解读情况 report's; a drafting division reads neither)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.test import Client

from tests import factories

URL = "/admin/reports/consultations/"
INTERPRETATION_URL = "/admin/reports/interpretations/"


def signed_in(username, *groups):
    client = Client()
    client.force_login(factories.user(username, *groups))
    return client


@pytest.mark.django_db
def test_each_role_and_each_report_permission():
    factories.editorial()
    factories.group("只读解读情况", "wagtailadmin.access_admin", "editorial.view_interpretation_report")
    factories.group("只读意见征集情况", "wagtailadmin.access_admin", "editorial.view_consultation_report")
    readers = {"xuanjiao": ("宣教中心审核",), "office": ("办公室",), "consultations_only": ("只读意见征集情况",)}
    others = {
        "daqi_editor": ("起草处室编辑-大气处",),
        "daqi_head": ("处室负责人", "起草处室编辑-大气处"),
        "fagui": ("法规处审核",),
        "interpretations_only": ("只读解读情况",),
    }
    for username, groups in {**readers, **others}.items():
        client = signed_in(username, *groups)
        expected = 200 if username in readers else 403
        assert client.get(URL).status_code == expected, username
        assert client.get(URL, {"export": "csv"}).status_code == expected, username
        assert (URL in client.get("/admin/").content.decode()) is (username in readers), username
    # Each report has its permission: holding one opens only that one.
    assert signed_in("interpretations_only2", "只读解读情况").get(INTERPRETATION_URL).status_code == 200
    assert signed_in("consultations_only2", "只读意见征集情况").get(INTERPRETATION_URL).status_code == 403


@pytest.mark.django_db
def test_the_migration_gives_it_to_the_groups_that_read_it_before():
    factories.group("旧的报表组", "editorial.view_interpretation_report")
    factories.group("其他组")
    migration = importlib.import_module("cms.editorial.migrations.0007_consultation_report_permission")
    migration.grant(apps, None)
    holders = Permission.objects.get(content_type__app_label="editorial", codename="view_consultation_report")
    assert set(Group.objects.filter(permissions=holders).values_list("name", flat=True)) == {"旧的报表组"}
