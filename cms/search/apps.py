from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cms.search"
    label = "cms_search"
    verbose_name = "检索"

    def ready(self):
        from cms.operations import health

        from . import engine, signals

        signals.register()
        health.register_optional("search", engine.health_state)
