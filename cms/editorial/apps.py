from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "cms.editorial"
    label = "editorial"
    verbose_name = "编辑审核"

    def ready(self):
        from . import signals

        signals.register()
