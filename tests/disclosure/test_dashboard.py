"""The dashboard's buckets: due within 5 working days, overdue, paused, waiting for 补正 or a fee, not yet received."""

from datetime import date

import pytest

from disclosure.dashboard import buckets
from disclosure.models import DisclosureRequest, EventKind
from disclosure.workflow import take_step
from policies.models import Division
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 9)  # a Monday; 9 February + 20 working days is Friday 13 March


def test_each_open_request_is_in_the_bucket_its_deadline_puts_it():
    division = Division.objects.create(name="大气处", slug="daqi")
    due_soon, _ = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    overdue, _ = factories.disclosure_request(submitted_on=date(2026, 1, 20))
    later, _ = factories.disclosure_request(submitted_on=date(2026, 3, 2))
    paused, _ = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    correction, _ = factories.disclosure_request(submitted_on=date(2026, 3, 2))
    unconfirmed, _ = factories.disclosure_request(submitted_on=date(2026, 3, 6), channel="online")
    fee, _ = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    for item in (paused, overdue, fee):
        take_step(None, item, EventKind.ASSIGNED, {"date": date(2026, 2, 10), "division": division})
    take_step(None, paused, EventKind.CONSULT_AGENCY, {"date": date(2026, 3, 2)})
    take_step(None, fee, EventKind.FEE_NOTICE, {"date": date(2026, 2, 24), "due_date": date(2026, 3, 24)})
    take_step(
        None, correction, EventKind.CORRECTION_REQUESTED, {"date": date(2026, 3, 3), "due_date": date(2026, 3, 20)}
    )
    found = {
        name: [item.pk for item, _clock in rows] for name, rows in buckets(DisclosureRequest.objects, TODAY).items()
    }
    assert found == {
        "due_soon": [due_soon.pk],
        "overdue": [overdue.pk],
        "paused": [paused.pk],
        "awaiting_correction": [correction.pk],
        "awaiting_fee": [fee.pk],
        "unconfirmed": [unconfirmed.pk],
    }
    assert later.pk not in sum(found.values(), [])
