"""新媒体发布记录: where and when the publicity center posted a page on the department's new-media accounts, as staff
record it; and the permission of the publicity center's exports."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EXPORT_NEW_MEDIA = "export_new_media"


def perm(codename):
    return f"sharing.{codename}"


class Platform(models.TextChoices):
    WECHAT = "wechat", _("微信公众号")
    WEIBO = "weibo", _("微博")
    DOUYIN = "douyin", _("抖音")
    TOUTIAO = "toutiao", _("今日头条")
    VIDEO_CHANNEL = "video_channel", _("微信视频号")
    OTHER = "other", _("其他")


class PublicationRecordQuerySet(models.QuerySet):
    def posted_in(self, year):
        """The records posted in `year`, a year of Beijing time, newest first."""
        start = timezone.make_aware(datetime.datetime(year, 1, 1))
        end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
        return self.filter(posted_at__gte=start, posted_at__lt=end).order_by("-posted_at", "-pk")


class PublicationRecord(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("页面"), on_delete=models.CASCADE, related_name="new_media_records"
    )
    platform = models.CharField(_("发布平台"), max_length=20, choices=Platform.choices)
    platform_name = models.CharField(
        _("平台名称"), max_length=50, blank=True, help_text=_("发布平台为“其他”时填写，如：学习强国、人民号")
    )
    posted_at = models.DateTimeField(_("发布时间"))
    url = models.URLField(_("链接"), max_length=500, blank=True, help_text=_("新媒体上的文章或视频地址"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = PublicationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("新媒体发布记录")
        verbose_name_plural = _("新媒体发布记录")
        ordering = ["-posted_at", "-pk"]
        default_permissions = ()
        permissions = (
            (EXPORT_NEW_MEDIA, "可以导出新媒体稿件（微信图文、微博文案、一图读懂海报）并登记新媒体发布记录"),
        )

    def __str__(self):
        return f"{self.platform_label} {self.posted_at:%Y-%m-%d}"

    def clean(self):
        if self.platform == Platform.OTHER and not self.platform_name.strip():
            raise ValidationError({"platform_name": _("发布平台为“其他”时，请填写平台名称。")})

    @property
    def platform_label(self):
        if self.platform == Platform.OTHER and self.platform_name:
            return self.platform_name
        return self.get_platform_display()

    @property
    def entered_by_name(self):
        user = self.entered_by
        return (user.get_full_name() or user.get_username()) if user else ""
