"""Policy documents (政策文件), the library that lists them, and the relations between them."""

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.cache_tags import listing_tag, model_tag, object_tag, page_tag, page_tags, tags
from core.forms import EditedFieldsMixin, RevisionConflictMixin
from core.ownership import DivisionOwnedMixin, limit_division_choices
from core.pagination import paginate
from core.publication import PublicationDateMixin, PublicationStateMixin
from core.renditions import body_figures
from core.segmentation import segment
from core.visibility import PublishedQuerySet, visible_pages

from ..blocks import PolicyBodyBlock
from ..doc_numbers import normalise_doc_number
from ..snippets import Agency, Division, Topic
from ..validity import RelationKind, Validity, derive_validity

__all__ = ["Agency", "Division", "Topic", "PolicyIndexPage", "PolicyPage", "PolicyRelation"]


class Disclosure(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")


NOT_DISCLOSABLE_MESSAGE = _("只有“主动公开”的文件才能对外发布；“依申请公开”和“不予公开”的文件只能保存为草稿。")


def _in_force_by(today, prefix=""):
    """Return a Q matching documents (through `prefix`) that are live and already in force on `today`."""
    return Q(**{f"{prefix}live": True}) & (
        Q(**{f"{prefix}date_effective__isnull": True}) | Q(**{f"{prefix}date_effective__lte": today})
    )


class PolicyPageQuerySet(PublishedQuerySet):
    def disclosed(self):
        """Return the documents disclosed proactively (主动公开): only those are ever shown to citizens."""
        return self.filter(disclosure=Disclosure.PROACTIVE)

    def with_validity(self, today=None):
        """Annotate each document with `validity_code`, the SQL form of `derive_validity`."""
        today = today or timezone.localdate()
        changes = PolicyRelation.objects.filter(Q(target=OuterRef("pk")) & _in_force_by(today, "source__"))
        repealed = changes.filter(kind__in=[RelationKind.REPEALS, RelationKind.REPLACES])
        amended = changes.filter(kind=RelationKind.AMENDS)
        return self.annotate(
            validity_code=Case(
                When(Exists(repealed), then=Value(Validity.REPEALED.value)),
                When(Q(expiry_declared=True) | Q(date_expires__lte=today), then=Value(Validity.EXPIRED.value)),
                When(date_effective__gt=today, then=Value(Validity.NOT_YET_EFFECTIVE.value)),
                When(Exists(amended), then=Value(Validity.AMENDED.value)),
                default=Value(Validity.IN_FORCE.value),
                output_field=models.CharField(),
            )
        )

    def with_validity_in(self, codes, today=None):
        """Return the documents whose validity is one of `codes`."""
        return self.with_validity(today).filter(validity_code__in=codes)

    def in_force(self, today=None):
        """Return the documents in force today, amended or not."""
        return self.with_validity_in([Validity.IN_FORCE, Validity.AMENDED], today)

    def filter_by(self, *, topic=None, agency=None, division=None, year=None, validity=None, normative=None):
        """Apply the policy library's filters; each argument left as None is ignored."""
        qs = self
        if topic:
            qs = qs.filter(topic=topic)
        if agency:
            qs = qs.filter(issuing_agency=agency)
        if division:
            qs = qs.filter(division=division)
        if year:
            qs = qs.published_in(year)
        if normative is not None:
            qs = qs.filter(is_normative=normative)
        if validity:
            qs = qs.with_validity_in([validity])
        return qs

    def for_listing(self):
        """Fetch what a listing row shows in the same query."""
        return self.select_related("issuing_agency", "topic", "division").newest_first()


PolicyPageManager = PageManager.from_queryset(PolicyPageQuerySet)


class PolicyIndexPage(Page):
    """The policy library (政策文件库): a filterable, paginated list of published documents."""

    intro = models.TextField(_("简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["policies.PolicyPage"]
    max_count = 1
    page_size = 20

    class Meta:
        verbose_name = _("政策文件库")

    def get_context(self, request, *args, **kwargs):
        from ..forms import PolicyFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = PolicyFilterForm(request.GET or None)
        documents = PolicyPage.objects.child_of(self).published().for_listing().with_validity()
        if form.is_valid():
            documents = documents.filter_by(**form.filters())
        context.update(paginate(request, documents, self.page_size), form=form)
        context["documents"] = context["page_obj"].object_list
        return context

    def cache_tags(self):
        # The filter form offers every topic, agency and division; the rows name agencies.
        return {page_tag(self), listing_tag(PolicyPage), model_tag(Agency), model_tag(Topic), model_tag(Division)}

    def invalidated_cache_tags(self):
        return {page_tag(self)}


class PolicyPageTag(TaggedItemBase):
    content_object = ParentalKey("policies.PolicyPage", on_delete=models.CASCADE, related_name="tagged_items")


class PolicyPageForm(EditedFieldsMixin, RevisionConflictMixin, WagtailAdminPageForm):
    """Refuse to publish a document that is not proactively disclosed, keeping what the editor typed.

    Once a document has been published, each edit says whether it is a major change (重大修改), which
    needs a note that is added to the page's 更新记录 (in the revision, so it goes public when that
    revision is published), or a minor one (一般修改), which adds nothing.
    """

    MAJOR, MINOR = "major", "minor"

    change_type = forms.ChoiceField(
        label=_("修改类型"),
        choices=[(MAJOR, _("重大修改")), (MINOR, _("一般修改"))],
        initial=MINOR,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("重大修改须填写更新说明，发布后在页面“更新记录”中公开；一般修改（如更正错别字）不记录。"),
    )
    change_note = forms.CharField(
        label=_("更新说明"),
        max_length=300,  # ChangeNote.note
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_division_choices(self, self.for_user)
        if not getattr(self.instance, "first_published_at", None):
            # A new or never-published document has nothing to record a change against.
            del self.fields["change_type"]
            del self.fields["change_note"]

    @property
    def is_major_change(self):
        return self.cleaned_data.get("change_type") == self.MAJOR

    def clean(self):
        cleaned = super().clean()
        publishing = "action-publish" in self.data
        if publishing and cleaned.get("disclosure") not in (None, Disclosure.PROACTIVE):
            self.add_error("disclosure", NOT_DISCLOSABLE_MESSAGE)
        if "change_type" in self.fields:
            cleaned["change_note"] = (cleaned.get("change_note") or "").strip()
            if self.is_major_change and not cleaned["change_note"]:
                self.add_error("change_note", _("重大修改须填写更新说明。"))
        return cleaned

    def save(self, commit=True):
        page = super().save(commit=commit)
        if "change_type" in self.fields and self.is_major_change:
            notes = page.change_notes
            order = max((note.sort_order or 0 for note in notes.all()), default=-1) + 1
            notes.add(ChangeNote(date=timezone.localdate(), note=self.cleaned_data["change_note"], sort_order=order))
            if commit:
                notes.commit()
        return page


class PolicyPage(DivisionOwnedMixin, PublicationDateMixin, PublicationStateMixin, Page):
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

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("doc_number"), FieldPanel("index_number")]),
                FieldRowPanel([FieldPanel("issuing_agency"), FieldPanel("division")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("category")]),
                FieldPanel("tags"),
                FieldRowPanel(
                    [FieldPanel("disclosure"), FieldPanel("is_normative"), FieldPanel("needs_interpretation")]
                ),
                FieldPanel("interpretation_exemption"),
            ],
            heading=_("文件信息"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date_written"), FieldPanel("date_published")]),
                FieldRowPanel([FieldPanel("date_effective"), FieldPanel("date_expires")]),
                FieldPanel("expiry_declared"),
            ],
            heading=_("日期"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件（原件）")),
        InlinePanel("relations", label=_("本文件修改、废止或代替的文件")),
        MultiFieldPanel([FieldPanel("change_type"), FieldPanel("change_note")], heading=_("修改类型")),
        InlinePanel("change_notes", label=_("更新记录")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("search_text"),
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

    def next_index_number(self):
        """Return the next free index number: agency code / year - five-digit serial."""
        code = self.issuing_agency.code if self.issuing_agency else "000000000"
        date = self.date_written or self.date_published or timezone.localdate()
        prefix = f"{code}/{date.year}-"
        taken = PolicyPage.objects.filter(index_number__startswith=prefix).values_list("index_number", flat=True)
        serials = [int(number[len(prefix) :]) for number in taken if number[len(prefix) :].isdigit()]
        return f"{prefix}{max(serials, default=0) + 1:05d}"

    def serve(self, request, *args, **kwargs):
        if not self.is_disclosed:
            raise Http404
        return super().serve(request, *args, **kwargs)

    # --- validity and relations --------------------------------------------------------------

    @cached_property
    def changes_in_force(self):
        """Return the live relations whose newer document changed this one and is already in force."""
        today = timezone.localdate()
        return list(
            self.changed_by.filter(_in_force_by(today, "source__"))
            .select_related("source")
            .order_by("source__date_effective")
        )

    @property
    def validity(self):
        if hasattr(self, "validity_code"):
            return Validity(self.validity_code)
        kinds = {relation.kind for relation in self.changes_in_force}
        return derive_validity(
            today=timezone.localdate(),
            effective=self.date_effective,
            expires=self.date_expires,
            declared_expired=self.expiry_declared,
            repealed=bool(kinds & {RelationKind.REPEALS, RelationKind.REPLACES}),
            amended=RelationKind.AMENDS in kinds,
        )

    @property
    def validity_label(self):
        return self.validity.label

    def repealing_relation(self):
        """Return the relation that repealed or replaced this document, if any."""
        return next((r for r in self.changes_in_force if r.kind != RelationKind.AMENDS), None)

    def amending_relations(self):
        return [r for r in self.changes_in_force if r.kind == RelationKind.AMENDS]

    def live_relations(self):
        """Return what this document changed, limited to documents a citizen can open."""
        return [r for r in self.relations.select_related("target") if r.target.is_openable]

    # --- interpretations (found through the reverse relation from the interpretations app) -----

    def live_interpretation_links(self):
        return (
            self.interpretation_links.filter(page__in=visible_pages())
            .select_related("page", "page__listing_image", "page__interpreter")
            .order_by("-page__date_published", "page__pk")
        )

    @cached_property
    def interpretation_pages(self):
        """Return the live interpretations of this document, newest first."""
        return [link.page for link in self.live_interpretation_links()]

    @property
    def interpretations(self):
        """Describe the live interpretations for the API: id, title, kind and URL."""
        return [
            {"id": page.pk, "title": page.title, "kind": page.kind, "url": page.full_url}
            for page in self.interpretation_pages
        ]

    def interpretations_by_kind(self):
        """Group the live interpretations by kind, in the order the kinds are declared."""
        pages = self.interpretation_pages
        if not pages:
            return []
        groups = defaultdict(list)
        for page in pages:
            groups[page.kind].append(page)
        kind_choices = type(pages[0])._meta.get_field("kind").choices
        return [(code, label, groups[code]) for code, label in kind_choices if code in groups]

    def article_citations(self):
        """Map each article number to the live Q&A answers that cite it."""
        citations = defaultdict(list)
        for answer in (
            self.qa_citations.filter(page__in=visible_pages()).select_related("page").order_by("page__pk", "sort_order")
        ):
            citations[answer.cited_article].append(answer)
        return citations

    def body_with_citations(self):
        """Pair each body block with the answers citing it (articles only), for the template."""
        citations = self.article_citations()
        return [
            (block, citations.get(block.value["number"], []) if block.block_type == "article" else [])
            for block in self.body
        ]

    def article_numbers(self):
        return {block.value["number"] for block in self.body if block.block_type == "article"}

    # --- text for search, API and templates --------------------------------------------------

    def body_text(self):
        """Return the body as plain text, article labels included."""
        parts = []
        for block in self.body:
            if block.block_type == "article":
                parts.append(f"{block.value.label()} {block.value['text']}")
            elif block.block_type == "chapter":
                parts.append(block.value["heading"])
            else:
                parts.append(" ".join(str(text) for text in block.block.get_searchable_content(block.value)))
        return "\n".join(p for p in parts if p)

    def search_text(self):
        tag_names = " ".join(tag.name for tag in self.tags.all())
        return segment(" ".join([self.title, self.doc_number, self.summary, tag_names, self.body_text()]))

    @property
    def issuing_agency_name(self):
        return self.issuing_agency.name if self.issuing_agency else ""

    @property
    def division_name(self):
        return self.division.name if self.division else ""

    @property
    def topic_name(self):
        return self.topic.name if self.topic else ""

    # --- what a rendering shows, for caches (core/cache_tags.py) --------------------------------

    def linked_page_ids(self):
        """Return the pages linked with this document either way, whatever their state.

        Its interpretations, the Q&As citing its articles, the documents it changes and those changing it.
        """
        return {
            *self.interpretation_links.values_list("page_id", flat=True),
            *self.qa_citations.values_list("page_id", flat=True),
            *PolicyRelation.objects.filter(source=self).values_list("target_id", flat=True),
            *self.changed_by.values_list("source_id", flat=True),
        }

    def cache_tags(self):
        own = tags(
            page_tag(self),
            object_tag(Agency, self.issuing_agency_id),
            object_tag(Topic, self.topic_id),
            object_tag(Division, self.division_id),
        )
        return own | page_tags(self.linked_page_ids())

    def invalidated_cache_tags(self):
        # Listings show each document's validity, which the documents it changes depend on: they list them too.
        return {page_tag(self), listing_tag(PolicyPage)} | page_tags(self.linked_page_ids())

    def renditions_needed(self):
        """Return (image, filter spec) for every image this page shows (core/renditions.py)."""
        return body_figures(self.body)

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
        )
        return context


class PolicyAttachment(Orderable):
    """An original file of the document (PDF, Word or OFD)."""

    ALLOWED_EXTENSIONS = {"pdf", "doc", "docx", "ofd", "wps", "xls", "xlsx"}

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    def clean(self):
        if self.document_id and self.document.file_extension.lower() not in self.ALLOWED_EXTENSIONS:
            raise ValidationError({"document": _("附件只能是 PDF、Word、WPS、Excel 或 OFD 文件。")})

    @property
    def display_title(self):
        return self.title or self.document.title


class PolicyRelation(Orderable):
    """A newer document (source) amends, repeals or replaces an older one (target)."""

    source = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="relations")
    target = models.ForeignKey(
        PolicyPage, verbose_name=_("被修改/废止/代替的文件"), on_delete=models.CASCADE, related_name="changed_by"
    )
    kind = models.CharField(_("关系"), max_length=20, choices=RelationKind.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True, help_text=_("如：修改第十二条、第十五条"))

    panels = [FieldPanel("kind"), PageChooserPanel("target", "policies.PolicyPage"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("文件关系")

    def invalidated_cache_tags(self):
        # The target's banner and its validity in listings follow the relation.
        return tags(page_tag(self.source_id), page_tag(self.target_id), listing_tag(PolicyPage))

    def clean(self):
        if self.target_id and self.source_id and self.target_id == self.source_id:
            raise ValidationError({"target": _("文件不能修改或废止自身。")})


class ChangeNote(Orderable):
    """A public note of a major change (更新记录)."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="change_notes")
    date = models.DateField(_("日期"), default=timezone.localdate)
    note = models.CharField(_("更新说明"), max_length=300)

    panels = [FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("更新记录")
