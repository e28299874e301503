from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "依申请公开"

    def ready(self):
        from . import checks, platform_cache  # noqa: F401  (checks registers the letter font's system check)

        platform_cache.connect()
