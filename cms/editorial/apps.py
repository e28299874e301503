from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "cms.editorial"
    label = "editorial"
    verbose_name = "编辑审核"

    def ready(self):
        # The receivers import the models, never the other way round: they are connected here.
        from .roles import signals as ownership_signals  # noqa: F401  (connects the receivers)
        from .workflow import signals

        signals.register()
