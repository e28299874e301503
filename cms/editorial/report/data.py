"""The 解读情况 report: what a year's interpretations look like against the 三同步 rules.

For a year, by publication date (发布日期, core.publication): a document or interpretation imported with its
own date counts in that date's year, not in the year it went live on this site.

(a) published documents that need an interpretation (行政规范性文件, or marked 需要解读) and have no live
    interpretation; those with a recorded exemption (不解读的理由) are listed separately with the reason;
(b) interpretations published late: later than ``add_workdays(document date, ZHENGCE_INTERPRETATION_WORKDAYS)``
    for a document they interpret, both by publication date (one row per late interpretation–document pair);
    an interpretation published together with or before its document is on time;
(c) live interpretations published in the year, counted per drafting division and per kind;
(d) interpretations in the year by each 第一解读人, flagging those below ``FIRST_INTERPRETER_MINIMUM``;
(e) the 新媒体发布记录 of the year (sharing/): where and when staff posted a page on the new-media accounts.

Every figure comes from a fixed number of queries, whatever the number of documents.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.workdays import add_workdays, load_holidays, workdays_between
from interpretations.models import InterpretationPage, Kind, PolicyLink
from interpretations.snippets import Person
from policies.models import Division, PolicyPage
from sharing.models import PublicationRecord

# The plan requires the department head (第一解读人) to interpret in person at least twice a year.
FIRST_INTERPRETER_MINIMUM = 2
NO_DIVISION = _("未指定处室")


def current_year():
    return timezone.localdate().year


def available_years():
    """Return the years to offer, newest first: from the earliest published document or interpretation to now."""
    firsts = [
        model.objects.published().aggregate(first=Min("date_published"))["first"]
        for model in (PolicyPage, InterpretationPage)
    ]
    this_year = current_year()
    start = min((first.year for first in firsts if first), default=this_year)
    return list(range(this_year, min(start, this_year) - 1, -1))


def published_interpretations(year):
    """Live, public interpretations (not withdrawn or removed) published in `year`."""
    return InterpretationPage.objects.published().published_in(year)


# --- (a) documents without an interpretation ------------------------------------------------------------


@dataclass
class UninterpretedPolicy:
    page_id: int
    title: str
    doc_number: str
    division: str
    published_on: date
    is_normative: bool
    exemption: str

    @property
    def reason(self):
        """Why the document needs an interpretation."""
        return _("行政规范性文件") if self.is_normative else _("需要解读")


def uninterpreted_policies(year):
    """Return the published documents of `year` that need an interpretation and have none live, oldest first."""
    live_interpretation = InterpretationPage.objects.published().filter(policy_links__policy=OuterRef("pk"))
    rows = (
        PolicyPage.objects.published()
        .published_in(year)
        .filter(Q(is_normative=True) | Q(needs_interpretation=True))
        .filter(~Exists(live_interpretation))
        .order_by("date_published", "pk")
        .values(
            "pk",
            "title",
            "doc_number",
            "division__name",
            "date_published",
            "is_normative",
            "interpretation_exemption",
        )
    )
    return [
        UninterpretedPolicy(
            page_id=row["pk"],
            title=row["title"],
            doc_number=row["doc_number"],
            division=row["division__name"] or str(NO_DIVISION),
            published_on=row["date_published"],
            is_normative=row["is_normative"],
            exemption=(row["interpretation_exemption"] or "").strip(),
        )
        for row in rows
    ]


# --- (b) late interpretations ---------------------------------------------------------------------------


@dataclass
class LateInterpretation:
    page_id: int
    title: str
    kind: str
    division: str
    published_on: date
    policy_id: int
    policy_title: str
    policy_published_on: date
    deadline: date
    days_late: int

    @property
    def kind_label(self):
        return Kind(self.kind).label if self.kind in Kind.values else self.kind


def days_late(deadline, published_on, holidays):
    """Working days missed after `deadline`; at least 1 once the deadline has passed.

    Publication on a day off right after the deadline (a Saturday after a Friday deadline) has missed
    the deadline without a working day in between; it counts as 1.
    """
    if published_on <= deadline:
        return 0
    return max(1, workdays_between(deadline, published_on, holidays))


def late_interpretations(year, interpretations=None, workdays=None, holidays=None):
    """Return the (interpretation, document) pairs of `year` where the interpretation came too late."""
    if interpretations is None:
        interpretations = published_interpretations(year)
    if workdays is None:
        workdays = settings.ZHENGCE_INTERPRETATION_WORKDAYS
    # Documents that never went live have no place in the 三同步 rule.
    links = list(
        PolicyLink.objects.filter(
            page__in=interpretations, policy__first_published_at__isnull=False, policy__date_published__isnull=False
        )
        .annotate(published_on=F("page__date_published"), policy_published_on=F("policy__date_published"))
        .order_by("page__date_published", "page_id", "policy_id")
        .values(
            "page_id",
            "page__title",
            "page__kind",
            "page__division__name",
            "published_on",
            "policy_id",
            "policy__title",
            "policy_published_on",
        )
    )
    if not links:
        return []
    if holidays is None:
        holidays = load_holidays(start=min(link["policy_published_on"] for link in links))
    late = []
    for link in links:
        deadline = add_workdays(link["policy_published_on"], workdays, holidays)
        missed = days_late(deadline, link["published_on"], holidays)
        if missed:
            late.append(
                LateInterpretation(
                    page_id=link["page_id"],
                    title=link["page__title"],
                    kind=link["page__kind"],
                    division=link["page__division__name"] or str(NO_DIVISION),
                    published_on=link["published_on"],
                    policy_id=link["policy_id"],
                    policy_title=link["policy__title"],
                    policy_published_on=link["policy_published_on"],
                    deadline=deadline,
                    days_late=missed,
                )
            )
    return late


# --- (c) counts per division and kind -------------------------------------------------------------------


@dataclass
class KindCount:
    kind: str
    label: str
    count: int


@dataclass
class DivisionCount:
    division_id: int | None
    name: str
    by_kind: list  # KindCount for every kind, in Kind order
    total: int


@dataclass
class Counts:
    by_division: list
    by_kind: list
    total: int


def interpretation_counts(year, interpretations=None):
    """Count the year's live interpretations per division (every division, even at 0) and per kind."""
    if interpretations is None:
        interpretations = published_interpretations(year)
    cells = {
        (row["division"], row["kind"]): row["n"]
        for row in interpretations.order_by().values("division", "kind").annotate(n=Count("pk"))
    }
    divisions = [(division.pk, division.name) for division in Division.objects.order_by("sort_order", "name")]
    if any(division_id is None for division_id, _kind in cells):
        divisions.append((None, str(NO_DIVISION)))

    def kind_counts(division_id):
        return [KindCount(kind, label, cells.get((division_id, kind), 0)) for kind, label in Kind.choices]

    by_division = []
    for division_id, name in divisions:
        by_kind = kind_counts(division_id)
        by_division.append(DivisionCount(division_id, name, by_kind, sum(k.count for k in by_kind)))
    by_kind = [
        KindCount(kind, label, sum(n for (_division, k), n in cells.items() if k == kind))
        for kind, label in Kind.choices
    ]
    return Counts(by_division=by_division, by_kind=by_kind, total=sum(cells.values()))


# --- (d) the 第一解读人 ------------------------------------------------------------------------------------


@dataclass
class InterpreterCount:
    person_id: int
    name: str
    position: str
    count: int
    minimum: int = FIRST_INTERPRETER_MINIMUM

    @property
    def below_minimum(self):
        return self.count < self.minimum


def first_interpreters(year, interpretations=None):
    """Return each 第一解读人 with the number of live interpretations they gave in `year`."""
    if interpretations is None:
        interpretations = published_interpretations(year)
    people = (
        Person.objects.filter(role=Person.Role.FIRST_INTERPRETER)
        .annotate(n=Count("interpretations", filter=Q(interpretations__in=interpretations.values("pk"))))
        .order_by("name", "pk")
    )
    return [InterpreterCount(person.pk, person.name, person.position, person.n) for person in people]


# --- (e) new media ------------------------------------------------------------------------------------


@dataclass
class NewMediaPost:
    page_id: int
    title: str
    kind: str
    platform: str
    posted_at: object
    url: str
    entered_by: str


def new_media_posts(year):
    """Return the 新媒体发布记录 posted in `year` (Beijing time), newest first, with their pages' titles and types."""
    records = PublicationRecord.objects.posted_in(year).select_related("page__content_type", "entered_by")
    return [
        NewMediaPost(
            page_id=record.page_id,
            title=record.page.title,
            kind=record.page.content_type.name,
            platform=str(record.platform_label),
            posted_at=timezone.localtime(record.posted_at),
            url=record.url,
            entered_by=record.entered_by_name,
        )
        for record in records
    ]


# --- the whole report -----------------------------------------------------------------------------------


@dataclass
class Report:
    year: int
    workdays: int
    uninterpreted: list = field(default_factory=list)  # need an interpretation, none live, no exemption
    exempted: list = field(default_factory=list)  # same, with a recorded exemption
    late: list = field(default_factory=list)
    counts: Counts = None
    first_interpreters: list = field(default_factory=list)
    new_media: list = field(default_factory=list)
    minimum: int = FIRST_INTERPRETER_MINIMUM

    @property
    def late_interpretation_count(self):
        """The number of distinct interpretations with at least one late document."""
        return len({row.page_id for row in self.late})

    @property
    def flagged_interpreters(self):
        return [person for person in self.first_interpreters if person.below_minimum]


def build_report(year=None):
    """Compute every section of the report for `year` (default: this year in Asia/Shanghai)."""
    year = year or current_year()
    interpretations = published_interpretations(year)
    policies = uninterpreted_policies(year)
    return Report(
        year=year,
        workdays=settings.ZHENGCE_INTERPRETATION_WORKDAYS,
        uninterpreted=[p for p in policies if not p.exemption],
        exempted=[p for p in policies if p.exemption],
        late=late_interpretations(year, interpretations),
        counts=interpretation_counts(year, interpretations),
        first_interpreters=first_interpreters(year, interpretations),
        new_media=new_media_posts(year),
    )
