"""The status of a consultation from the server's clock, the same in Python and SQL; nothing of a draft before it is
published and before it opens; the admin's warning about a short period."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from consultations.models import ConsultationAttachment, ConsultationPage, FeedbackReportPage, Status, derive_status
from core.visibility import visible_pages
from tests import factories

pytestmark = pytest.mark.postgresql

SECRET = "草案中尚未公开的第三条内容"


def statuses(page, now):
    python = Page.objects.get(pk=page.pk).specific.status_at(now)
    sql = ConsultationPage.objects.with_status(now).get(pk=page.pk).status_code
    return python, sql


def test_the_status_follows_the_clock_and_the_outcome_in_python_and_sql():
    now = timezone.now()
    page = factories.consultation(opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=31))
    assert statuses(page, now) == (Status.NOT_STARTED, Status.NOT_STARTED)
    assert statuses(page, page.opens_at) == (Status.OPEN, Status.OPEN)
    assert statuses(page, page.closes_at - timedelta(seconds=1)) == (Status.OPEN, Status.OPEN)
    assert statuses(page, page.closes_at) == (Status.CLOSED, Status.CLOSED)
    later = page.closes_at + timedelta(days=10)
    report = FeedbackReportPage(title="反馈", summary="<p>说明</p>", live=False)
    page.add_child(instance=report)
    assert statuses(page, later) == (Status.CLOSED, Status.CLOSED)  # a draft report is no outcome
    with time_machine.travel(later):
        report.save_revision().publish()
    assert statuses(page, later) == (Status.ANSWERED, Status.ANSWERED)
    final = factories.policy("正式文件")
    factories.revise(page, final_policy=final)
    assert statuses(page, later) == (Status.ADOPTED, Status.ADOPTED)
    assert statuses(page, page.closes_at - timedelta(seconds=1)) == (Status.OPEN, Status.OPEN)
    assert list(ConsultationPage.objects.open_now(page.opens_at)) == [page]
    assert list(ConsultationPage.objects.closed(page.closes_at)) == [page]
    assert derive_status(now, now, now + timedelta(1), True, True) == Status.OPEN


def draft_paths(page, document):
    return [page.url, f"/yijian/{page.pk}/", f"/yijian/{page.pk}/?tiao=3", document.url, f"/api/v2/pages/{page.pk}/"]


def test_nothing_of_a_draft_reaches_a_citizen_before_publication_or_before_it_opens():
    now = timezone.now()
    document = factories.document("征求意见稿全文.pdf")
    articles = ((1, "总则。"), (3, SECRET))
    unpublished = factories.consultation("未发布的草案", articles=articles, publish=False)
    unpublished.attachments.add(ConsultationAttachment(document=document))
    unpublished.save_revision()
    upcoming = factories.consultation(
        "将要征求意见的草案", articles=articles, opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=40)
    )
    upcoming.attachments.add(ConsultationAttachment(document=document))
    upcoming.save_revision().publish()
    citizen = Client()
    for page in (unpublished, upcoming):
        page.refresh_from_db()
        for path in draft_paths(page, document):
            response = citizen.get(path)
            assert response.status_code == 404, path
            assert SECRET not in response.content.decode()
    assert not visible_pages().filter(pk__in=[unpublished.pk, upcoming.pk]).exists()
    assert not ConsultationPage.objects.published().exists()
    assert SECRET not in citizen.get("/zhengqiu/").content.decode()
    assert upcoming.url not in citizen.get("/sitemap.xml").content.decode()
    assert SECRET not in citizen.get("/api/v2/pages/?type=consultations.ConsultationPage&fields=*").content.decode()
    # A post to a consultation not yet open saves nothing either.
    assert citizen.post(f"/yijian/{upcoming.pk}/", {"text": "抢先的意见"}).status_code == 404
    # Once it opens: the page, its files and the form. (Dropping cached answers at that moment is the page cache's
    # business, tested with it; here the rule alone.)
    for cache in caches.all():
        cache.clear()
    with time_machine.travel(upcoming.opens_at + timedelta(seconds=1)):
        assert citizen.get(upcoming.url).status_code == 200
        assert SECRET in citizen.get(upcoming.url).content.decode()
        assert citizen.get(document.url).status_code == 200
        assert citizen.get(f"/yijian/{upcoming.pk}/").status_code == 200
        assert upcoming.url in citizen.get("/sitemap.xml").content.decode()


def test_the_admin_warns_when_the_period_is_shorter_than_the_minimum(settings):
    factories.editorial()
    admin = factories.user("admin", superuser=True)
    now = timezone.now()
    page = factories.consultation(opens_at=now, closes_at=now + timedelta(days=20), is_major_decision=True)
    assert "只有 20 天" in page.period_warning() and "最短 30 天" in page.period_warning()
    assert factories.revise(page, is_major_decision=False).period_warning() == ""
    settings.ZHENGCE_CONSULTATION_MIN_DAYS = 21
    assert "最短 21 天" in ConsultationPage.objects.get(pk=page.pk).period_warning()
    assert factories.revise(page, closes_at=now + timedelta(days=21)).period_warning() == ""
    # Saved in the admin, the warning is shown as a message; the save goes through.
    factories.revise(page, is_major_decision=True, closes_at=now + timedelta(days=10))
    client = Client()
    client.force_login(admin)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setdefault("body-count", "0")  # the StreamField editor is drawn by JavaScript
    saved = client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)
    assert "只有 10 天" in saved.content.decode()


def test_a_period_ending_before_it_starts_is_refused():
    from django.core.exceptions import ValidationError

    now = timezone.now()
    page = factories.consultation()
    page.opens_at, page.closes_at = now, now - timedelta(hours=1)
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "截止时间必须晚于开始时间" in str(raised.value)
