"""Query statistics keep what was searched and whether it found anything, never who searched."""

import pytest

from cms.search.analytics import record_search, scrub
from cms.search.models import SearchQueryStat

# Counters per query and day, incremented with F() in an update-or-create.
pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.mark.parametrize(
    "query, kept",
    [
        ("排污许可 13812345678", "排污许可 [数字]"),
        ("身份证 33010619900101123X 查询", "身份证 [数字] 查询"),
        ("举报 someone@example.com", "举报 [邮箱]"),
        ("国务院令第722号", "国务院令第722号"),
        ("PM2.5", "pm2.5"),
    ],
)
def test_personal_data_is_masked(query, kept):
    assert scrub(query) == kept


def test_searches_are_counted_per_query_and_day():
    record_search("大气", 3)
    record_search("大气", 0)
    record_search("河长制", 0)
    air = SearchQueryStat.objects.get(query="大气")
    assert (air.searches, air.empty_searches) == (2, 1)
    assert SearchQueryStat.objects.get(query="河长制").empty_searches == 1


def test_the_search_page_counts_first_pages_only(client, settings):
    settings.ELASTICSEARCH_URL = ""
    client.get("/search/", {"q": "大气"})
    client.get("/search/", {"q": "大气", "page": "2"})
    client.get("/api/search/", {"q": "大气", "kind": "policy"})
    assert SearchQueryStat.objects.get(query="大气").searches == 1
    assert not SearchQueryStat.objects.exclude(query="大气").exists()
