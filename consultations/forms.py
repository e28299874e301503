"""The citizen's comment form (提出意见): checks what a person typed; the view applies the rules of the period."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WHOLE_DRAFT = ""


class CommentForm(forms.Form):
    """A comment on the whole draft or on one of its articles; name and contact optional unless required."""

    article = forms.TypedChoiceField(label=gettext_lazy("针对"), required=False, coerce=int, empty_value=None)
    text = forms.CharField(
        label=gettext_lazy("意见内容"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": gettext_lazy("请填写意见内容。")},
    )
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50, required=False)
    contact = forms.CharField(
        label=gettext_lazy("联系方式"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("电话或电子邮箱，仅供起草处室就您的意见与您联系，不会公开"),
    )
    # Left empty by people (it is hidden from them and from screen readers); filled in by form-filling robots.
    website = forms.CharField(label=gettext_lazy("网站"), required=False)

    def __init__(self, *args, articles=None, **kwargs):
        super().__init__(*args, **kwargs)
        articles = articles or {}
        self.fields["article"].choices = [(WHOLE_DRAFT, _("草案全文"))] + [
            (number, value.label()) for number, value in articles.items()
        ]
        limit = settings.ZHENGCE_CONSULTATION_COMMENT_MAX_LENGTH
        text = self.fields["text"]
        text.widget.attrs["maxlength"] = limit
        text.help_text = _("不超过 %(limit)s 字") % {"limit": limit}
        text.validators.append(
            MaxLengthValidator(limit, message=_("意见内容不能超过 %(limit_value)d 字（现有 %(show_value)d 字）。"))
        )
        if settings.ZHENGCE_CONSULTATION_REQUIRE_CONTACT:
            for name in ("name", "contact"):
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = _("请填写%(field)s。") % {
                    "field": self.fields[name].label
                }
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")

    @property
    def contact_required(self):
        return settings.ZHENGCE_CONSULTATION_REQUIRE_CONTACT

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("请填写意见内容。"))
        return text

    def is_robot(self):
        """Whether the hidden field was filled in (read after is_valid())."""
        return bool(self.cleaned_data.get("website"))
