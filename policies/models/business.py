"""涉企精准推送: a document or a Q&A that concerns businesses, and the industries and regions it concerns.

Businesses subscribe by these tags (the subscriptions app), without an account; the department keeps the tag lists
(基础数据 → 涉企行业, 涉企地区). A page without regions concerns every region.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from ..snippets import Industry, Region


class BusinessTagsMixin(models.Model):
    is_business = models.BooleanField(
        _("涉企"), default=False, help_text=_("涉及企业的文件：发布后推送给订阅了所选行业、地区的企业")
    )
    industries = ParentalManyToManyField(Industry, verbose_name=_("涉企行业"), blank=True, related_name="+")
    regions = ParentalManyToManyField(
        Region, verbose_name=_("涉企地区"), blank=True, related_name="+", help_text=_("不选则适用于全省")
    )

    class Meta:
        abstract = True

    def business_tags(self):
        """Return (industry ids, region ids) of a 涉企 page, None for any other."""
        if not self.is_business:
            return None
        return (tuple(sorted(i.pk for i in self.industries.all())), tuple(sorted(r.pk for r in self.regions.all())))


BUSINESS_PANEL = MultiFieldPanel(
    [
        FieldPanel("is_business"),
        FieldPanel("industries", widget=forms.CheckboxSelectMultiple),
        FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
    ],
    heading=_("涉企精准推送"),
)
