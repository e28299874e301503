"""Reference data shared by documents and interpretations: agencies, drafting divisions, topics."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.cache_tags import ReferenceDataCacheTags


class Agency(ReferenceDataCacheTags, index.Indexed, models.Model):
    """An issuing agency (发文机关); its code starts the index numbers of its documents."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("机关代字"), max_length=20, blank=True, help_text=_("发文字号中的代字，如“浙环发”"))
    code = models.CharField(
        _("机构代码"),
        max_length=20,
        default="000000000",
        help_text=_("索引号的前缀，一般为统一社会信用代码或组织机构代码"),
    )

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("code")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("发文机关")
        verbose_name_plural = _("发文机关")

    def __str__(self):
        return self.name


class Division(ReferenceDataCacheTags, models.Model):
    """A drafting division (起草处室): it owns the documents it drafts and their interpretations."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    slug = models.SlugField(_("代码"), max_length=50, unique=True, allow_unicode=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("起草处室")
        verbose_name_plural = _("起草处室")

    def __str__(self):
        return self.name


class Topic(ReferenceDataCacheTags, models.Model):
    """A topic classification (主题分类) such as 大气环境 or 水环境."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    slug = models.SlugField(_("代码"), max_length=50, unique=True, allow_unicode=True)
    description = models.TextField(_("说明"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")

    def __str__(self):
        return self.name


class BusinessTag(ReferenceDataCacheTags, models.Model):
    """A tag of 涉企精准推送 (an industry or a region) the department keeps; businesses subscribe by these."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Industry(BusinessTag):
    """An industry (行业) of 涉企 documents, e.g. 化工, 印染."""

    class Meta(BusinessTag.Meta):
        verbose_name = _("涉企行业")
        verbose_name_plural = _("涉企行业")


class Region(BusinessTag):
    """A region (地区) of 涉企 documents, e.g. 杭州市."""

    class Meta(BusinessTag.Meta):
        verbose_name = _("涉企地区")
        verbose_name_plural = _("涉企地区")
