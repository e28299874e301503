"""InterpretationChangeNote: a public note of a major change (更新记录) to a published interpretation."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class InterpretationChangeNote(Orderable):
    """A public note of a major change (更新记录); its followers and the interpreted documents' are told."""

    page = ParentalKey("interpretations.InterpretationPage", on_delete=models.CASCADE, related_name="change_notes")
    date = models.DateField(_("日期"), default=timezone.localdate)
    note = models.CharField(_("更新说明"), max_length=300)

    panels = [FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("更新记录")
        verbose_name_plural = _("更新记录")
