"""ChangeNote: a public note of a major change (更新记录) to a published document."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ChangeNote(Orderable):
    """A public note of a major change (更新记录)."""

    page = ParentalKey("policies.PolicyPage", on_delete=models.CASCADE, related_name="change_notes")
    date = models.DateField(_("日期"), default=timezone.localdate)
    note = models.CharField(_("更新说明"), max_length=300)

    panels = [FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("更新记录")
