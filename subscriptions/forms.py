"""The public forms: follow a list (the same small form on every page that offers it) and a business's tags."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=254,
        error_messages={"required": _("请填写电子邮箱。"), "invalid": _("请填写正确的电子邮箱，如 name@example.com。")},
    )
    frequency = forms.ChoiceField(label=_("发送频率"), choices=Frequency.choices, initial=Frequency.IMMEDIATE)
    list = forms.CharField(max_length=400, widget=forms.HiddenInput)
    # Hidden from people (CSS, aria-hidden, out of the tab order): a robot that fills it is refused.
    website = forms.CharField(required=False)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def is_robot(self):
        return bool(self.cleaned_data.get("website"))


class BusinessForm(FollowForm):
    list = None
    industries = forms.TypedMultipleChoiceField(
        label=_("行业"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    regions = forms.TypedMultipleChoiceField(
        label=_("地区"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, industries=(), regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industries"].choices = list(industries)
        self.fields["regions"].choices = list(regions)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("industries") and not cleaned.get("regions"):
            raise forms.ValidationError(_("请至少选择一个行业或地区。"))
        return cleaned


class ManageForm(forms.Form):
    """One subscription's frequency on the management page."""

    frequency = forms.ChoiceField(choices=Frequency.choices)
