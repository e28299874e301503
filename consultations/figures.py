"""The figures of a year's consultations, for the 意见征集情况 report (cms/editorial/report): per consultation and
per drafting division.

A year's consultations are those citizens could see that opened in it (Beijing time). For each: the comments
received and answered, how many were adopted (采纳) or partly adopted (部分采纳), the feedback report's publication
date and the feedback delay, in working days (core.workdays) from the day it closed to that date. A report published
after its deadline (`feedback_due`), or none by the deadline once it has passed, is late. Every figure comes from a
fixed number of queries, whatever the number of consultations.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.workdays import load_holidays, workdays_between

from .models import Answer, ConsultationPage, FeedbackReportPage, Status

NO_DIVISION = _("未指定处室")


def share(part, whole):
    """Return part / whole as a percentage rounded to one decimal, or None when there is nothing to share."""
    return round(100 * part / whole, 1) if whole else None


@dataclass
class ConsultationFigures:
    page_id: int
    title: str
    division: str
    status: Status
    opens_at: datetime
    closes_at: datetime
    comments: int
    answered: int
    adopted: int
    partly: int
    feedback_due: date
    reported_on: date | None
    delay: int | None  # working days from the closing day to the report's publication
    late: bool

    @property
    def adopted_share(self):
        """采纳（含部分采纳）among the answered comments, in percent."""
        return share(self.adopted + self.partly, self.answered)


@dataclass
class DivisionFigures:
    name: str
    consultations: int = 0
    comments: int = 0
    answered: int = 0
    adopted: int = 0
    partly: int = 0
    late: int = 0
    delays: list = field(default_factory=list)

    @property
    def adopted_share(self):
        return share(self.adopted + self.partly, self.answered)

    @property
    def average_delay(self):
        return round(sum(self.delays) / len(self.delays), 1) if self.delays else None

    def add(self, row):
        self.consultations += 1
        self.comments += row.comments
        self.answered += row.answered
        self.adopted += row.adopted
        self.partly += row.partly
        self.late += row.late
        if row.delay is not None:
            self.delays.append(row.delay)


def available_years():
    """The years in which consultations citizens can see opened, newest first."""
    return ConsultationPage.objects.published().years()


def consultation_figures(year, now=None):
    """Return ConsultationFigures of the consultations that opened in `year`, in the order they opened."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    answered = ~Q(comments__answer="")
    report_date = (
        FeedbackReportPage.objects.published()
        .filter(consultation=OuterRef("pk"))
        .order_by("date_published")
        .values("date_published")[:1]
    )
    pages = list(
        ConsultationPage.objects.published()
        .opened_in(year)
        .with_status(now)
        .select_related("division")
        .annotate(
            comment_total=Count("comments"),
            answered_total=Count("comments", filter=answered),
            adopted_total=Count("comments", filter=Q(comments__answer=Answer.ADOPTED)),
            partly_total=Count("comments", filter=Q(comments__answer=Answer.PARTLY_ADOPTED)),
            reported_on=Subquery(report_date),
        )
        .order_by("opens_at", "pk")
    )
    if not pages:
        return []
    holidays = load_holidays(start=min(timezone.localdate(page.closes_at) for page in pages))
    rows = []
    for page in pages:
        closed_on = timezone.localdate(page.closes_at)
        due = page.feedback_due(holidays)
        reported_on = page.reported_on
        delay = workdays_between(closed_on, reported_on, holidays) if reported_on else None
        late = reported_on > due if reported_on else (page.closes_at <= now and today > due)
        rows.append(
            ConsultationFigures(
                page_id=page.pk,
                title=page.title,
                division=page.division.name if page.division_id else str(NO_DIVISION),
                status=Status(page.status_code),
                opens_at=page.opens_at,
                closes_at=page.closes_at,
                comments=page.comment_total,
                answered=page.answered_total,
                adopted=page.adopted_total,
                partly=page.partly_total,
                feedback_due=due,
                reported_on=reported_on,
                delay=delay,
                late=late,
            )
        )
    return rows


def division_figures(rows):
    """Return DivisionFigures per drafting division of `rows` (ConsultationFigures), by name, and their total."""
    divisions = {}
    total = DivisionFigures(str(_("合计")))
    for row in rows:
        divisions.setdefault(row.division, DivisionFigures(row.division)).add(row)
        total.add(row)
    return [divisions[name] for name in sorted(divisions)], total
