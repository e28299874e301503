"""Retention: anonymise_disclosure_requests removes the personal data and the scans of requests archived more than
ZHENGCE_DISCLOSURE_RETENTION_YEARS ago, and every count stays the same."""

import os
from collections import Counter
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from disclosure.models import DisclosureRequest, EventKind, RequestAttachment, RequestEvent
from disclosure.workflow import take_step
from tests import factories

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")


def archived(submitted_on, answered_on, archived_on, **fields):
    item, _code = factories.disclosure_request(submitted_on=submitted_on, **fields)
    answer = {"date": answered_on, "answer_type": "partly", "note": "电话告知李明"}
    take_step(None, item, EventKind.ANSWERED, answer)
    take_step(None, item, EventKind.ARCHIVED, {"date": archived_on})
    return item


def counts():
    """What the annual report and the dashboard count, request by request and event by event."""
    requests = Counter(
        DisclosureRequest.objects.values_list(
            "applicant_type", "organisation_type", "channel", "submitted_on", "signed_on", "confirmed_on", "state"
        )
    )
    events = Counter(
        RequestEvent.objects.values_list(
            "request_id", "kind", "date", "end_date", "answer_type", "answer_reason", "outcome"
        )
    )
    return requests, events


def run(*args):
    out = StringIO()
    with time_machine.travel(datetime(2026, 6, 1, 3, tzinfo=BEIJING), tick=False):
        call_command("anonymise_disclosure_requests", *args, stdout=out)
    return out.getvalue()


def test_old_archived_requests_lose_personal_data_and_scans_and_every_count_stays(django_capture_on_commit_callbacks):
    old = archived(
        date(2015, 3, 2),
        date(2015, 3, 20),
        date(2016, 5, 31),
        applicant_type="organisation",
        organisation_type="research",
        name="某研究院",
        address="杭州市某路1号",
        purpose="课题研究",
    )
    scan = RequestAttachment.objects.create(request=old, file=SimpleUploadedFile("来信.pdf", factories.PDF))
    path = scan.file.path
    # A third party consulted, a person (recorded as the step records it, the request being answered already).
    old.events.create(
        kind=EventKind.CONSULT_THIRD_PARTY, date=date(2015, 3, 5), end_date=date(2015, 3, 9), party="王五"
    )
    take_step(None, old, EventKind.ADMINISTRATIVE_REVIEW, {"date": date(2015, 5, 6), "outcome": "pending"})
    review = old.events.get(kind=EventKind.ADMINISTRATIVE_REVIEW)
    take_step(None, old, EventKind.REMEDY_DECIDED, {"date": date(2015, 8, 1), "remedy": review, "outcome": "upheld"})
    recent = archived(date(2016, 5, 2), date(2016, 5, 20), date(2016, 6, 2))  # archived 9 years 364 days ago
    pending = archived(date(2015, 3, 2), date(2015, 3, 20), date(2015, 4, 1))
    take_step(None, pending, EventKind.LITIGATION, {"date": date(2015, 6, 1), "outcome": "pending"})
    before = counts()
    assert old.letters.exists()  # the answer letter names the applicant

    dry = run("--dry-run")
    assert "[1/1] 将匿名化 " + old.number in dry and "未做任何修改" in dry
    assert DisclosureRequest.objects.get(pk=old.pk).name == "某研究院"

    with django_capture_on_commit_callbacks(execute=True):  # the files go once the change is committed
        assert "完成，匿名化 1 件" in run()
    assert counts() == before
    old.refresh_from_db()
    assert old.name == "（已匿名化）" and old.anonymised_on == date(2026, 6, 1)
    personal = ("id_document", "phone", "email", "address", "purpose", "description", "secret_hash")
    assert all(getattr(old, field) == "" for field in personal)
    assert not old.events.exclude(note="").exists() and not old.events.exclude(party="").exists()
    assert not old.attachments.exists() and not os.path.exists(path)
    assert not old.letters.exists()
    assert ModelLogEntry.objects.filter(action="disclosure.anonymised", object_id=str(old.pk)).count() == 1
    # Inside the window, or with a lawsuit not yet decided: untouched.
    for item in (recent, pending):
        item.refresh_from_db()
        assert item.name == "李明" and item.phone and item.letters.exists() and item.anonymised_on is None
    assert "完成，匿名化 0 件" in run()  # idempotent
