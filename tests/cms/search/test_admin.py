"""Search in the admin: the synonym list and the 检索统计 report, with who may see it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.editorial.roles.groups import EDITOR_GROUP, OFFICE_GROUP, PUBLICITY_GROUP
from cms.search.models import SearchQueryStat, SynonymGroup
from tests import factories

# Sums of search statistics over a period of days.
pytestmark = pytest.mark.postgresql

REPORT_URL = "/admin/reports/search-queries/"
SYNONYMS_URL = "/admin/snippets/cms_search/synonymgroup/"


@pytest.fixture(autouse=True)
def without_engine(settings):
    settings.ELASTICSEARCH_URL = ""


def signed_in(client, username, *groups, superuser=False):
    factories.user(username, *groups, superuser=superuser)
    assert client.login(username=username, password="pw")
    return client


# --- synonyms ---------------------------------------------------------------------------------------------


@pytest.fixture
def no_synonyms():
    """Start from an empty table, without the starter groups of the data migration."""
    SynonymGroup.objects.all().delete()


def test_a_synonym_group_is_created_in_the_admin_and_normalised(client, no_synonyms):
    signed_in(client, "admin", superuser=True)
    assert SYNONYMS_URL in client.get("/admin/").content.decode()
    response = client.post(SYNONYMS_URL + "add/", {"terms": " 环评，环境影响评价, 环评 ", "note": "常用简称"})
    assert response.status_code == 302
    group = SynonymGroup.objects.get()
    assert (group.terms, group.note) == ("环评、环境影响评价", "常用简称")
    listing = client.get(SYNONYMS_URL).content.decode()
    assert "环评、环境影响评价" in listing and "常用简称" in listing


def test_a_single_term_is_refused_with_the_reason(client, no_synonyms):
    signed_in(client, "admin", superuser=True)
    response = client.post(SYNONYMS_URL + "add/", {"terms": "环评", "note": ""})
    assert response.status_code == 200
    assert "至少填写两个词，用逗号或顿号分隔。" in response.content.decode()
    assert response.context["form"].errors["terms"] == ["至少填写两个词，用逗号或顿号分隔。"]
    assert not SynonymGroup.objects.exists()


def test_an_edited_synonym_group_is_normalised_too(client, no_synonyms):
    group = SynonymGroup.objects.create(terms="环评、环境影响评价")
    signed_in(client, "admin", superuser=True)
    response = client.post(f"{SYNONYMS_URL}edit/{group.pk}/", {"terms": "环评；环境影响评价；EIA", "note": ""})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.terms == "环评、环境影响评价、eia"


# --- the statistics report --------------------------------------------------------------------------------


@pytest.fixture
def stats():
    today = timezone.localdate()

    def add(days_ago, query, searches, empty=0):
        SearchQueryStat.objects.create(
            date=today - timedelta(days=days_ago), query=query, searches=searches, empty_searches=empty
        )

    add(0, "大气", 5)
    add(3, "大气", 4, 1)
    add(20, "大气", 10)
    add(1, "排污许可", 6)
    add(2, "碳普惠", 3, 3)
    add(10, "碳普惠", 2, 2)
    add(25, "河长制", 1, 1)
    add(40, "大气", 100)  # outside 30 days
    add(60, "旧词", 50, 50)  # outside 30 days


def table(content, section_id):
    return content.split(f'id="{section_id}"')[1].split("</section>")[0]


def test_the_report_sums_the_last_30_days(client, stats):
    factories.editorial()
    signed_in(client, "office", OFFICE_GROUP)
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "检索统计" in content
    top = table(content, "report-top")
    assert 'data-searches="大气">19<' in top and 'data-empty="大气">1<' in top
    assert 'data-searches="排污许可">6<' in top and 'data-searches="碳普惠">5<' in top
    assert top.index("大气") < top.index("排污许可") < top.index("碳普惠") < top.index("河长制")
    assert "旧词" not in content
    empty = table(content, "report-empty")
    assert 'data-empty-only="碳普惠">5<' in empty and 'data-empty-only="河长制">1<' in empty
    assert "排污许可" not in empty
    assert [(row["query"], row["total_empty"]) for row in response.context["empty_queries"]] == [
        ("碳普惠", 5),
        ("大气", 1),  # a tie is in the order of the query text
        ("河长制", 1),
    ]
    assert [row["query"] for row in response.context["top_queries"]] == ["大气", "排污许可", "碳普惠", "河长制"]
    assert '<option value="30" selected>' in content


def test_the_period_can_be_chosen(client, stats):
    factories.editorial()
    signed_in(client, "xuanjiao", PUBLICITY_GROUP)
    content = client.get(REPORT_URL, {"days": 7}).content.decode()
    assert 'data-searches="大气">9<' in content and "河长制" not in content
    assert '<option value="7" selected>' in content
    content = client.get(REPORT_URL, {"days": 90}).content.decode()
    assert 'data-searches="大气">119<' in content and 'data-empty-only="旧词">50<' in content


@pytest.mark.parametrize("days", ["bogus", "-1", "0", "365", "1e9", ""])
def test_a_bogus_period_falls_back_to_30_days(client, stats, days):
    signed_in(client, "admin", superuser=True)
    response = client.get(REPORT_URL, {"days": days})
    assert response.status_code == 200
    assert response.context["days"] == 30


def test_an_empty_report(client):
    signed_in(client, "admin", superuser=True)
    content = client.get(REPORT_URL).content.decode()
    assert "这段时间没有检索记录。" in content and "这段时间没有无结果的检索。" in content


def test_a_division_editor_is_refused(client, stats):
    factories.editorial()
    signed_in(client, "daqi_editor", EDITOR_GROUP.format(division="大气处"))
    assert client.get(REPORT_URL).status_code == 403
    assert REPORT_URL not in client.get("/admin/").content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(REPORT_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("groups,superuser", [((OFFICE_GROUP,), False), ((PUBLICITY_GROUP,), False), ((), True)])
def test_the_reports_menu_shows_the_report_to_its_readers(client, groups, superuser):
    factories.editorial()
    signed_in(client, "reader", *groups, superuser=superuser)
    assert REPORT_URL in client.get("/admin/").content.decode()
    assert client.get(REPORT_URL).status_code == 200
