"""PolicyPageQuerySet: the rules of documents in SQL (disclosure, validity, in force, the library's filters)."""

from django.db import models
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from wagtail.models import PageManager

from core.ranking import ranked_page_ids
from core.visibility import PublishedQuerySet

from ..doc_numbers import looks_like_doc_number
from ..sorting import Sort
from ..validity import RelationKind, Validity
from .disclosure import Disclosure
from .relations import PolicyRelation, in_force_by

# The library ranks this many best matches of a keyword; a keyword matching more is a filter too broad to page through.
KEYWORD_MATCHES = 500


class PolicyPageQuerySet(PublishedQuerySet):
    def disclosed(self):
        """Return the documents disclosed proactively (主动公开): only those are ever shown to citizens."""
        return self.filter(disclosure=Disclosure.PROACTIVE)

    def with_validity(self, today=None):
        """Annotate each document with `validity_code`, the SQL form of `derive_validity`."""
        today = today or timezone.localdate()
        changes = PolicyRelation.objects.filter(Q(target=OuterRef("pk")) & in_force_by(today, "source__"))
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

    def matching(self, keyword):
        """Return the documents matching `keyword`, annotated with `relevance` (1 the best match).

        A keyword that is the number of some of these documents (浙环发[2020]12号) finds those alone; other keywords
        are ranked as search ranks them, by their words (core.ranking), or, without the search app, match the
        documents whose title or summary holds them (titles first).
        """
        keyword = (keyword or "").strip()
        if not keyword:
            return self
        number = looks_like_doc_number(keyword)
        if number and self.filter(doc_number=number).exists():
            return self.filter(doc_number=number).annotate(relevance=Value(1, output_field=IntegerField()))
        ranked = ranked_page_ids(keyword, KEYWORD_MATCHES)
        if ranked is None:
            in_title = Q(title__icontains=keyword)
            return self.filter(in_title | Q(summary__icontains=keyword)).annotate(
                relevance=Case(When(in_title, then=Value(1)), default=Value(2), output_field=IntegerField())
            )
        return self.filter(pk__in=ranked).annotate(
            relevance=Case(
                *(When(pk=pk, then=Value(position)) for position, pk in enumerate(ranked, start=1)),
                output_field=IntegerField(),
            )
        )

    def sorted_by(self, sort):
        """Order by `sort` (Sort): newest or oldest publication date first, or by `relevance` (after `matching`)."""
        if sort == Sort.RELEVANCE and "relevance" in self.query.annotations:
            return self.order_by("relevance", F("date_published").desc(nulls_last=True), "-pk")
        if sort == Sort.OLDEST:
            return self.order_by(F("date_published").asc(nulls_last=True), "pk")
        return self.newest_first()

    def latest_doc_number(self):
        """Return the number of the document published last that has one (an example that exists), or ""."""
        numbered = self.exclude(doc_number="").newest_first()
        return numbered.values_list("doc_number", flat=True).first() or ""

    def years(self):
        """Return the publication years of these documents, latest first (the library's year filter)."""
        return [day.year for day in self.filter(date_published__isnull=False).dates("date_published", "year", "DESC")]

    def for_listing(self):
        """Fetch what a listing row shows in the same query."""
        return self.select_related("issuing_agency", "topic", "division").newest_first()


PolicyPageManager = PageManager.from_queryset(PolicyPageQuerySet)
