"""The disclosure office's contact details (政府信息公开工作机构), which the guide publishes (第十二条).

A site setting, so that the office changes its address or hours in Settings without an edit to the guide.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.cache_tags import listing_tag


@register_setting(icon="mail")
class DisclosureOffice(BaseSiteSetting):
    # 第十二条第二款: 政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式.
    name = models.CharField(_("政府信息公开工作机构"), max_length=100, blank=True, help_text=_("如：某某厅办公室"))
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    office_hours = models.CharField(
        _("办公时间"), max_length=100, blank=True, help_text=_("如：工作日 8:30-12:00，14:30-17:30（法定节假日除外）")
    )
    phone = models.CharField(_("咨询电话"), max_length=50, blank=True)
    fax = models.CharField(_("传真号码"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    reading_room = models.CharField(
        _("查阅场所"), max_length=200, blank=True, help_text=_("公众查阅政府信息的场所（第二十五条），可不填")
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("address"), FieldPanel("postcode"), FieldPanel("office_hours")]
            + [FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email"), FieldPanel("reading_room")],
            heading=_("受理政府信息公开申请的机构（在“政府信息公开指南”中公布）"),
        ),
    ]

    class Meta:
        verbose_name = _("政府信息公开工作机构")

    def invalidated_cache_tags(self):
        return {listing_tag("disclosure.DisclosureGuidePage")}

    @property
    def is_blank(self):
        return not (self.address or self.phone or self.fax or self.email)
