"""The 政府信息公开 platform: a section of the site with the four columns 国办公开办函〔2019〕61号 asks every agency's
site to have (政府信息公开指南, 政府信息公开制度, 法定主动公开内容, 政府信息公开年报), as pages of the tree.

The root and the columns accept any child page (an annual-report index, a page of rules), so the office can put
what belongs to a column under it; each lists its live children. The guide is a page of its own whose rules (time
limits, channels, fields of the form) come from the code that applies them (disclosure.clock, the form).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from core.blocks import BaseStreamBlock
from core.cache_tags import listing_tag, page_tag, page_tags

# The tag of "the platform's pages as listed": the root lists its columns, the home page links them.
PLATFORM_LISTING = listing_tag("disclosure.DisclosurePlatformPage")


class PlatformPage(Page):
    """What the platform's pages share: an introduction, a body, and the list of their live children."""

    intro = models.TextField(_("简介"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("正文"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        abstract = True

    def shown_children(self):
        return list(self.get_children().live().public().specific())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(children=self.shown_children(), parent=self.get_parent())
        return context

    def cache_tags(self):
        # Its children of any type, live or not, so that one going live or changing is seen.
        children = self.get_children().values_list("pk", flat=True)
        return {page_tag(self), PLATFORM_LISTING} | page_tags(children)

    def invalidated_cache_tags(self):
        return {page_tag(self), PLATFORM_LISTING}


class DisclosurePlatformPage(PlatformPage):
    """政府信息公开 (/xxgk/): the platform's root, with its columns as child pages."""

    parent_page_types = ["home.HomePage"]
    max_count = 1
    template = "disclosure/platform/platform_page.html"

    class Meta:
        verbose_name = _("政府信息公开平台")


class DisclosureSectionPage(PlatformPage):
    """A column of the platform (政府信息公开制度, 法定主动公开内容, 政府信息公开年报): text, links to the parts of
    the site that hold its content (the policy library's filtered views, other listings) and its child pages."""

    content_panels = PlatformPage.content_panels + [InlinePanel("links", label=_("链接"))]
    parent_page_types = ["disclosure.DisclosurePlatformPage"]
    template = "disclosure/platform/section_page.html"

    class Meta:
        verbose_name = _("政府信息公开栏目")

    def shown_links(self):
        return [link for link in self.links.select_related("page") if link.href]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["links"] = self.shown_links()
        return context

    def cache_tags(self):
        linked = self.links.exclude(page=None).values_list("page_id", flat=True)
        return super().cache_tags() | page_tags(linked)


def validate_link(value):
    if not (value.startswith("/") or value.startswith("https://") or value.startswith("http://")):
        raise ValidationError(_("请填写以“/”开头的本站地址或以 http(s):// 开头的网址。"))


class DisclosureSectionLink(Orderable):
    """A link of a column: to a page of the tree, or to an address (a filtered view of the library, a listing)."""

    section = ParentalKey(DisclosureSectionPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("标题"), max_length=100)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("页面"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    url = models.CharField(
        _("地址"),
        max_length=300,
        blank=True,
        validators=[validate_link],
        help_text=_("不选页面时填写，如 /zhengce/?normative=1"),
    )
    description = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [FieldPanel("title"), PageChooserPanel("page"), FieldPanel("url"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("栏目链接")
        verbose_name_plural = _("栏目链接")

    def clean(self):
        if not self.page_id and not self.url:
            raise ValidationError(_("请选择页面或填写地址。"))

    @cached_property
    def href(self):
        """The page's address while it is live and public, else the address typed; "" when neither."""
        if self.page_id and self.page.live and not self.page.get_view_restrictions().exists():
            return self.page.url
        return self.url


class DisclosureGuidePage(PlatformPage):
    """政府信息公开指南 (第十二条): how information is published and how to apply for the rest.

    The editable intro and body come first; the rest is drawn from the code and the settings that apply it (template
    tags of disclosure_guide): the time limits from disclosure.clock, the fields from the application form, the
    office from Settings → 政府信息公开工作机构, so the guide never says what the clock or the form does not do.
    """

    parent_page_types = ["disclosure.DisclosurePlatformPage"]
    subpage_types = []
    max_count = 1
    template = "disclosure/platform/guide_page.html"

    class Meta:
        verbose_name = _("政府信息公开指南")

    def get_context(self, request, *args, **kwargs):
        from .office import DisclosureOffice

        context = super().get_context(request, *args, **kwargs)
        context["office"] = DisclosureOffice.for_request(request)
        return context

    def cache_tags(self):
        # The office's details (DisclosureOffice.invalidated_cache_tags).
        return super().cache_tags() | {listing_tag("disclosure.DisclosureGuidePage")}
