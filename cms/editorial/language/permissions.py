"""Permission names in Chinese: the group editor lists them (可添加 同义词, not "Can add 同义词").

Django stores a permission's name when `migrate` creates it, in English and with translation switched off. After
each `migrate` the names are written again, in the site's language: the default ones from the verb and the model's
verbose name, the ones a model declares (Meta.permissions) from their own translated label.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation
from django.utils.translation import gettext_lazy as _

DEFAULT_VERBS = {"add": _("可添加"), "change": _("可修改"), "delete": _("可删除"), "view": _("可查看")}


def _declared_labels(model):
    return {codename: label for codename, label in model._meta.permissions}


def chinese_name(permission, model):
    """Return `permission`'s name in the site's language, or None if it is not one this code can name."""
    verb, _sep, model_name = permission.codename.partition("_")
    declared = _declared_labels(model)
    if permission.codename in declared:
        return str(declared[permission.codename])
    if verb in DEFAULT_VERBS and model_name == model._meta.model_name:
        return f"{DEFAULT_VERBS[verb]}{model._meta.verbose_name}"
    return None


def name_permissions(app_config, using=DEFAULT_DB_ALIAS, **kwargs):
    """Name the permissions of `app_config`'s models in Chinese (a post_migrate receiver, called for each app).

    The app's permissions are created first, as django.contrib.auth's receiver would create them a moment later:
    this receiver may run before that one, and nothing else creates them.
    """
    if not app_config.models_module:
        return
    create_permissions(app_config, verbosity=0, using=using)
    max_length = Permission._meta.get_field("name").max_length
    renamed = []
    with translation.override(settings.LANGUAGE_CODE):
        permissions = Permission.objects.using(using).filter(content_type__app_label=app_config.label)
        for permission in permissions.select_related("content_type"):
            try:
                model = app_config.get_model(permission.content_type.model, require_ready=False)
            except LookupError:  # a model a migration deleted: its stale permissions keep their names
                continue
            name = chinese_name(permission, model)
            if name and name[:max_length] != permission.name:
                permission.name = name[:max_length]
                renamed.append(permission)
    Permission.objects.using(using).bulk_update(renamed, ["name"])
