"""PolicyPageQuerySet: the rules of documents in SQL (disclosure, validity, in force, the library's filters)."""

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone
from wagtail.models import PageManager

from core.visibility import PublishedQuerySet

from ..validity import RelationKind, Validity
from .disclosure import Disclosure
from .relations import PolicyRelation, in_force_by


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

    def for_listing(self):
        """Fetch what a listing row shows in the same query."""
        return self.select_related("issuing_agency", "topic", "division").newest_first()


PolicyPageManager = PageManager.from_queryset(PolicyPageQuerySet)
