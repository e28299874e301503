"""PolicyAttachment: an original file (原件) of a document."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class PolicyAttachment(Orderable):
    """An original file of the document (PDF, Word or OFD)."""

    ALLOWED_EXTENSIONS = {"pdf", "doc", "docx", "ofd", "wps", "xls", "xlsx"}

    page = ParentalKey("policies.PolicyPage", on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def clean(self):
        if self.document_id and self.document.file_extension.lower() not in self.ALLOWED_EXTENSIONS:
            raise ValidationError({"document": _("附件只能是 PDF、Word、WPS、Excel 或 OFD 文件。")})

    @property
    def display_title(self):
        return self.title or self.document.title
