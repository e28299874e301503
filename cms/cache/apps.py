from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "cms.cache"
    label = "page_cache"
    verbose_name = "页面缓存"

    def ready(self):
        from . import renditions, signals

        signals.register()
        renditions.register()
