"""The public listing of consultations (意见征集, /zhengqiu/): its filters, and what each row shows.

Filters by status (those a citizen can see: from 征求中 on), drafting division and the year it opened; a bad
value in the query string drops that filter, never an error. Works as a plain GET form, without scripts.
"""

from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policies.models import Division

from .page import ConsultationPage
from .status import Status

# 未开始 is never shown to citizens (ConsultationPageQuerySet.disclosed).
PUBLIC_STATUSES = [status for status in Status if status != Status.NOT_STARTED]


class ConsultationFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False, label=_("状态"), choices=[("", _("全部"))] + [(s.value, s.label) for s in PUBLIC_STATUSES]
    )
    division = forms.ModelChoiceField(
        Division.objects.all(), required=False, label=_("起草处室"), empty_label=_("全部")
    )
    year = forms.IntegerField(required=False, label=_("年份"), min_value=1949, max_value=9999, widget=forms.Select)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.choices = [("", _("全部"))] + [(year, str(year)) for year in years]

    def is_valid(self):
        # A stale link or a hand-edited URL drops the bad filter rather than failing.
        super().is_valid()
        for name in list(self.errors):
            self.cleaned_data.pop(name, None)
        return True

    def filter(self, consultations):
        """Return `consultations` (annotated with_status) narrowed by the valid filters."""
        data = getattr(self, "cleaned_data", {})
        if data.get("status"):
            consultations = consultations.filter(status_code=data["status"])
        if data.get("division"):
            consultations = consultations.filter(division=data["division"])
        if data.get("year"):
            consultations = consultations.opened_in(data["year"])
        return consultations


@dataclass
class ListedConsultation:
    """A row of the listing: the page (annotated with its status) and what the clock says of it today."""

    page: ConsultationPage
    status: Status
    days_left: int | None  # whole days to its closing day while open (0: closes today), else None

    @property
    def is_open(self):
        return self.status == Status.OPEN


def listed(pages, now=None):
    """Return ListedConsultation rows for pages annotated `with_status`."""
    today = timezone.localdate(now or timezone.now())
    rows = []
    for page in pages:
        status = Status(page.status_code)
        days_left = (timezone.localdate(page.closes_at) - today).days if status == Status.OPEN else None
        rows.append(ListedConsultation(page, status, days_left))
    return rows
