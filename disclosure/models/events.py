"""What happened to a request, one row per event: the clock (disclosure/clock.py) is computed from these rows."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .codes import PAUSE_KINDS, AnswerReason, AnswerType, EventKind, RemedyOutcome


class RequestEventQuerySet(models.QuerySet):
    def pauses(self):
        return self.filter(kind__in=PAUSE_KINDS)


class RequestEvent(models.Model):
    request = models.ForeignKey("disclosure.DisclosureRequest", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=30, choices=EventKind.choices)
    # The day it took effect: the notice sent, the correction received, the consultation sent, the answer given.
    date = models.DateField(_("日期"))
    # A consultation's end: the day the opinion came back (blank while it is awaited).
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    # 补正: the reasonable period the notice gives (第三十条); 延期: the working days added (第三十三条).
    due_date = models.DateField(_("期限"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(_("工作日数"), null=True, blank=True)
    approved_by = models.CharField(_("批准人"), max_length=50, blank=True)
    # 征求意见 (第三十二条、第三十四条): whom the opinion was asked of; the third party's letter is addressed to it.
    party = models.CharField(_("被征求意见方"), max_length=100, blank=True)
    division = models.ForeignKey(
        "policies.Division", verbose_name=_("处室"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer_type = models.CharField(_("答复类型"), max_length=20, choices=AnswerType.choices, blank=True)
    answer_reason = models.CharField(_("具体情形"), max_length=40, choices=AnswerReason.choices, blank=True)
    # 行政复议 / 行政诉讼 (第五十一条): the outcome, and whether a suit followed a review.
    outcome = models.CharField(_("结果"), max_length=20, choices=RemedyOutcome.choices, blank=True)
    after_review = models.BooleanField(_("复议后起诉"), default=False)
    note = models.TextField(_("说明"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RequestEventQuerySet.as_manager()

    class Meta:
        ordering = ["date", "created_at", "pk"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"

    @property
    def is_pause(self):
        return self.kind in PAUSE_KINDS
