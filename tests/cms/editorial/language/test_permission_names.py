"""Permissions named in Chinese after every migrate, even when a migration has deleted a model."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from cms.editorial.language.permissions import name_permissions


@pytest.mark.django_db
def test_the_permissions_of_a_deleted_model_do_not_stop_migrate():
    # What a DeleteModel leaves behind: Django keeps the content type and its permissions until removed.
    gone = ContentType.objects.create(app_label="cms_search", model="retiredmodel")
    Permission.objects.create(codename="view_retiredmodel", name="Can view retired model", content_type=gone)
    Permission.objects.filter(codename="add_synonymgroup").update(name="Can add synonym group")

    name_permissions(apps.get_app_config("cms_search"))

    assert Permission.objects.get(codename="add_synonymgroup").name == "可添加同义词"
    assert Permission.objects.get(codename="view_retiredmodel").name == "Can view retired model"
