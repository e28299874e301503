from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "邮件订阅"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import triggers

        triggers.register()
