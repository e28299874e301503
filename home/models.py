"""The site shell: home page, news releases (新闻发布), topic collections (专题) and site settings."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.cache_tags import SITE_TAG, listing_tag, model_tag, object_tag, page_tag, page_tags, tags
from core.following import new_publication
from core.forms import EditedFieldsMixin, RevisionConflictMixin, SlugClashMixin
from core.pagination import paginate
from core.publication import PublicationDateMixin, PublicationStateMixin
from core.renditions import body_figures, sized
from core.segmentation import segment
from core.sharing import ShareCard, paragraph, stream_parts
from core.slugs import ReadableSlugMixin
from core.visibility import PublishedQuerySet

from .sections import section_cache_tags, shown_sections

# Where a citizen checks a public security record number (公安机关互联网站安全管理服务平台).
POLICE_RECORD_LOOKUP = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the footer, the 联系我们 page and the government meta tags say about the site and its owner.

    A government site shows its identification in the footer: 网站标识码, ICP备案号, 公安机关备案号 (with the link to
    the record) and the 党政机关网站标识 (the image and the link its issuer gives the site).
    """

    site_name = models.CharField(_("网站名称"), max_length=100, default="浙江省生态环境厅")
    address = models.CharField(_("地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    office_hours = models.CharField(
        _("办公时间"), max_length=100, blank=True, help_text=_("如：工作日 8:30-12:00，14:30-17:30")
    )
    icp_number = models.CharField(_("ICP备案号"), max_length=50, blank=True, help_text=_("如：浙ICP备12345678号"))
    site_code = models.CharField(_("网站标识码"), max_length=20, blank=True)
    police_record_number = models.CharField(
        _("公安机关备案号"), max_length=50, blank=True, help_text=_("如：浙公网安备 33010602000001号；链接到备案查询")
    )
    party_government_url = models.URLField(
        _("党政机关网站标识链接"), blank=True, help_text=_("标识颁发机构提供的网站标识链接地址")
    )
    party_government_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("党政机关网站标识图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("请上传到“公开资料”集合，否则公众无法看到该图片"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("address"), FieldPanel("postcode"), FieldPanel("phone")]
            + [FieldPanel("email"), FieldPanel("office_hours")],
            heading=_("主办单位与联系方式（页脚和“联系我们”）"),
        ),
        MultiFieldPanel(
            [FieldPanel("site_code"), FieldPanel("icp_number"), FieldPanel("police_record_number")]
            + [FieldPanel("party_government_url"), FieldPanel("party_government_image")],
            heading=_("网站标识（页脚）"),
        ),
    ]

    class Meta:
        verbose_name = _("网站设置")

    def invalidated_cache_tags(self):
        return {SITE_TAG}

    @property
    def police_record_url(self):
        """The record's page on the national lookup, from the digits of the number; "" without a number."""
        code = "".join(ch for ch in self.police_record_number if ch.isdigit())
        return POLICE_RECORD_LOOKUP.format(code=code) if code else ""


class HomePage(Page):
    """The home page: latest documents and interpretations, topic collections and a search box."""

    intro = models.TextField(_("简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "policies.PolicyIndexPage",
        "interpretations.InterpretationIndexPage",
        "home.NewsIndexPage",
        "home.CollectionPage",
        "consultations.ConsultationIndexPage",
        "disclosure.DisclosurePlatformPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def share_card(self):
        return ShareCard(self.title, str(_("官方网站")), None, self.intro)

    def get_context(self, request, *args, **kwargs):
        from interpretations.models import InterpretationPage
        from policies.models import PolicyPage

        context = super().get_context(request, *args, **kwargs)
        context.update(
            latest_policies=PolicyPage.objects.published().for_listing().with_validity()[:8],
            latest_interpretations=InterpretationPage.objects.published()
            .select_related("listing_image", "division")
            .newest_first()[:8],
            collections=CollectionPage.objects.live().public().child_of(self).select_related("topic")[:6],
            latest_news=NewsPage.objects.published().newest_first()[:5],
            example_doc_number=PolicyPage.objects.published().latest_doc_number(),
            sections=shown_sections(),
        )
        return context

    def cache_tags(self):
        # The latest of each kind; interpretation cards name their division, collection cards their topic; what the
        # other apps' sections show, shown now or not.
        return section_cache_tags() | {
            page_tag(self),
            listing_tag("policies.PolicyPage"),
            listing_tag("interpretations.InterpretationPage"),
            listing_tag(NewsPage),
            listing_tag(CollectionPage),
            model_tag("policies.Division"),
            model_tag("policies.Topic"),
        }

    def invalidated_cache_tags(self):
        return {page_tag(self)}


class NewsIndexPage(Page):
    """新闻发布: the list of news releases and press conferences."""

    intro = models.TextField(_("简介"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("新闻发布栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.child_of(self).published().newest_first()
        context.update(paginate(request, news))
        context["news"] = context["page_obj"].object_list
        return context

    def cache_tags(self):
        return {page_tag(self), listing_tag(NewsPage)}

    def invalidated_cache_tags(self):
        return {page_tag(self)}


class NewsPageForm(SlugClashMixin, EditedFieldsMixin, RevisionConflictMixin, WagtailAdminPageForm):
    pass


class NewsPage(PublicationDateMixin, PublicationStateMixin, ReadableSlugMixin, Page):
    """A news release, or a press conference (新闻发布会) with its time, place and speakers."""

    base_form_class = NewsPageForm

    class Kind(models.TextChoices):
        NEWS = "news", _("新闻")
        PRESS_CONFERENCE = "press_conference", _("新闻发布会")

    objects = PageManager.from_queryset(PublishedQuerySet)()

    news_kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    event_time = models.DateTimeField(_("发布会时间"), null=True, blank=True)
    place = models.CharField(_("发布会地点"), max_length=200, blank=True)
    speakers = models.TextField(_("发布人"), blank=True, help_text=_("每行一位：姓名 职务"))
    summary = models.TextField(_("摘要"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("正文"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("news_kind"), FieldPanel("date_published")]),
                FieldRowPanel([FieldPanel("event_time"), FieldPanel("place")]),
                FieldPanel("speakers"),
            ],
            heading=_("新闻信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("policy_links", label=_("相关政策文件")),
    ]
    search_fields = Page.search_fields + [index.FilterField("date_published")]
    api_fields = [APIField("news_kind"), APIField("date_published"), APIField("summary"), APIField("body")]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("新闻发布")

    def follow_notices(self):
        return new_publication(self, gettext("发布了新闻"), ["news"])

    def speaker_list(self):
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]

    @cached_property
    def policies(self):
        return [link.policy for link in self.policy_links.select_related("policy") if link.policy.live]

    def share_card(self):
        return ShareCard(self.title, str(_("新闻发布")), self.date_published, self.summary)

    def article_parts(self):
        return paragraph(self.summary) + stream_parts(self.body)

    def search_text(self):
        body = " ".join(str(text) for block in self.body for text in block.block.get_searchable_content(block.value))
        return segment(" ".join([self.title, self.summary, self.speakers, body]))

    def cache_tags(self):
        policy_ids = NewsPolicyLink.objects.filter(page=self).values_list("policy_id", flat=True)
        return {page_tag(self)} | page_tags(policy_ids)

    def invalidated_cache_tags(self):
        # Documents do not show the news about them: the news page's own tag is enough.
        return {page_tag(self), listing_tag(NewsPage)}

    def renditions_needed(self):
        return body_figures(self.body)


class NewsPolicyLink(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="policy_links")
    policy = models.ForeignKey(
        "policies.PolicyPage", verbose_name=_("政策文件"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("policy", "policies.PolicyPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("新闻关联的政策文件")
        verbose_name_plural = _("新闻关联的政策文件")

    def invalidated_cache_tags(self):
        return tags(page_tag(self.page_id))


class CollectionPage(ReadableSlugMixin, Page):
    """A topic collection (专题): an introduction and the published documents of one topic."""

    topic = models.ForeignKey("policies.Topic", verbose_name=_("主题分类"), on_delete=models.PROTECT, related_name="+")
    intro = models.TextField(_("简介"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("题图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [FieldPanel("topic"), FieldPanel("intro"), FieldPanel("image")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("专题")

    # The interpretations shown under the documents: the latest of the topic (the 政策解读 section has them all).
    interpretation_count = 20

    def share_card(self):
        return ShareCard(self.title, str(_("官方网站")), None, self.intro)

    def get_context(self, request, *args, **kwargs):
        from interpretations.models import InterpretationPage
        from policies.models import PolicyPage

        context = super().get_context(request, *args, **kwargs)
        of_topic = PolicyPage.objects.published().filter(topic=self.topic)
        context.update(paginate(request, of_topic.for_listing().with_validity()))
        context["documents"] = context["page_obj"].object_list
        interpretations = InterpretationPage.objects.published().interpreting(of_topic)
        context["interpretation_total"] = interpretations.count()
        context["interpretations"] = interpretations.for_listing()[: self.interpretation_count]
        return context

    def cache_tags(self):
        # Its documents and their interpretations are those of one topic; the cards name agencies, divisions and
        # interpreters.
        return tags(
            page_tag(self),
            object_tag("policies.Topic", self.topic_id),
            listing_tag("policies.PolicyPage"),
            listing_tag("interpretations.InterpretationPage"),
            model_tag("policies.Agency"),
            model_tag("policies.Division"),
            model_tag("interpretations.Person"),
        )

    def invalidated_cache_tags(self):
        # The home page lists the collections.
        return {page_tag(self), listing_tag(CollectionPage)}

    def renditions_needed(self):
        return sized(self.image, "figure")
