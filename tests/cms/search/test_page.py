"""The search page and the title suggestions, answered from the database (no Elasticsearch involved)."""

import html
import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.search import engine, service
from cms.search.results import FacetValue, Hit, SearchResults
from tests import factories, shared_data

# The search page answered by the database search backend: matching, facets, ordering.
pytestmark = [pytest.mark.postgresql, pytest.mark.xdist_group("test_search_page")]


def build_library():
    air = factories.policy(
        "浙江省大气污染防治办法",
        doc_number="浙环发〔2020〕12号",
        body_text="第一条 为了保护环境，制定本办法。\n\n第十二条 重污染天气应当及时发布大气预警。",
    )
    permits = factories.policy(
        "关于大气排污许可的通知",
        doc_number="浙环发〔2021〕7号",
        topic="环评与排污许可",
        body_text="第一条 排污单位应当持证排污。",
        date_published=date(2021, 3, 1),
    )
    return {"air": air, "permits": permits}


@pytest.fixture(scope="module")
def built_library(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build_library)


@pytest.fixture
def library(built_library):
    return shared_data.fresh(built_library)


def page(client, **query):
    response = client.get("/search/", query)
    assert response.status_code == 200
    return response.content.decode()


def hrefs(content, text):
    """Return the query of each link whose text starts with `text`, as {name: value}."""
    found = []
    for chunk in content.split("<a ")[1:]:
        attributes, _, rest = chunk.partition(">")
        if rest.lstrip().startswith(text) and 'href="' in attributes:
            url = html.unescape(attributes.split('href="')[1].split('"')[0])
            found.append({key: values[0] for key, values in parse_qs(urlsplit(url).query).items()})
    return found


def test_facets_are_links_with_counts(client, library):
    content = page(client, q="大气")
    assert "找到 2 条结果" in content
    facets = content.split('class="search-facets"')[1]
    assert "主题分类" in facets and "发文机关" in facets and "有效性" in facets
    assert hrefs(facets, "环评与排污许可") == [{"q": "大气", "topic": "环评与排污许可"}]
    assert '环评与排污许可 <span class="search-facets__count">(1)</span>' in facets
    assert '政策文件 <span class="search-facets__count">(2)</span>' in facets
    assert hrefs(facets, "2021") == [{"q": "大气", "year": "2021"}]


def test_a_selected_facet_is_marked_and_can_be_removed(client, library):
    content = page(client, q="大气", topic="环评与排污许可")
    assert "找到 1 条结果" in content
    facets = content.split('class="search-facets"')[1]
    assert '<span aria-current="true">环评与排污许可 <span class="search-facets__count">(1)</span></span>' in facets
    # The topic facet ignores its own filter, so the other topic stays offered with the topic replaced.
    assert hrefs(facets, "大气环境") == [{"q": "大气", "topic": "大气环境"}]
    assert hrefs(facets, "取消") == [{"q": "大气"}]
    # Other facets keep the topic.
    assert hrefs(facets, "2021") == [{"q": "大气", "topic": "环评与排污许可", "year": "2021"}]


NOTICE = "检索服务暂时不可用，以下为简化检索结果"


def test_without_elasticsearch_the_database_is_the_search_and_says_nothing_is_missing(client, library):
    # The default of `make run`: no ELASTICSEARCH_URL.
    content = page(client, q="大气")
    assert "浙江省大气污染防治办法" in content and NOTICE not in content
    api = client.get("/api/search/", {"q": "大气"})
    assert api.json()["engine"] == "database" and "no-cache" not in api.get("Cache-Control", "")


def test_the_notice_shows_when_elasticsearch_is_configured_but_unreachable(client, library, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # the discard port: nothing listens there
    engine.mark_up()
    try:
        assert NOTICE not in page(client)
        content = page(client, q="大气")
        assert f'<p class="notice" role="status">{NOTICE}</p>' in content
        assert "浙江省大气污染防治办法" in content
        assert NOTICE in page(client, topic="大气环境")
    finally:
        engine.mark_up()


def fake_results(params, **fields):
    hit = Hit(
        id=1,
        title="浙江省大气污染防治办法",
        url="/zhengce/air/",
        kind="policy",
        kind_label="政策文件",
        snippet="重污染天气应当及时发布<mark>大气</mark>预警。",
        article="第十二条",
        article_url="/zhengce/air/#article-12",
        published=date(2020, 6, 10),
        status="repealed",
        status_label="已废止",
        doc_number="浙环发〔2020〕12号",
    )
    values = {"engine": "elasticsearch", "count": 1, "hits": [hit], **fields}
    return SearchResults(params=params, **values)


def test_the_suggestion_links_to_its_search(client, monkeypatch):
    monkeypatch.setattr(service, "search", lambda params: fake_results(params, suggestion="大气污染"))
    content = page(client, q="大汽污染")
    assert "您是不是要找：" in content
    assert hrefs(content, "大气污染</a>") == [{"q": "大气污染"}]
    assert "检索服务暂时不可用" not in content


def test_no_suggestion_no_line(client, monkeypatch):
    monkeypatch.setattr(service, "search", lambda params: fake_results(params))
    assert "您是不是要找" not in page(client, q="大气")


def test_a_hit_shows_its_metadata_and_links_to_its_article(client, monkeypatch):
    promoted = Hit(id=2, title="大气专题", url="/zhuanti/air/", kind="page", kind_label="page", promoted=True)
    monkeypatch.setattr(service, "search", lambda params: fake_results(params, promoted=[promoted]))
    content = page(client, q="大气")
    assert '<a href="/zhengce/air/#article-12">→ 第十二条</a>' in content
    assert '<span class="status-badge status-badge--repealed">已废止</span>' in content
    assert "浙环发〔2020〕12号" in content and '<time datetime="2020-06-10">' in content
    assert "重污染天气应当及时发布<mark>大气</mark>预警。" in content
    # The staff pick comes first and is marked; a kind without a label shows no bare code.
    results = content.split('class="search-results"')[1]
    assert results.index("大气专题") < results.index("浙江省大气污染防治办法")
    assert "推荐</span>" in results.split("大气专题")[0]
    assert '<span class="kind-label">page</span>' not in content


def test_the_article_link_on_the_database_path(client, library):
    content = page(client, q="重污染天气")
    assert f'<a href="{library["air"].url}#article-12">→ 第十二条</a>' in content


def test_script_in_a_title_or_summary_is_escaped(client):
    factories.policy(
        "<script>alert(1)</script>大气通知",
        summary='大气<img src=x onerror="alert(2)"><script>alert(3)</script>',
        body_text="",
    )
    content = page(client, q="大气")
    assert "大气通知" in content
    assert "<script>alert" not in content and "<img src=x" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_sort_and_pagination_links_keep_the_filters(client):
    for number in range(12):
        factories.policy(f"大气监测通知第{number}号", date_published=date(2020, 1, number + 1))
    content = page(client, q="大气", topic="大气环境", sort="newest")
    assert "找到 12 条结果" in content
    sort = content.split('class="search-sort"')[1].split("</nav>")[0]
    assert hrefs(sort, "最早发布") == [{"q": "大气", "topic": "大气环境", "sort": "oldest"}]
    assert hrefs(sort, "相关度") == [{"q": "大气", "topic": "大气环境"}]
    assert '<a href="/search/?q=%E5%A4%A7%E6%B0%94&amp;topic=' in sort
    assert 'aria-current="true">最新发布' in sort
    pagination = content.split('class="pagination"')[1].split("</nav>")[0]
    assert hrefs(pagination, "下一页") == [{"q": "大气", "topic": "大气环境", "sort": "newest", "page": "2"}]
    second = page(client, q="大气", topic="大气环境", sort="newest", page=2)
    assert '<ol class="search-results" start="11">' in second
    assert "大气监测通知第1号" in second and "大气监测通知第11号" not in second
    assert hrefs(second.split('class="pagination"')[1], "上一页")[0]["page"] == "1"


def test_a_page_past_the_last_offers_the_first(client, library):
    content = page(client, q="大气", page=5)
    assert "本页没有结果" in content
    assert hrefs(content, "返回第一页") == [{"q": "大气"}]


@pytest.mark.parametrize("query", ["", "<script>", "a" * 500, "\x00", "大气 AND"])
def test_any_input_renders(client, library, query):
    assert page(client, q=query)


def test_the_suggest_api_returns_titles(client, library):
    response = client.get("/api/search/suggest/", {"q": "大气"})
    assert response.status_code == 200
    titles = {item["title"]: item["url"] for item in response.json()["results"]}
    assert titles == {"浙江省大气污染防治办法": library["air"].url, "关于大气排污许可的通知": library["permits"].url}
    assert client.get("/api/search/suggest/", {"q": ""}).json() == {"results": []}


def test_every_page_loads_the_suggestion_script(client):
    assert '<script defer src="/static/js/search-suggest.js"></script>' in page(client)


def test_the_template_reads_only_the_results(client, monkeypatch, settings):
    # The page cache, on a miss, asks what the clock will change (cms/cache/timed.py): not the template's doing.
    settings.ZHENGCE_PAGE_CACHE_ENABLED = False
    facets = {"topic": [FacetValue("大气环境", "大气环境", 3, selected=True)]}
    monkeypatch.setattr(service, "search", lambda params: fake_results(params, facets=facets))
    with CaptureQueriesContext(connection) as queries:
        content = page(client, q="大气", topic="大气环境")
    assert '<span aria-current="true">大气环境 <span class="search-facets__count">(3)</span></span>' in content
    assert "主题分类：大气环境" in content
    # The layout's site settings are the only queries; nothing the results page adds touches the database.
    tables = {re.search(r'(?:FROM|INTO) "(\w+)"|SAVEPOINT', query["sql"]).group(1) for query in queries}
    assert tables <= {"wagtailcore_site", "home_sitesettings", None}


def test_links_encode_the_query(client, monkeypatch):
    monkeypatch.setattr(service, "search", lambda params: fake_results(params, count=45))
    content = page(client, q="大气&污染 #1", page=2)
    pagination = content.split('class="pagination"')[1].split("</nav>")[0]
    assert 'href="?q=%E5%A4%A7%E6%B0%94%26%E6%B1%A1%E6%9F%93+%231&amp;page=3" rel="next"' in pagination
    assert "#1&amp;page" not in pagination
    assert '<ol class="search-results" start="11">' in content
    assert hrefs(content.split('class="search-sort"')[1], "最新发布") == [{"q": "大气&污染 #1", "sort": "newest"}]
