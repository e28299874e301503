"""公开属性: how a document is disclosed; only those disclosed proactively (主动公开) are ever published."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Disclosure(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")


NOT_DISCLOSABLE_MESSAGE = _("只有“主动公开”的文件才能对外发布；“依申请公开”和“不予公开”的文件只能保存为草稿。")
