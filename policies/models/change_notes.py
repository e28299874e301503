"""ChangeNote: a public note of a major change (更新记录) to a published document; BaseChangeNote, its fields, which
interpretations' notes share."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class BaseChangeNote(Orderable):
    """A public note of a major change (更新记录): its day and what changed."""

    date = models.DateField(_("日期"), default=timezone.localdate)
    note = models.CharField(_("更新说明"), max_length=300)

    panels = [FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("更新记录")


class ChangeNote(BaseChangeNote):
    page = ParentalKey("policies.PolicyPage", on_delete=models.CASCADE, related_name="change_notes")
