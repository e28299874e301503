"""The figures of a year's report computed from the records: the policy library (表二), the requests (表三) and the
administrative reviews and suits (表四). Each returns {cell key: count} for the cells of layout.stored_keys().

Requests are placed in the year by the clock's dates: a request counts from the day it was received (第三十一条,
``DisclosureRequest.received_on``; a request not yet confirmed, from the day it was submitted) and is handled on the
day of its answer. So, for year Y:
- 本年新收: received in Y;
- 上年结转: received before Y and not answered before Y;
- 本年度办理结果: answered in Y, by the answer's type and sub-reason;
- 结转下年度: received by the end of Y and not answered by then.
Each column then balances by construction (新收 + 结转 = 办理 + 结转下年度), whatever happens after the year.
"""

from collections import Counter
from datetime import date

from policies.models import PolicyPage
from policies.validity import Validity

from ..codes import EventKind, RemedyOutcome
from ..events import RequestEvent
from ..requests import DisclosureRequest
from . import layout

# The library's 文件类别 that names a 规章 (the field is free text: 规章, 政府规章 …).
RULE_CATEGORY = "规章"
GONE = (Validity.REPEALED, Validity.EXPIRED)


def year_bounds(year):
    return date(year, 1, 1), date(year, 12, 31)


def document_figures(year):
    """表二 第二十条第（一）项: rules and normative documents issued, repealed and in force at the end of `year`."""
    _first, last = year_bounds(year)
    published = PolicyPage.objects.published()
    kinds = {
        layout.RULES: published.filter(category__contains=RULE_CATEGORY),
        layout.NORMATIVE: published.filter(is_normative=True),
    }
    cells = {}
    for row, documents in kinds.items():
        known_at_end = documents.filter(date_published__lte=last)
        gone_at_end = set(known_at_end.with_validity_in(GONE, today=last).values_list("pk", flat=True))
        before = date(year - 1, 12, 31)
        gone_before = set(known_at_end.with_validity_in(GONE, today=before).values_list("pk", flat=True))
        cells[layout.key(layout.ACTIVE, row, layout.ISSUED)] = documents.published_in(year).count()
        cells[layout.key(layout.ACTIVE, row, layout.REPEALED)] = len(gone_at_end - gone_before)
        cells[layout.key(layout.ACTIVE, row, layout.IN_FORCE)] = known_at_end.in_force(today=last).count()
    return cells


def _column(request):
    return request.organisation_type if request.organisation_type else request.applicant_type


def request_figures(year):
    """表三: the requests by applicant type, received, carried over, handled by outcome and carried forward."""
    first, last = year_bounds(year)
    answers = {}
    for request_id, day, answer_type, reason in (
        RequestEvent.objects.filter(kind=EventKind.ANSWERED, date__lte=last)
        .order_by("date", "pk")
        .values_list("request_id", "date", "answer_type", "answer_reason")
    ):
        answers.setdefault(request_id, (day, answer_type, reason))  # the first answer closes the request
    counts = Counter()
    candidates = DisclosureRequest.objects.filter(submitted_on__lte=last).only(
        "applicant_type", "organisation_type", "channel", "submitted_on", "signed_on", "confirmed_on"
    )
    for request in candidates:
        received = request.received_on or request.submitted_on
        if received > last:
            continue
        column = _column(request)
        answer = answers.get(request.pk)
        if answer and answer[0] < first:
            continue  # answered in an earlier year
        counts[(layout.NEW if received >= first else layout.CARRIED_OVER, column)] += 1
        if answer is None:
            counts[(layout.CARRIED_FORWARD, column)] += 1
        else:
            _day, answer_type, reason = answer
            counts[(reason or layout.OUTCOME_OF_ANSWER.get(answer_type, answer_type), column)] += 1
    return {
        layout.key(layout.REQUESTS, row, column): counts[(row, column)]
        for row in layout.REQUEST_STORED_ROWS
        for column in layout.APPLICANT_COLUMNS
    }


def remedy_figures(year):
    """表四: the reviews and suits brought in `year`, by their outcome at the end of it (decided later: 尚未审结)."""
    first, last = year_bounds(year)
    counts = Counter()
    for kind, after_review, outcome, decided in RequestEvent.objects.filter(
        kind__in=(EventKind.ADMINISTRATIVE_REVIEW, EventKind.LITIGATION), date__gte=first, date__lte=last
    ).values_list("kind", "after_review", "outcome", "end_date"):
        if kind == EventKind.ADMINISTRATIVE_REVIEW:
            group = layout.REVIEW
        else:
            group = layout.SUIT_AFTER_REVIEW if after_review else layout.DIRECT_SUIT
        if not outcome or (decided and decided > last):
            outcome = RemedyOutcome.PENDING
        counts[(group, outcome)] += 1
    return {
        layout.key(layout.REMEDIES, group, column): counts[(group, column)]
        for group, _label in layout.REMEDY_GROUPS
        for column in RemedyOutcome.values
    }


def compute(year):
    """Return every computed cell of `year`'s report."""
    return {**document_figures(year), **request_figures(year), **remedy_figures(year)}
