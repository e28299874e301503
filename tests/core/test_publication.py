"""The publication date (发布日期) every page type shares: its own date, else the day it first went live."""

from datetime import date, datetime, timedelta
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from home.models import NewsPage
from interpretations.models import InterpretationPage
from policies.models import PolicyPage
from tests import factories

# Ordering with nulls last, year filters and the data migration of publication dates.
pytestmark = pytest.mark.postgresql

SHANGHAI = ZoneInfo("Asia/Shanghai")


def interpretation(**fields):
    return factories.interpretation("text", [factories.policy()], **fields)


MAKERS = {
    "policy": lambda **fields: factories.policy(**{"date_published": None, **fields}),
    "interpretation": interpretation,
    "news": factories.news,
}


@pytest.mark.parametrize("kind", MAKERS)
def test_a_page_left_without_a_date_is_dated_the_day_it_goes_live(kind):
    draft = MAKERS[kind](publish=False)
    assert draft.date_published is None
    revision = draft.get_latest_revision()
    revision.publish()
    page = type(draft).objects.get(pk=draft.pk)
    assert page.date_published == timezone.localdate(page.first_published_at)
    assert page.published_at == page.first_published_at


@pytest.mark.parametrize("kind", MAKERS)
def test_a_date_of_its_own_is_kept(kind):
    page = MAKERS[kind](date_published=date(2019, 4, 24))
    assert page.date_published == date(2019, 4, 24)
    # Feeds date it at the start of that day in Beijing, not at the moment it went live here.
    assert page.published_at == datetime(2019, 4, 24, tzinfo=SHANGHAI)


def test_the_day_it_went_live_is_a_day_in_beijing():
    page = interpretation()
    # 01:30 on 10 April in Beijing is still 9 April in UTC.
    InterpretationPage.objects.filter(pk=page.pk).update(
        first_published_at=datetime(2025, 4, 10, 1, 30, tzinfo=SHANGHAI), date_published=None
    )
    page = InterpretationPage.objects.get(pk=page.pk)
    page.save()
    assert page.first_published_at.astimezone(ZoneInfo("UTC")).date() == date(2025, 4, 9)
    assert InterpretationPage.objects.get(pk=page.pk).date_published == date(2025, 4, 10)


def test_edits_and_republishing_keep_the_date():
    page = factories.news()
    # It went live last year; its edits, which leave the date blank as the editor found it, keep that day.
    last_year = timezone.now() - timedelta(days=400)
    NewsPage.objects.filter(pk=page.pk).update(first_published_at=last_year, date_published=None)
    NewsPage.objects.get(pk=page.pk).save()
    went_live = timezone.localdate(last_year)
    assert NewsPage.objects.get(pk=page.pk).date_published == went_live

    page = factories.revise(NewsPage.objects.get(pk=page.pk), title="新标题")
    assert (page.title, page.date_published) == ("新标题", went_live)
    page.unpublish()
    page.get_latest_revision().publish()
    assert NewsPage.objects.get(pk=page.pk).date_published == went_live

    dated = factories.revise(page, date_published=date(2024, 5, 6))
    assert dated.date_published == date(2024, 5, 6)
    assert factories.revise(dated, summary="改了摘要").date_published == date(2024, 5, 6)


def test_a_scheduled_page_is_dated_when_it_goes_live():
    page = interpretation(publish=False)
    page.go_live_at = timezone.now() + timedelta(days=2)
    revision = page.save_revision()
    revision.publish()
    assert InterpretationPage.objects.get(pk=page.pk).date_published is None
    # The time comes, and publish_scheduled (run every minute) publishes it.
    revision = Revision.objects.get(pk=revision.pk)
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    page = InterpretationPage.objects.get(pk=page.pk)
    assert page.live and page.date_published == timezone.localdate()


def test_listings_order_by_publication_date_and_filter_by_its_year():
    # Imported after the newer one, the 2019 document went live later.
    today = timezone.localdate()
    newer = factories.policy("去年的文件", date_published=date(today.year - 1, 3, 1))
    old, _interpretation = factories.back_catalogue()
    undated = factories.policy("无日期文件", date_published=None)
    assert old.first_published_at > newer.first_published_at
    assert list(PolicyPage.objects.published().newest_first()) == [undated, newer, old]
    assert list(PolicyPage.objects.published().published_in(2019)) == [old]
    assert list(PolicyPage.objects.published().published_in(today.year)) == [undated]
    draft = factories.policy("草稿", publish=False, date_published=None)
    assert list(PolicyPage.objects.newest_first())[-1] == draft  # last on SQLite and PostgreSQL alike


# --- existing content keeps its dates (the migrations that introduced the rule) ---------------------------------


@pytest.mark.parametrize(
    "kind, migration",
    [
        ("interpretation", "interpretations.migrations.0004_date_published"),
        ("news", "home.migrations.0004_date_published"),
    ],
)
def test_a_pending_draft_keeps_the_date_it_was_saved_with(kind, migration):
    page = MAKERS[kind](date_published=date(2024, 3, 1))
    draft = factories.revise(page, publish=False, summary="待审核的修改")
    # The revision as it was stored before the field took its new name.
    revision = draft.get_latest_revision()
    revision.content["date"] = revision.content.pop("date_published")
    revision.save(update_fields=["content"])

    import_module(migration).forwards(apps, None)

    revision = Revision.objects.get(pk=revision.pk)
    assert "date" not in revision.content and revision.as_object().date_published == date(2024, 3, 1)
    revision.publish()
    assert type(page).objects.get(pk=page.pk).date_published == date(2024, 3, 1)


def test_published_documents_without_a_date_get_the_day_they_went_live():
    dated = factories.policy("有日期的文件", date_published=date(2019, 4, 19))
    undated = factories.policy("没有日期的文件", date_published=None)
    draft = factories.policy("草稿", publish=False, date_published=None)
    PolicyPage.objects.filter(pk=undated.pk).update(
        first_published_at=datetime(2025, 4, 10, 1, 30, tzinfo=SHANGHAI), date_published=None
    )

    import_module("policies.migrations.0003_date_published_defaults_to_going_live").date_published_from_going_live(
        apps, None
    )

    dates = dict(PolicyPage.objects.values_list("pk", "date_published"))
    assert (dates[dated.pk], dates[undated.pk], dates[draft.pk]) == (date(2019, 4, 19), date(2025, 4, 10), None)
