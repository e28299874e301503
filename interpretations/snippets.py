"""People who interpret policies: leaders, division heads, experts."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.cache_tags import model_tag, page_tags


class Person(index.Indexed, models.Model):
    """An interpreter (解读人) such as the department head (第一解读人) or an outside expert."""

    class Role(models.TextChoices):
        FIRST_INTERPRETER = "first_interpreter", _("第一解读人")
        LEADER = "leader", _("厅领导")
        DIVISION_HEAD = "division_head", _("处室负责人")
        STAFF = "staff", _("工作人员")
        EXPERT = "expert", _("专家")

    name = models.CharField(_("姓名"), max_length=50)
    position = models.CharField(_("职务"), max_length=100, blank=True)
    affiliation = models.CharField(_("单位"), max_length=100, blank=True)
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices, default=Role.STAFF)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("affiliation"),
        FieldPanel("role"),
        FieldPanel("photo"),
    ]
    # The admin's listing and chooser search by completion: by name and by affiliation (省生态环境厅大气处).
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("affiliation"),
        index.AutocompleteField("affiliation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("解读人")
        verbose_name_plural = _("解读人")
        constraints = [models.UniqueConstraint(fields=["name", "affiliation"], name="unique_person")]

    def invalidated_cache_tags(self):
        # Their interpretations name them, and so do the documents listing those interpretations.
        return {model_tag(Person)} | page_tags(self.interpretations.values_list("pk", flat=True))

    def __str__(self):
        return f"{self.name}（{self.affiliation}{self.position}）" if self.affiliation or self.position else self.name
