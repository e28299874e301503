"""Scans of what arrived (the letter, the fax, the form filled in at the counter) and of the correction."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def scan_path(instance, filename):
    # Outside the public documents and images: cms.security serves media only when a public page uses it.
    return f"disclosure/{instance.request.number}/{filename}"


class RequestAttachment(models.Model):
    request = models.ForeignKey("disclosure.DisclosureRequest", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=scan_path)
    title = models.CharField(_("说明"), max_length=100, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("扫描件")
        verbose_name_plural = _("扫描件")

    def __str__(self):
        return self.title or self.file.name.rsplit("/", 1)[-1]
