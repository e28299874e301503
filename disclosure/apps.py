from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "依申请公开"

    def ready(self):
        from . import platform_cache

        platform_cache.connect()
