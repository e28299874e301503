from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "cms.editorial"
    label = "editorial"
    verbose_name = "编辑审核"
