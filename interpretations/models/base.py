"""Interpretations (政策解读): one base page linked to the documents it interprets, and a page type per kind."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from core.cache_tags import listing_tag, model_tag, object_tag, page_tag, page_tags, tags
from core.forms import EditedFieldsMixin, RevisionConflictMixin
from core.ownership import DivisionOwnedMixin, limit_division_choices
from core.pagination import paginate
from core.publication import PublicationDateMixin, PublicationStateMixin
from core.renditions import sized
from core.segmentation import segment
from core.visibility import PublishedQuerySet
from policies.models import Agency, Division, PolicyPage
from policies.numerals import article_label, from_chinese

from ..snippets import Person


class Kind(models.TextChoices):
    TEXT = "text", _("文字解读")
    QA = "qa", _("简明问答")
    INFOGRAPHIC = "infographic", _("一图读懂")
    EXPERT = "expert", _("专家解读")
    MEDIA = "media", _("音视频解读")
    LEADER = "leader", _("领导解读")


class InterpretationIndexPage(Page):
    """The list of all interpretations (政策解读), filterable by kind."""

    intro = models.TextField(_("简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "interpretations.TextInterpretationPage",
        "interpretations.QAInterpretationPage",
        "interpretations.InfographicInterpretationPage",
        "interpretations.ExpertInterpretationPage",
        "interpretations.MediaInterpretationPage",
        "interpretations.LeaderInterpretationPage",
    ]
    max_count = 1
    page_size = 20

    class Meta:
        verbose_name = _("政策解读栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        kind = request.GET.get("kind")
        pages = (
            InterpretationPage.objects.child_of(self)
            .published()
            .select_related("division", "interpreter", "listing_image")
        )
        if kind in Kind.values:
            pages = pages.filter(kind=kind)
        pages = pages.newest_first()
        context.update(
            paginate(request, pages, self.page_size),
            kinds=Kind.choices,
            current_kind=kind if kind in Kind.values else "",
        )
        context["interpretations"] = context["page_obj"].object_list
        return context

    def cache_tags(self):
        # The cards name each interpretation's division and interpreter.
        return {page_tag(self), listing_tag(InterpretationPage), model_tag(Division), model_tag(Person)}

    def invalidated_cache_tags(self):
        return {page_tag(self)}


class InterpretationPageForm(EditedFieldsMixin, RevisionConflictMixin, WagtailAdminPageForm):
    """Offer only the drafting divisions the editor may choose (core.ownership); refuse stale saves."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_division_choices(self, self.for_user)


class InterpretationPage(DivisionOwnedMixin, PublicationDateMixin, PublicationStateMixin, Page):
    """What every interpretation has: the documents it interprets, its owner, interpreter, date and summary."""

    KIND = None
    objects = PageManager.from_queryset(PublishedQuerySet)()
    base_form_class = InterpretationPageForm

    kind = models.CharField(_("解读形式"), max_length=20, choices=Kind.choices, editable=False, db_index=True)
    division = models.ForeignKey(
        Division,
        verbose_name=_("起草处室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpreter = models.ForeignKey(
        Person,
        verbose_name=_("解读人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    summary = models.TextField(_("摘要"), blank=True)
    after_implementation = models.BooleanField(_("施行后解读"), default=False)
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("列表缩略图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    meta_panels = [
        InlinePanel("policy_links", min_num=1, label=_("所解读的政策文件")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("division"), FieldPanel("interpreter")]),
                FieldRowPanel([FieldPanel("date_published"), FieldPanel("after_implementation")]),
                FieldPanel("summary"),
                FieldPanel("listing_image"),
            ],
            heading=_("解读信息"),
        ),
    ]
    content_panels = Page.content_panels + meta_panels

    search_fields = Page.search_fields + [
        index.SearchField("search_text"),
        index.FilterField("kind"),
        index.FilterField("date_published"),
        index.FilterField("division"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("date_published"),
        APIField("summary"),
        APIField("after_implementation"),
        APIField("interpreter_name"),
        APIField("division_name"),
        APIField("policies"),
    ]

    parent_page_types = ["interpretations.InterpretationIndexPage"]
    subpage_types = []
    is_creatable = False

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    def save(self, *args, **kwargs):
        if self.KIND:
            self.kind = self.KIND
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.KIND in (Kind.EXPERT, Kind.LEADER) and not self.interpreter_id:
            raise ValidationError({"interpreter": _("专家解读和领导解读必须注明解读人。")})

    @cached_property
    def policy_pages(self):
        """Return the live documents this interpretation interprets."""
        return [
            link.policy
            for link in self.policy_links.select_related("policy", "policy__issuing_agency")
            if link.policy.is_openable
        ]

    @property
    def policies(self):
        """Describe the interpreted documents for the API: id, title and URL."""
        return [{"id": p.pk, "title": p.title, "url": p.full_url} for p in self.policy_pages]

    @property
    def interpreter_name(self):
        return self.interpreter.name if self.interpreter else ""

    @property
    def division_name(self):
        return self.division.name if self.division else ""

    def kind_text(self):
        """Return the kind's own text for search; each kind overrides it."""
        return ""

    def search_text(self):
        return segment(" ".join([self.title, self.summary, self.interpreter_name, self.kind_text()]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policies"] = self.policy_pages
        return context

    # --- what a rendering shows, for caches (core/cache_tags.py) --------------------------------

    def linked_page_ids(self):
        """Return the documents this interpretation interprets or cites, whatever their state."""
        return {
            *PolicyLink.objects.filter(page=self).values_list("policy_id", flat=True),
            *QuestionAnswer.objects.filter(page_id=self.pk).values_list("cited_policy_id", flat=True),
        }

    def cache_tags(self):
        # The document cards name their issuing agencies; the interpreter's changes reach this page's own tag.
        own = tags(page_tag(self), object_tag(Division, self.division_id), model_tag(Agency))
        return own | page_tags(self.linked_page_ids())

    def invalidated_cache_tags(self):
        # The documents list their interpretations, and the Q&As citing them mark their articles.
        return {page_tag(self), listing_tag(InterpretationPage)} | page_tags(self.linked_page_ids())

    def renditions_needed(self):
        """Return (image, filter spec) for every image this page shows, and its cards in listings show."""
        return sized(self.listing_image, "thumbnail", "thumbnail_large")


class PolicyLink(Orderable):
    """One document an interpretation interprets."""

    page = ParentalKey(InterpretationPage, on_delete=models.CASCADE, related_name="policy_links")
    policy = models.ForeignKey(
        PolicyPage, verbose_name=_("政策文件"), on_delete=models.CASCADE, related_name="interpretation_links"
    )

    panels = [PageChooserPanel("policy", "policies.PolicyPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("所解读的政策文件")
        constraints = [models.UniqueConstraint(fields=["page", "policy"], name="unique_policy_link")]

    def invalidated_cache_tags(self):
        return tags(page_tag(self.page_id), page_tag(self.policy_id))


def _html_text(html):
    return re.sub(r"<[^>]+>", " ", html or "")


# --- 文字解读 --------------------------------------------------------------------------------


class SectionBlock(blocks.StructBlock):
    """A section of a text interpretation: 背景依据, 主要内容, 关键词解释, 创新举措 or a heading of one's own."""

    kind = blocks.ChoiceBlock(
        choices=[
            ("background", _("背景依据")),
            ("main", _("主要内容")),
            ("keywords", _("关键词解释")),
            ("innovation", _("创新举措")),
            ("other", _("其他")),
        ],
        label=_("类型"),
    )
    heading = blocks.CharBlock(required=False, label=_("标题"), help_text=_("留空则使用类型名称"))
    body = blocks.RichTextBlock(features=["bold", "italic", "ol", "ul", "link"], label=_("内容"))

    class Meta:
        icon = "doc-full"
        label = _("段落")
        template = "interpretations/blocks/section.html"


class TextInterpretationPage(InterpretationPage):
    """文字解读: structured sections."""

    KIND = Kind.TEXT
    sections = StreamField([("section", SectionBlock())], verbose_name=_("正文"))

    content_panels = InterpretationPage.content_panels + [FieldPanel("sections")]
    template = "interpretations/text_interpretation_page.html"

    class Meta:
        verbose_name = _("文字解读")

    def kind_text(self):
        return " ".join(f"{block.value['heading']} {_html_text(block.value['body'].source)}" for block in self.sections)


# --- 简明问答 --------------------------------------------------------------------------------


class QAInterpretationPage(InterpretationPage):
    """简明问答: ordered questions and answers; an answer may cite an article of a document."""

    KIND = Kind.QA

    content_panels = InterpretationPage.content_panels + [InlinePanel("questions", min_num=1, label=_("问答"))]
    template = "interpretations/qa_interpretation_page.html"

    class Meta:
        verbose_name = _("简明问答")

    def kind_text(self):
        return " ".join(f"{qa.question} {_html_text(qa.answer)}" for qa in self.questions.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["questions"] = list(self.questions.select_related("cited_policy"))
        return context


# A mention right after 》 cites another text (《环境保护法》第四十二条), so it is not linked.
_ARTICLE_MENTION = re.compile(r"(?<!》)第([一二三四五六七八九十百千零〇\d]+)条")


class QuestionAnswer(Orderable):
    """One question and its answer, optionally citing an article (第X条) of a document."""

    page = ParentalKey(QAInterpretationPage, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(_("问题"), max_length=300)
    answer = RichTextField(_("回答"), features=["bold", "italic", "ol", "ul", "link"])
    cited_policy = models.ForeignKey(
        PolicyPage,
        verbose_name=_("引用的文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="qa_citations",
    )
    cited_article = models.PositiveIntegerField(
        _("引用的条号"), null=True, blank=True, help_text=_("如 12 表示第十二条")
    )

    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldRowPanel([PageChooserPanel("cited_policy", "policies.PolicyPage"), FieldPanel("cited_article")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("问答")

    def invalidated_cache_tags(self):
        # The cited document marks the article with a link back to this answer.
        return tags(page_tag(self.page_id), page_tag(self.cited_policy_id))

    def clean(self):
        if self.cited_article and not self.cited_policy_id:
            raise ValidationError({"cited_policy": _("引用条款时请选择所引用的文件。")})
        if self.cited_article and self.cited_policy_id:
            policy = self.cited_policy.get_latest_revision_as_object()
            if self.cited_article not in policy.article_numbers():
                raise ValidationError(
                    {
                        "cited_article": _("《%(title)s》中没有%(label)s。")
                        % {"title": policy.title, "label": article_label(self.cited_article)}
                    }
                )

    @property
    def anchor(self):
        return f"qa-{self.pk}"

    @property
    def citation_label(self):
        return article_label(self.cited_article) if self.cited_article else ""

    def citation_url(self, number=None):
        """Return the link to the cited article (or to article `number` of the cited document)."""
        number = number or self.cited_article
        if not (self.cited_policy and number and self.cited_policy.live):
            return ""
        return f"{self.cited_policy.url}#article-{number}"

    def answer_html(self):
        """Render the answer, linking each mention of 第X条 to that article of the cited document."""
        html = expand_db_html(self.answer)
        if not (self.cited_policy and self.cited_policy.live):
            return mark_safe(html)

        articles = self.cited_policy.article_numbers()

        def link(match):
            try:
                number = from_chinese(match.group(1))
            except ValueError:
                return match.group(0)
            if number not in articles:
                return match.group(0)
            return format_html('<a href="{}">{}</a>', self.citation_url(number), match.group(0))

        # Only text between tags is linked, so attributes and existing links are left alone.
        parts = re.split(r"(<[^>]+>)", html)
        inside_link = False
        for i, part in enumerate(parts):
            if part.startswith("<"):
                inside_link = part.startswith("<a ") or (inside_link and not part.startswith("</a"))
            elif not inside_link:
                parts[i] = _ARTICLE_MENTION.sub(link, part)
        return mark_safe("".join(parts))


# --- 一图读懂 --------------------------------------------------------------------------------


class InfographicInterpretationPage(InterpretationPage):
    """一图读懂: one or more images, with a required full-text alternative."""

    KIND = Kind.INFOGRAPHIC
    text_alternative = RichTextField(
        _("文字版"),
        features=["h3", "bold", "ol", "ul", "link"],
        help_text=_("图片内容的完整文字版，供读屏软件、检索和打印使用（必填）"),
    )

    content_panels = InterpretationPage.content_panels + [
        InlinePanel("images", min_num=1, label=_("图片")),
        FieldPanel("text_alternative"),
    ]
    template = "interpretations/infographic_interpretation_page.html"

    class Meta:
        verbose_name = _("一图读懂")

    def save(self, *args, **kwargs):
        if not self.listing_image_id:
            first = self.images.first() if self.pk else None
            if first:
                self.listing_image_id = first.image_id
        return super().save(*args, **kwargs)

    def kind_text(self):
        return _html_text(self.text_alternative)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["images"] = list(self.images.select_related("image"))
        return context

    def renditions_needed(self):
        pictures = [
            pair
            for item in self.images.select_related("image")
            for pair in sized(item.image, "infographic_mobile", "infographic_desktop")
        ]
        return super().renditions_needed() + pictures


class InfographicImage(Orderable):
    page = ParentalKey(InfographicInterpretationPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("图片"), on_delete=models.PROTECT, related_name="+")
    caption = models.CharField(_("图注"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


# --- 专家解读 --------------------------------------------------------------------------------


class ExpertInterpretationPage(InterpretationPage):
    """专家解读: an expert's commentary; the expert and affiliation come from the interpreter."""

    KIND = Kind.EXPERT
    commentary = RichTextField(_("解读内容"), features=["h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = InterpretationPage.content_panels + [FieldPanel("commentary")]
    template = "interpretations/expert_interpretation_page.html"

    class Meta:
        verbose_name = _("专家解读")

    def kind_text(self):
        affiliation = self.interpreter.affiliation if self.interpreter else ""
        return f"{affiliation} {_html_text(self.commentary)}"


# --- 音视频解读 ------------------------------------------------------------------------------


class MediaInterpretationPage(InterpretationPage):
    """音视频解读: an uploaded audio/video file or an embed, with a required transcript."""

    KIND = Kind.MEDIA
    AUDIO_EXTENSIONS = {"mp3", "m4a", "ogg", "wav"}
    VIDEO_EXTENSIONS = {"mp4", "webm", "ogv"}

    media_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("音视频文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    embed_url = models.URLField(_("外部视频地址"), blank=True, help_text=_("无上传文件时填写视频平台的播放地址"))
    duration = models.CharField(_("时长"), max_length=20, blank=True, help_text=_("如 12:30"))
    transcript = RichTextField(_("文字实录"), features=["h3", "bold", "ol", "ul"], help_text=_("完整文字实录（必填）"))

    content_panels = InterpretationPage.content_panels + [
        FieldRowPanel([FieldPanel("media_file"), FieldPanel("embed_url")]),
        FieldPanel("duration"),
        FieldPanel("transcript"),
    ]
    template = "interpretations/media_interpretation_page.html"

    class Meta:
        verbose_name = _("音视频解读")

    def clean(self):
        super().clean()
        if not self.media_file_id and not self.embed_url:
            raise ValidationError({"media_file": _("请上传音视频文件或填写外部视频地址。")})
        if self.media_file_id and self.media_extension not in self.AUDIO_EXTENSIONS | self.VIDEO_EXTENSIONS:
            raise ValidationError({"media_file": _("只支持 MP3、M4A、OGG、WAV、MP4、WebM 格式。")})

    @property
    def media_extension(self):
        return self.media_file.file_extension.lower() if self.media_file_id else ""

    @property
    def is_audio(self):
        return self.media_extension in self.AUDIO_EXTENSIONS

    def kind_text(self):
        return _html_text(self.transcript)


# --- 领导解读 --------------------------------------------------------------------------------


class LeaderInterpretationPage(InterpretationPage):
    """领导解读 / 第一解读人: a leader interprets in person at an interview, press conference or in a signed article."""

    KIND = Kind.LEADER

    class Occasion(models.TextChoices):
        INTERVIEW = "interview", _("访谈")
        PRESS_CONFERENCE = "press_conference", _("新闻发布会")
        SIGNED_ARTICLE = "signed_article", _("署名文章")

    occasion = models.CharField(_("解读场合"), max_length=20, choices=Occasion.choices)
    body = RichTextField(_("解读内容"), features=["h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = InterpretationPage.content_panels + [FieldPanel("occasion"), FieldPanel("body")]
    template = "interpretations/leader_interpretation_page.html"

    class Meta:
        verbose_name = _("领导解读")

    def kind_text(self):
        return f"{self.get_occasion_display()} {_html_text(self.body)}"
