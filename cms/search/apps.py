from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cms.search"
    label = "cms_search"
    verbose_name = "检索"

    def ready(self):
        from django.db.models.signals import post_migrate

        from cms.operations import health

        from . import engine, signals, terms

        signals.register()
        post_migrate.connect(terms.build_if_missing, sender=self, dispatch_uid="search-word-index")
        health.register_optional("search", engine.health_state)
