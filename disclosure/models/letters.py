"""Letters (告知书) sent to the applicant: the templates the office edits, and the letters issued from them.

A letter is rendered once, when its step is taken, from the template current then, and its text is kept with the
request: editing a template later never changes a letter already sent. The PDF and DOCX are drawn from that text
(disclosure/letter_files.py).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .codes import AnswerType, EventKind


class LetterKind(models.TextChoices):
    # One template per answer type of 第三十六条 (and 第三十七条), and per procedural notice of the workflow.
    ALREADY_PUBLIC = AnswerType.ALREADY_PUBLIC.value, _("答复告知书：已主动公开")
    DISCLOSED = AnswerType.DISCLOSED.value, _("答复告知书：予以公开")
    PARTLY = AnswerType.PARTLY.value, _("答复告知书：部分公开")
    WITHHELD = AnswerType.WITHHELD.value, _("答复告知书：不予公开")
    UNAVAILABLE = AnswerType.UNAVAILABLE.value, _("答复告知书：无法提供")
    NOT_PROCESSED = AnswerType.NOT_PROCESSED.value, _("答复告知书：不予处理")
    OTHER = AnswerType.OTHER.value, _("答复告知书：其他处理")
    CORRECTION = EventKind.CORRECTION_REQUESTED.value, _("补正申请告知书（第三十条）")
    EXTENSION = EventKind.EXTENDED.value, _("延期答复告知书（第三十三条）")
    THIRD_PARTY = EventKind.CONSULT_THIRD_PARTY.value, _("第三方意见征询函（第三十二条）")


ANSWER_KINDS = tuple(AnswerType.values)
# Letters addressed to someone else than the applicant (the third party consulted): never on the status page.
NOT_FOR_APPLICANT = (LetterKind.THIRD_PARTY,)

# The placeholders a template may use, and what each stands for (the admin's help lists them).
PLACEHOLDERS = {
    "申请人": _("申请人姓名或名称"),
    "被征求意见方": _("征求意见的第三方或其他机关（征询函的抬头）"),
    "申请编号": _("申请编号"),
    "提交日期": _("提交申请的日期"),
    "收到申请日期": _("收到申请之日（第三十一条）"),
    "所需信息": _("申请所描述的政府信息"),
    "告知日期": _("本告知书的日期（办理步骤的日期）"),
    "答复类型": _("答复类型（第三十六条）"),
    "具体情形": _("答复的具体情形"),
    "法律依据": _("具体情形的法律依据；没有具体情形时为本模板的法律依据"),
    "说明": _("办理人填写的说明（获取方式、理由、需要补正的事项等）"),
    "承办处室": _("承办处室"),
    "补正期限": _("补正期限"),
    "延长工作日数": _("延长的工作日数"),
    "答复期限": _("延期后的答复期限"),
}
PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")
REMEDIES_REQUIRED = ("行政复议", "行政诉讼")


def unknown_placeholders(text):
    return sorted({name for name in PLACEHOLDER.findall(text or "") if name not in PLACEHOLDERS})


def fill(text, values):
    """Replace each known placeholder of `text` by its value (plain text: nothing in it is read as markup)."""
    return PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), match.group(0))), text)


class LetterTemplate(models.Model):
    kind = models.CharField(_("告知书类型"), max_length=30, choices=LetterKind.choices, unique=True)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(
        _("正文"),
        help_text=_("可用的占位符：%(names)s。首行称呼顶格，最后两行（机关名称和日期）右对齐，其余各段首行缩进。")
        % {"names": "、".join(f"{{{name}}}" for name in PLACEHOLDERS)},
    )
    legal_basis = models.CharField(
        _("法律依据"), max_length=200, help_text=_("本告知书依据的条文，如《中华人民共和国政府信息公开条例》第三十六条")
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("告知书模板")
        verbose_name_plural = _("告知书模板")

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        errors = {}
        for field in ("title", "body"):
            unknown = unknown_placeholders(getattr(self, field))
            if unknown:
                errors[field] = _("未知的占位符：%(unknown)s。可用的占位符：%(names)s。") % {
                    "unknown": "、".join(f"{{{name}}}" for name in unknown),
                    "names": "、".join(f"{{{name}}}" for name in PLACEHOLDERS),
                }
        if self.kind in ANSWER_KINDS and "body" not in errors:
            missing = [word for word in REMEDIES_REQUIRED if word not in (self.body or "")]
            if missing:
                message = _("答复告知书应当告知申请人申请行政复议和提起行政诉讼的途径，正文缺少“%(missing)s”。")
                errors["body"] = message % {"missing": "”“".join(missing)}
        if errors:
            raise ValidationError(errors)


class Letter(models.Model):
    """A letter issued for one step of a request, as it was sent."""

    request = models.ForeignKey("disclosure.DisclosureRequest", on_delete=models.CASCADE, related_name="letters")
    event = models.OneToOneField("disclosure.RequestEvent", on_delete=models.CASCADE, related_name="letter")
    kind = models.CharField(_("告知书类型"), max_length=30, choices=LetterKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    legal_basis = models.CharField(_("法律依据"), max_length=200)
    # When the template it came from was last edited: which version of the template this letter used.
    template_version = models.DateTimeField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("告知书")
        verbose_name_plural = _("告知书")

    def __str__(self):
        return f"{self.request.number} {self.title}"

    @property
    def step(self):
        """The step it was issued for (answered, correction_requested, …): its address in the request's pages."""
        return self.event.kind

    @property
    def for_applicant(self):
        return self.kind not in NOT_FOR_APPLICANT

    def file_name(self, extension):
        return f"{self.request.number}-{self.step}.{extension}"
