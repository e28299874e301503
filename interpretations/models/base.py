"""The shared base of every interpretation: its kinds, the base page and the documents it interprets.

Each kind (text.py, qa.py, …) subclasses InterpretationPage; this module imports none of them.
"""

import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.cache_tags import listing_tag, model_tag, object_tag, page_tag, page_tags, tags
from core.forms import EditedFieldsMixin, RevisionConflictMixin, SlugClashMixin
from core.ownership import DivisionOwnedMixin, limit_division_choices
from core.publication import PublicationDateMixin, PublicationStateMixin
from core.renditions import sized
from core.segmentation import segment
from core.sharing import ShareCard, paragraph
from core.slugs import ReadableSlugMixin
from core.visibility import PublishedQuerySet
from policies.models import Agency, Division, PolicyPage
from policies.models.editing import MAJOR_CHANGE_PANEL, MajorChangeForm

from ..snippets import Person
from .change_notes import InterpretationChangeNote
from .following import InterpretationFollowingMixin


class Kind(models.TextChoices):
    TEXT = "text", _("文字解读")
    QA = "qa", _("简明问答")
    INFOGRAPHIC = "infographic", _("一图读懂")
    EXPERT = "expert", _("专家解读")
    MEDIA = "media", _("音视频解读")
    LEADER = "leader", _("领导解读")


class InterpretationPageForm(
    SlugClashMixin, EditedFieldsMixin, RevisionConflictMixin, MajorChangeForm, WagtailAdminPageForm
):
    """Offer only the drafting divisions the editor may choose (core.ownership); refuse stale saves; a published
    interpretation's edit is a major or a minor change, as a document's (MajorChangeForm)."""

    note_model = InterpretationChangeNote

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_division_choices(self, self.for_user)


class InterpretationQuerySet(PublishedQuerySet):
    def interpreting(self, policies):
        """Return the interpretations of any of `policies` (a QuerySet of documents)."""
        return self.filter(pk__in=PolicyLink.objects.filter(policy__in=policies).values("page_id"))

    def for_listing(self):
        """Fetch what a listing card shows in the same query, newest first."""
        return self.select_related("division", "interpreter", "listing_image").newest_first()


class InterpretationPage(
    InterpretationFollowingMixin,
    DivisionOwnedMixin,
    PublicationDateMixin,
    PublicationStateMixin,
    ReadableSlugMixin,
    Page,
):
    """What every interpretation has: the documents it interprets, its owner, interpreter, date and summary."""

    KIND = None
    objects = PageManager.from_queryset(InterpretationQuerySet)()
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
    # After each kind's own content: whether this edit is a major change, and the notes so far.
    change_panels = [MAJOR_CHANGE_PANEL, InlinePanel("change_notes", label=_("更新记录"))]
    content_panels = Page.content_panels + meta_panels  # each kind adds its own, then change_panels

    search_fields = Page.search_fields + [
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

    def kind_text(self):
        """Return the kind's own text for search; each kind overrides it."""
        return ""

    def search_text(self):
        return segment(" ".join([self.title, self.summary, self.interpreter_name, self.kind_text()]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policies"] = self.policy_pages
        context["change_notes"] = list(self.change_notes.all())
        return context

    # --- what sharing asks (core/sharing.py) ---------------------------------------------------------

    def share_card(self):
        return ShareCard(self.title, self.get_kind_display(), self.date_published, self.summary)

    def article_parts(self):
        """The summary, then what the kind says (``kind_parts``), for the WeChat and Weibo exports."""
        return paragraph(self.summary) + self.kind_parts()

    def kind_parts(self):
        """Return the kind's own body as core.sharing parts; each kind overrides it."""
        return []

    # --- what a rendering shows, for caches (core/cache_tags.py) --------------------------------

    def linked_page_ids(self):
        """Return the documents this interpretation interprets or cites, whatever their state."""
        # The answers of the Q&A kind (qa.py) cite documents; the base looks their model up, never imports a kind.
        answers = apps.get_model("interpretations", "QuestionAnswer")
        return {
            *PolicyLink.objects.filter(page=self).values_list("policy_id", flat=True),
            *answers.objects.filter(page_id=self.pk).values_list("cited_policy_id", flat=True),
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
