"""PolicyPage, a policy document (政策文件): its fields and rules, composed with the mixins of its parts.

The fields stay here, on the concrete model; the mixins hold behaviour only: body.py (articles and citations),
relations.py (relations and validity), interpretations.py (its interpretations), editing.py (admin form and panels).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Length
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.bulk import BulkSavingMixin
from core.cache_tags import listing_tag, object_tag, page_tag, page_tags, tags
from core.ownership import DivisionOwnedMixin
from core.publication import PublicationDateMixin, PublicationStateMixin
from core.segmentation import segment
from core.sharing import ShareCard
from core.slugs import ReadableSlugMixin, pinyin_slug, title_subject

from ..blocks import PolicyBodyBlock
from ..doc_numbers import doc_number_slug, normalise_doc_number
from ..snippets import Agency, Division, Topic
from .body import PolicyBodyMixin
from .business import BUSINESS_PANEL, BusinessTagsMixin
from .disclosure import NOT_DISCLOSABLE_MESSAGE, Disclosure
from .editing import CONTENT_PANELS, PolicyPageForm
from .following import PolicyFollowingMixin
from .interpretations import PolicyInterpretationsMixin
from .queryset import PolicyPageManager
from .relations import PolicyRelation, PolicyRelationsMixin


class PolicyPageTag(TaggedItemBase):
    content_object = ParentalKey("policies.PolicyPage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("主题词")
        verbose_name_plural = _("主题词")


class PolicyPage(
    PolicyBodyMixin,
    PolicyRelationsMixin,
    PolicyInterpretationsMixin,
    PolicyFollowingMixin,
    BusinessTagsMixin,
    DivisionOwnedMixin,
    PublicationDateMixin,
    PublicationStateMixin,
    ReadableSlugMixin,
    BulkSavingMixin,
    Page,
):
    """A policy document (政策文件) with its metadata, structured body and relations."""

    index_number = models.CharField(
        _("索引号"),
        max_length=40,
        unique=True,
        blank=True,
        help_text=_("留空则自动生成：机构代码/年份-五位序号，如 002482365/2020-00012"),
    )
    issuing_agency = models.ForeignKey(
        Agency, verbose_name=_("发文机关"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    division = models.ForeignKey(
        Division,
        verbose_name=_("起草处室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policies",
    )
    doc_number = models.CharField(_("发文字号"), max_length=80, blank=True, db_index=True)
    topic = models.ForeignKey(
        Topic, verbose_name=_("主题分类"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = ClusterTaggableManager(through=PolicyPageTag, blank=True, verbose_name=_("主题词"))
    category = models.CharField(
        _("文件类别"), max_length=50, blank=True, help_text=_("如：行政规范性文件、规章、地方性法规")
    )
    date_written = models.DateField(_("成文日期"), null=True, blank=True)
    date_effective = models.DateField(_("施行日期"), null=True, blank=True)
    date_expires = models.DateField(_("废止/失效日期"), null=True, blank=True)
    expiry_declared = models.BooleanField(
        _("已宣布失效"), default=False, help_text=_("来源已声明失效但没有失效日期时勾选（如导入的历史文件）")
    )
    disclosure = models.CharField(
        _("公开属性"), max_length=20, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    is_normative = models.BooleanField(_("行政规范性文件"), default=False)
    needs_interpretation = models.BooleanField(_("需要解读"), default=True)
    interpretation_exemption = models.TextField(
        _("不解读的理由"),
        blank=True,
        help_text=_("需要解读的文件在没有解读时，须写明理由，终审时记录为豁免"),
    )
    summary = models.TextField(_("摘要"), blank=True)
    body = StreamField(PolicyBodyBlock(), blank=True, verbose_name=_("正文"))
    source_id = models.CharField(
        _("来源编号"),
        max_length=100,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("导入时的记录编号"),
    )
    source_url = models.CharField(_("来源"), max_length=500, blank=True)
    source_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = PolicyPageManager()
    base_form_class = PolicyPageForm
    content_panels = CONTENT_PANELS + [BUSINESS_PANEL]

    search_fields = Page.search_fields + [
        # Editors find a document in the admin (search, choosers) by its number as well as by its title.
        index.AutocompleteField("doc_number"),
        index.AutocompleteField("index_number"),
        index.FilterField("date_published"),
        index.FilterField("disclosure"),
        index.FilterField("topic"),
        index.FilterField("issuing_agency"),
        index.FilterField("division"),
        index.FilterField("is_normative"),
    ]

    api_fields = [
        APIField("index_number"),
        APIField("doc_number"),
        APIField("issuing_agency_name"),
        APIField("division_name"),
        APIField("topic_name"),
        APIField("date_written"),
        APIField("date_published"),
        APIField("date_effective"),
        APIField("date_expires"),
        APIField("is_normative"),
        APIField("validity"),
        APIField("summary"),
        APIField("body"),
        APIField("interpretations"),
    ]

    parent_page_types = ["policies.PolicyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    # --- rules -------------------------------------------------------------------------------

    @property
    def is_disclosed(self):
        return self.disclosure == Disclosure.PROACTIVE

    def clean(self):
        super().clean()
        errors = {}
        if self.doc_number:
            try:
                self.doc_number = normalise_doc_number(self.doc_number)
            except ValidationError as error:
                errors["doc_number"] = error
        if self.live and not self.is_disclosed:
            errors["disclosure"] = NOT_DISCLOSABLE_MESSAGE
        if self.date_effective and self.date_expires and self.date_expires < self.date_effective:
            errors["date_expires"] = _("废止/失效日期不能早于施行日期。")
        numbers = [block.value["number"] for block in self.body if block.block_type == "article"]
        duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
        if duplicates:
            errors["body"] = _("条号重复：%(numbers)s") % {"numbers": "、".join(map(str, duplicates))}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.live and not self.is_disclosed:
            raise ValidationError({"disclosure": NOT_DISCLOSABLE_MESSAGE})
        if self.doc_number:
            self.doc_number = normalise_doc_number(self.doc_number)
        if self.index_number:
            return super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = list(update_fields) + ["index_number"]
        # Two editors may take the same serial at once; the unique constraint decides, we retry.
        for attempt in range(5):
            self.index_number = self.next_index_number()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if attempt == 4 or not PolicyPage.objects.filter(index_number=self.index_number).exists():
                    raise

    def readable_slug_base(self):
        """A document is named by its number when it has one (zhehuanfa-2020-12), else by its title's pinyin."""
        return doc_number_slug(self.doc_number) or pinyin_slug(title_subject(self.title))

    def next_index_number(self):
        """Return the next free index number: agency code / year - five-digit serial."""
        code = self.issuing_agency.code if self.issuing_agency else "000000000"
        date = self.date_written or self.date_published or timezone.localdate()
        prefix = f"{code}/{date.year}-"
        # Longest first, then highest: the first whose serial is all digits holds the highest serial. Reading every
        # number of the year into Python (or matching each against a pattern, which SQLite runs in Python) made an
        # import's page cost grow with the pages before it (37 ms a page at 3,600 documents).
        taken = (
            PolicyPage.objects.filter(index_number__startswith=prefix)
            .order_by(Length("index_number").desc(), "-index_number")
            .values_list("index_number", flat=True)
        )
        for number in taken.iterator(chunk_size=100):
            if number[len(prefix) :].isdigit():
                return f"{prefix}{int(number[len(prefix) :]) + 1:05d}"
        return f"{prefix}00001"

    def serve(self, request, *args, **kwargs):
        if not self.is_disclosed:
            raise Http404
        return super().serve(request, *args, **kwargs)

    # --- text for search, API and templates --------------------------------------------------

    def search_text(self):
        return segment(self.search_source(tag.name for tag in self.tags.all()))

    def search_source(self, tag_names):
        """Return the text the database search index segments (`search_text`), given the page's tag names."""
        return " ".join([self.title, self.doc_number, self.summary, " ".join(tag_names), self.body_text()])

    @property
    def issuing_agency_name(self):
        return self.issuing_agency.name if self.issuing_agency else ""

    @property
    def topic_name(self):
        return self.topic.name if self.topic else ""

    # --- what a rendering shows, for caches (core/cache_tags.py) --------------------------------

    def linked_page_ids(self):
        """Return the pages linked with this document either way, whatever their state.

        Its interpretations, the Q&As citing its articles, the documents it changes and those changing it.
        """
        return self.linked_page_ids_of([self.pk])[self.pk]

    @classmethod
    def linked_page_ids_of(cls, page_ids):
        """Return {document id: the ids of the pages linked with it} for many documents, in four queries."""
        linked = {pk: set() for pk in page_ids}
        links = (
            (cls.interpretation_links.rel.related_model, "policy_id", "page_id"),
            (cls.qa_citations.rel.related_model, "cited_policy_id", "page_id"),
            (PolicyRelation, "source_id", "target_id"),
            (PolicyRelation, "target_id", "source_id"),
        )
        for model, own, other in links:
            for pk, other_pk in model.objects.filter(**{f"{own}__in": linked}).values_list(own, other):
                linked[pk].add(other_pk)
        return linked

    def cache_tags(self):
        own = tags(
            page_tag(self),
            object_tag(Agency, self.issuing_agency_id),
            object_tag(Topic, self.topic_id),
            object_tag(Division, self.division_id),
        )
        # A consultation linking here is shown with its report: its changes (and its report's) name its page.
        consultations = page_tags(page.pk for page in self.consultations_leading_here())
        return own | page_tags(self.linked_page_ids()) | consultations

    def invalidated_cache_tags(self):
        # Listings show each document's validity, which the documents it changes depend on: they list them too.
        return self.invalidated_cache_tags_of([self])

    @classmethod
    def invalidated_cache_tags_of(cls, pages):
        """Return what a change to all of `pages` makes stale, in one query per kind of link (a batch of an import)."""
        linked = cls.linked_page_ids_of([page.pk for page in pages])
        return {listing_tag(PolicyPage)} | page_tags(linked) | page_tags(set().union(*linked.values()))

    def share_card(self):
        """What sharing shows (core/sharing.py): the title, 政策文件, the publication date and the summary."""
        return ShareCard(self.title, str(_("政策文件")), self.date_published, self.summary)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            body_items=self.body_with_citations(),
            interpretation_groups=self.interpretations_by_kind(),
            repealed_by=self.repealing_relation(),
            amended_by=self.amending_relations(),
            relations=self.live_relations(),
            change_notes=list(self.change_notes.all()),
            attachments=list(self.attachments.select_related("document")),
            tag_list=list(self.tags.all()),
            consultations=self.consultations_leading_here(),
        )
        return context

    def consultations_leading_here(self):
        """Return the public consultations whose final document this is (hook `policy_consultations`: the
        consultations app is a layer above and answers for itself)."""
        return [page for hook in hooks.get_hooks("policy_consultations") for page in hook(self)]
