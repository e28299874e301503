"""The division's answer to one comment or to several similar ones at once."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Answer, Moderation
from ..models.comments import REASON_REQUIRED


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=gettext_lazy("答复"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("请选择答复。")},
    )
    reason = forms.CharField(
        label=gettext_lazy("理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("除“采纳”外必须填写；将在意见采纳情况反馈中公开"),
    )
    internal_note = forms.CharField(
        label=gettext_lazy("内部备注"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("仅内部可见，不会公开"),
    )
    moderation = forms.ChoiceField(
        label=gettext_lazy("是否公开意见原文"),
        choices=Moderation.choices,
        required=False,
        help_text=gettext_lazy("公开时只显示意见内容和提交日期，不显示姓名和联系方式"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.ZHENGCE_CONSULTATION_PUBLISH_COMMENTS != "moderated":
            del self.fields["moderation"]

    def clean(self):
        cleaned = super().clean()
        cleaned["reason"] = (cleaned.get("reason") or "").strip()
        if cleaned.get("answer") in REASON_REQUIRED and not cleaned["reason"]:
            self.add_error(
                "reason", _("答复为“%(answer)s”时必须填写理由。") % {"answer": Answer(cleaned["answer"]).label}
            )
        return cleaned
