from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "cms.editorial"
    label = "editorial"
    verbose_name = "编辑审核"

    def ready(self):
        # The receivers import the models, never the other way round: they are connected here.
        from django.db.models.signals import post_migrate

        from .language.labels import label_wagtail_forms
        from .language.permissions import name_permissions
        from .roles import signals as ownership_signals  # noqa: F401  (connects the receivers)
        from .workflow import signals

        signals.register()
        label_wagtail_forms()
        # After django.contrib.auth's own receiver (its app comes first), which creates the permissions in English.
        post_migrate.connect(name_permissions, dispatch_uid="zhengce_permission_names")
