"""The application form (public, 第二十九条) and the office's registration of a request that arrived on paper."""

import re
import secrets

from django import forms
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from cms.security.file_types import matches_extension

from .models import Channel, DisclosureRequest

APPLICANT_FIELDS = [
    "applicant_type",
    "organisation_type",
    "name",
    "id_document",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "purpose",
    "information_form",
    "delivery",
]
SUBMISSION_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
SCAN_TYPES = ("pdf", "jpg", "jpeg", "png")
MAX_SCAN_BYTES = 20 * 1024 * 1024


class ApplicationForm(forms.ModelForm):
    """What the applicant fills in (第二十九条第二款): who they are, what they want, in which form."""

    # A field people never see (hidden by CSS, skipped by screen readers): a robot that fills it is refused.
    # Out of the keyboard's reach too (tabindex -1), so that no one lands in a field they cannot see.
    website = forms.CharField(
        required=False, label=_("请勿填写"), widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )
    # A key new with each form served: posting the same form again (a double click, a reload) finds the request
    # the first post created instead of making a second one. The page is never cached, so no two visitors share it.
    submission = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = DisclosureRequest
        fields = APPLICANT_FIELDS
        widgets = {
            "applicant_type": forms.RadioSelect,
            "information_form": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission"].initial = secrets.token_urlsafe(24)
        self.fields["organisation_type"].choices = [("", "——")] + list(self.fields["organisation_type"].choices)[1:]
        for name in ("applicant_type", "information_form", "delivery"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.fields["phone"].error_messages["required"] = _("请填写联系电话，以便我们与您确认申请（第三十一条）。")
        self.fields["name"].error_messages["required"] = _("请填写申请人姓名或名称。")
        self.fields["id_document"].error_messages["required"] = _("请填写身份证明（第二十九条）。")
        self.fields["description"].error_messages["required"] = _(
            "请描述所需的政府信息：名称、文号或便于查询的其他特征（第二十九条）。"
        )
        # Required only with a choice made elsewhere in the form (clean() says so when missing): the hint tells it.
        self.fields["email"].help_text = _("选择以电子邮件获取信息的必填")
        self.fields["email"].error_messages["invalid"] = _("请填写有效的电子邮箱，如 name@example.com。")
        self.fields["address"].help_text = _("选择邮寄的必填")
        for name, field in self.fields.items():
            if name not in ("phone", "name", "id_document", "description"):
                choose = isinstance(field.widget, forms.RadioSelect | forms.Select)
                field.error_messages["required"] = (_("请选择%s。") if choose else _("请填写%s。")) % field.label
            field.error_messages["invalid_choice"] = _("请从列出的选项中选择。")

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = phone.replace("-", "").replace(" ", "").lstrip("+")
        if not digits.isdigit() or not 7 <= len(digits) <= 15:
            raise forms.ValidationError(_("请填写有效的电话号码（7至15位数字）。"))
        return phone

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not (postcode.isdigit() and len(postcode) == 6):
            raise forms.ValidationError(_("邮政编码为6位数字。"))
        return postcode

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if len(description) < 5:
            raise forms.ValidationError(_("请更具体地描述所需的政府信息（至少5个字）。"))
        return description

    def clean_submission(self):
        # A form without a usable key (a robot's, or one served before keys existed) is simply not deduplicated.
        submission = self.cleaned_data.get("submission", "")
        return submission if SUBMISSION_KEY.fullmatch(submission) else None

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("提交失败，请重试。"))
        return ""


class RegistrationForm(ApplicationForm):
    """The office registers a request that arrived by letter, fax or in person (第三十一条), with its scans."""

    scans = forms.FileField(
        label=_("扫描件"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        help_text=_("申请书、信封等的扫描件（PDF、JPG、PNG，单个不超过20MB）"),
    )

    class Meta(ApplicationForm.Meta):
        fields = ["channel", "submitted_on", "signed_on", "confirmed_on"] + APPLICANT_FIELDS
        widgets = {
            **ApplicationForm.Meta.widgets,
            "channel": forms.RadioSelect,
            "submitted_on": forms.DateInput(attrs={"type": "date"}),
            "signed_on": forms.DateInput(attrs={"type": "date"}),
            "confirmed_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        del self.fields["submission"]
        self.fields["channel"].choices = [c for c in Channel.choices if c[0] != Channel.ONLINE]

    def clean_scans(self):
        return checked_scan(self.cleaned_data.get("scans"))


class StatusForm(forms.Form):
    number = forms.CharField(label=_("申请编号"), max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    code = forms.CharField(label=_("查询码"), max_length=30, widget=forms.PasswordInput(attrs={"autocomplete": "off"}))

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper()


def checked_scan(scan):
    """Return `scan` if it is a PDF, JPG or PNG whose content says so and not too big; else raise a Chinese error."""
    if not scan:
        return scan
    extension = scan.name.rsplit(".", 1)[-1].lower() if "." in scan.name else ""
    if extension not in SCAN_TYPES:
        raise forms.ValidationError(_("扫描件只能是PDF、JPG或PNG文件。"))
    if scan.size > MAX_SCAN_BYTES:
        raise forms.ValidationError(_("扫描件不能超过20MB。"))
    if extension == "pdf" and not matches_extension(scan, "pdf"):
        raise forms.ValidationError(_("文件内容与扩展名不符。"))
    if extension != "pdf":
        try:
            Image.open(scan).verify()
        except (UnidentifiedImageError, OSError, SyntaxError):
            raise forms.ValidationError(_("文件内容与扩展名不符。")) from None
        scan.seek(0)
    return scan


class ScanForm(forms.Form):
    """A scan added later: the correction that arrived, the consultation's reply, the answer letter as sent."""

    file = forms.FileField(label=_("扫描件"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
    title = forms.CharField(label=_("说明"), max_length=100, required=False)

    def clean_file(self):
        return checked_scan(self.cleaned_data.get("file"))
