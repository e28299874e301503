"""ConsultationPageQuerySet: what citizens may see of consultations, and their status, in SQL."""

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone
from wagtail.models import PageManager

from core.visibility import PublishedQuerySet

from .status import Status


class ConsultationPageQuerySet(PublishedQuerySet):
    def disclosed(self, now=None):
        """Return the consultations that have opened: before its opening time nothing of a draft reaches a citizen
        (page, files, listings, search, API), even once it was approved and published."""
        return self.filter(opens_at__lte=now or timezone.now())

    def announced(self):
        """Return the consultations citizens may find now or from their opening time on: `published()` but for the
        opening time. Search indexes them ahead and keeps each out of its answers until it opens
        (consultations.documents), since no edit happens at that moment."""
        return self.live().public().filter(removed_at__isnull=True, withdrawn_at__isnull=True)

    def with_status(self, now=None):
        """Annotate each consultation with `status_code`, the SQL form of `status.derive_status`."""
        from policies.models import PolicyPage

        from .report import FeedbackReportPage

        now = now or timezone.now()
        report = FeedbackReportPage.objects.published().filter(consultation=OuterRef("pk"))
        final = PolicyPage.objects.published().filter(pk=OuterRef("final_policy_id"))
        return self.annotate(
            status_code=Case(
                When(opens_at__gt=now, then=Value(Status.NOT_STARTED.value)),
                When(closes_at__gt=now, then=Value(Status.OPEN.value)),
                When(Exists(final), then=Value(Status.ADOPTED.value)),
                When(Exists(report), then=Value(Status.ANSWERED.value)),
                default=Value(Status.CLOSED.value),
                output_field=models.CharField(),
            )
        )

    def open_now(self, now=None):
        """Return the consultations taking comments at `now` (opened, not yet closed)."""
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def closed(self, now=None):
        """Return the consultations whose period has ended at `now`."""
        return self.filter(closes_at__lte=now or timezone.now())

    def opened_in(self, year):
        """Return the consultations that opened in `year` (Beijing time)."""
        return self.filter(opens_at__year=year)

    def years(self):
        """Return the years in which these consultations opened, newest first (the listing's year filter)."""
        return sorted({moment.year for moment in self.order_by().datetimes("opens_at", "year")}, reverse=True)

    def for_division(self, division_ids):
        """Return the consultations owned by the divisions `division_ids` (None: every division)."""
        return self if division_ids is None else self.filter(Q(division__in=division_ids))

    def newest_first(self):
        return self.order_by("-opens_at", "-pk")


ConsultationPageManager = PageManager.from_queryset(ConsultationPageQuerySet)
