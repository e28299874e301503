from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cms.search"
    label = "cms_search"
    verbose_name = "检索"

    def ready(self):
        from . import signals

        signals.register()
