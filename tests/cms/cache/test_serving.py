"""What the page cache answers, for whom, and with which HTTP headers."""

import pytest
from django.test import RequestFactory
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from cms.cache.entries import key_for
from cms.search.models import SearchQueryStat
from tests import factories
from tests.cms.cache.visits import cached, serve

# One worker runs the module, so the library its tests share (conftest.py) is built once.
pytestmark = [pytest.mark.usefixtures("page_cache"), pytest.mark.xdist_group("test_cache_serving")]

PUBLIC_URLS = ["/", "/zhengce/", "/jiedu/", "/xinwen/", "/search/?q=大气", "/api/search/?q=大气", "/api/v2/pages/"]


# --- hits and misses ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["policy", "interpretation", "news"])
def test_a_page_is_rendered_once_then_served_from_the_cache(visitor, library, name):
    url = library[name].url
    first, state = serve(visitor, url)
    assert state == "miss"
    second, state = serve(visitor, url)
    assert state == "hit"
    assert second.content == first.content
    assert second.headers["Content-Type"] == first.headers["Content-Type"]


@pytest.mark.parametrize("url", PUBLIC_URLS + ["/feeds/policies/", "/sitemap.xml"])
def test_listings_search_feeds_and_apis_are_cached(visitor, library, url):
    cached(visitor, url)


@pytest.mark.parametrize("name", ["policy", "interpretation", "news"])
def test_a_hit_costs_no_database_query_and_no_session(visitor, library, name, django_assert_num_queries):
    cached(visitor, library[name].url)
    with django_assert_num_queries(0):
        response, state = serve(visitor, library[name].url)
    assert state == "hit"
    # The session and authentication middleware never ran.
    assert not hasattr(response.wsgi_request, "session")
    assert not hasattr(response.wsgi_request, "user")


def test_listings_and_home_hits_cost_no_query(visitor, library, django_assert_num_queries):
    for url in ["/", "/zhengce/", "/jiedu/", "/xinwen/"]:
        cached(visitor, url)
        with django_assert_num_queries(0):
            assert serve(visitor, url)[1] == "hit"


def test_head_is_answered_from_the_cache_without_a_body(visitor, library):
    url = library["policy"].url
    get = cached(visitor, url)
    response = visitor.head(url)
    assert response.status_code == 200
    assert response.headers["X-Page-Cache"] == "hit"
    assert response.content == b""
    assert response.headers["Content-Length"] == str(len(get.encode()))


def test_the_query_string_is_part_of_the_key_in_any_order(visitor, library):
    topic = library["policy"].topic_id
    cached(visitor, f"/zhengce/?topic={topic}&year=2020")
    assert serve(visitor, f"/zhengce/?year=2020&topic={topic}")[1] == "hit"
    assert serve(visitor, f"/zhengce/?year=2021&topic={topic}")[1] == "miss"
    assert serve(visitor, "/zhengce/?page=2")[1] == "miss"


def test_keys_have_a_fixed_length_whatever_the_address():
    factory = RequestFactory()
    short = key_for(factory.get("/zhengce/"))
    long = key_for(factory.get("/zhengce/", {"q": "大气" * 2000}))
    assert len(short) == len(long) < 100
    assert key_for(factory.get("/", HTTP_HOST="localhost")) != key_for(factory.get("/", HTTP_HOST="127.0.0.1"))


def test_the_cache_can_be_switched_off(visitor, library, settings):
    settings.ZHENGCE_PAGE_CACHE_ENABLED = False
    serve(visitor, library["policy"].url)
    assert serve(visitor, library["policy"].url)[1] is None


# --- never cached ---------------------------------------------------------------------------------------------------


def test_signed_in_users_get_private_pages_and_never_the_cached_ones(client, visitor, library):
    url = library["policy"].url
    cached(visitor, url)
    client.force_login(factories.user("editor", superuser=True))
    for _ in range(2):
        response, state = serve(client, url)
        assert state is None
        cache_control = response.headers["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control and "public" not in cache_control
    # What the signed-in user saw (Wagtail's user bar) was not kept for anyone.
    assert 'id="wagtail-userbar"' not in cached(visitor, url)


def test_the_admin_is_never_cached(client, visitor):
    for _ in range(2):
        response = visitor.get("/admin/login/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response.headers
        assert "private" in response.headers["Cache-Control"] and "no-store" in response.headers["Cache-Control"]


def test_other_methods_are_never_cached(visitor, library):
    response = visitor.post("/search/", {"q": "大气"})
    assert response.status_code == 405
    assert "X-Page-Cache" not in response.headers
    assert "no-store" in response.headers["Cache-Control"]


def test_a_visitor_with_a_session_or_messages_cookie_is_not_answered_from_the_cache(visitor, library):
    url = library["policy"].url
    cached(visitor, url)
    for cookie in ("sessionid", "messages"):
        visitor.cookies.clear()
        visitor.cookies[cookie] = "x"
        assert serve(visitor, url)[1] is None
    visitor.cookies.clear()
    visitor.cookies["csrftoken"] = "x" * 32  # anonymous all the same
    assert serve(visitor, url)[1] == "hit"


def test_a_page_with_a_form_and_its_csrf_token_is_never_kept(visitor, library):
    # A password-protected page answers with a form carrying this visitor's CSRF token.
    policy = library["policy"]
    PageViewRestriction.objects.create(page=policy, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    for _ in range(2):
        response, state = serve(visitor, policy.url)
        assert state is None
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("url,status", [("/zhengce/no-such-document/", 404), ("/search", 301)])
def test_redirects_and_missing_pages_are_not_kept_but_may_be_kept_briefly_upstream(visitor, url, status):
    factories.site()
    for _ in range(2):
        response, state = serve(visitor, url, status)
        assert state is None
    assert response.headers["Cache-Control"] == "public, max-age=60"


# --- HTTP caching headers -------------------------------------------------------------------------------------------


def test_cached_pages_carry_validators_and_public_cache_control(visitor, library, settings):
    settings.ZHENGCE_PAGE_CACHE_MAX_AGE = 30
    settings.ZHENGCE_PAGE_CACHE_S_MAXAGE = 120
    url = library["policy"].url
    miss, _ = serve(visitor, url)
    hit, _ = serve(visitor, url)
    for response in (miss, hit):
        assert response.headers["ETag"].startswith('"')
        assert response.headers["Last-Modified"].endswith("GMT")
        directives = {d.strip() for d in response.headers["Cache-Control"].split(",")}
        assert {"public", "max-age=30", "s-maxage=120"} <= directives
        # One language: the answer does not vary with the browser's, only with the signed-in cookie.
        assert "Accept-Language" not in response.headers.get("Vary", "")
        assert "Cookie" in response.headers["Vary"]
    assert hit.headers["ETag"] == miss.headers["ETag"]
    # Headers of the site's own middleware come with a cached answer too.
    assert hit.headers["Content-Security-Policy"] and hit.headers["X-Frame-Options"] == "DENY"
    assert hit.headers["X-Request-ID"] != miss.headers["X-Request-ID"]


def test_if_none_match_gets_304(visitor, library):
    url = library["policy"].url
    etag = serve(visitor, url)[0].headers["ETag"]
    response = visitor.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["ETag"] == etag
    assert "public" in response.headers["Cache-Control"]
    assert visitor.get(url, headers={"if-none-match": '"other"'}).status_code == 200


def test_if_modified_since_gets_304(visitor, library):
    url = library["news"].url
    last_modified = serve(visitor, url)[0].headers["Last-Modified"]
    assert visitor.get(url, headers={"if-modified-since": last_modified}).status_code == 304
    assert visitor.get(url, headers={"if-modified-since": http_date(0)}).status_code == 200


def test_a_changed_page_no_longer_matches_the_old_etag(visitor, library):
    policy = library["policy"]
    etag = serve(visitor, policy.url)[0].headers["ETag"]
    factories.revise(policy, title="浙江省大气污染防治办法（修订）")
    response = visitor.get(policy.url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "（修订）" in response.content.decode()


# --- search statistics and rate limits on hits ---------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/search/?q=大气", "/api/search/?q=大气"])
def test_a_cached_search_still_counts_in_the_statistics(visitor, library, url):
    cached(visitor, url)
    serve(visitor, url)
    stat = SearchQueryStat.objects.get(query="大气")
    assert stat.searches == 3


def test_filtered_searches_are_not_counted_on_hits_either(visitor, library):
    cached(visitor, "/search/?q=大气&kind=policy")
    assert not SearchQueryStat.objects.exists()


def test_rate_limits_apply_to_cached_answers(visitor, library, settings):
    settings.ZHENGCE_RATE_LIMITS = {"/search/": (2, 60)}
    cached(visitor, "/search/?q=大气")
    response = visitor.get("/search/?q=大气")
    assert response.status_code == 429
    assert response.headers["Retry-After"]


def test_pages_are_kept_in_the_backend_under_test(visitor, library, page_cache, request):
    backend = {"locmem": "LocMemCache", "redis": "RedisCache"}[request.node.callspec.params["page_cache"]]
    assert type(page_cache).__name__ == backend
    url = library["policy"].url
    cached(visitor, url)
    assert page_cache.get(key_for(RequestFactory().get(url))) is not None
