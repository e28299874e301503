"""Editorial review: division groups, review tasks, releases awaiting their document, and holidays."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .tasks import DivisionHeadReviewTask, LegalityReviewTask, PublicationReviewTask

__all__ = [
    "DivisionGroup",
    "AwaitingRelease",
    "Holiday",
    "DivisionHeadReviewTask",
    "LegalityReviewTask",
    "PublicationReviewTask",
]


class DivisionGroup(models.Model):
    """The editors' group of a drafting division (起草处室编辑-大气处 …); created with the division."""

    division = models.OneToOneField("policies.Division", on_delete=models.CASCADE, related_name="editor_group")
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="division_link")

    class Meta:
        verbose_name = _("处室编辑组")

    def __str__(self):
        return f"{self.division} → {self.group}"


class AwaitingRelease(models.Model):
    """An interpretation that passed review and waits to be published with the document it interprets."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="awaiting_release")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("待随文件发布的解读")

    def __str__(self):
        return str(self.page)


class Holiday(models.Model):
    """A public holiday, or a weekend day worked in exchange (调休上班), for counting working days."""

    date = models.DateField(_("日期"), unique=True)
    name = models.CharField(_("名称"), max_length=50)
    is_workday = models.BooleanField(_("调休上班"), default=False, help_text=_("勾选表示这一天虽是周末但需上班"))

    panels = [FieldPanel("date"), FieldPanel("name"), FieldPanel("is_workday")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")

    def __str__(self):
        return f"{self.date} {self.name}"
