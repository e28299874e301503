"""The policy library's filter form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .snippets import Agency, Division, Topic
from .validity import Validity


class PolicyFilterForm(forms.Form):
    """Read and check the listing filters from the query string; bad values are simply ignored."""

    topic = forms.ModelChoiceField(Topic.objects.all(), required=False, label=_("主题分类"), empty_label=_("全部"))
    agency = forms.ModelChoiceField(Agency.objects.all(), required=False, label=_("发文机关"), empty_label=_("全部"))
    division = forms.ModelChoiceField(
        Division.objects.all(), required=False, label=_("起草处室"), empty_label=_("全部")
    )
    year = forms.TypedChoiceField(required=False, label=_("发布年份"), coerce=int, empty_value=None)
    validity = forms.ChoiceField(required=False, label=_("有效性"), choices=[("", _("全部"))] + Validity.choices)
    normative = forms.TypedChoiceField(
        required=False,
        label=_("行政规范性文件"),
        choices=[("", _("全部")), ("1", _("是")), ("0", _("否"))],
        coerce=lambda value: value == "1",
        empty_value=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [("", _("全部"))] + [(y, str(y)) for y in range(this_year, 1949, -1)]

    def is_valid(self):
        # An invalid value (a stale link, a hand-edited URL) drops that filter rather than failing.
        super().is_valid()
        for name in list(self.errors):
            self.cleaned_data.pop(name, None)
        return True

    def filters(self):
        """Return the keyword arguments for PolicyPageQuerySet.filter_by."""
        data = getattr(self, "cleaned_data", {})
        return {
            "topic": data.get("topic"),
            "agency": data.get("agency"),
            "division": data.get("division"),
            "year": data.get("year"),
            "validity": data.get("validity") or None,
            "normative": data.get("normative"),
        }
