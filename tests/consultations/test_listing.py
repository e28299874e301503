"""The public side of consultations outside their own page: the listing (/zhengqiu/), the home page's section of
those open now, the RSS feed and the pages API; and each at the moments a consultation opens and closes."""

import json
import re
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories, shared_data

# Listings filter and annotate in SQL (status, year in Beijing time).
pytestmark = [pytest.mark.postgresql, pytest.mark.xdist_group("consultation_listing")]

SHANGHAI = ZoneInfo("Asia/Shanghai")
OPEN = "浙江省建设项目环境影响评价公众参与办法（征求意见稿）"
CLOSED = "浙江省噪声污染防治条例（草案征求意见稿）"
SOON = "浙江省土壤污染防治办法（征求意见稿）"
DRAFT = "浙江省固体废物污染防治办法（征求意见稿）"


def build():
    now = timezone.now()
    factories.consultation_index()
    pages = {
        "open": factories.consultation(OPEN, closes_at=now + timedelta(days=10, hours=1)),
        "closed": factories.consultation(
            CLOSED,
            division="水处",
            opens_at=datetime(2025, 3, 1, 9, tzinfo=SHANGHAI),
            closes_at=datetime(2025, 4, 1, 17, tzinfo=SHANGHAI),
        ),
        # Approved and published, but citizens see nothing of it before its opening time.
        "soon": factories.consultation(SOON, opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=40)),
        "draft": factories.consultation(DRAFT, publish=False),
    }
    factories.comment(pages["open"], text="建议缩短公示期限。", article=3, name="李四", contact="13900001111")
    factories.comment(pages["open"], text="第二条范围太窄。", article=2)
    return pages


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build)


@pytest.fixture
def pages(built):
    return shared_data.fresh(built)


def listed_titles(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]*">([^<]+)</a>', html)


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


# --- the listing -----------------------------------------------------------------------------------------------


def test_the_listing_shows_open_and_closed_consultations_never_one_not_yet_open_or_a_draft(client, pages):
    html = get(client, "/zhengqiu/")
    assert listed_titles(html) == [OPEN, CLOSED]
    assert "status-badge--consultation-open" in html and "征求中" in html
    assert "已截止·意见整理中" in html
    assert "还有 10 天截止" in html
    assert SOON not in html and DRAFT not in html
    # The years offered are those consultations citizens can see opened in.
    years = re.search(r'<select name="year"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert re.findall(r'<option value="(\d+)"', years) == [str(timezone.localdate().year), "2025"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "open"}, [OPEN]),
        ({"status": "closed"}, [CLOSED]),
        ({"status": "answered"}, []),
        ({"year": "2025"}, [CLOSED]),
        ({"status": "not_started"}, [OPEN, CLOSED]),  # not a status citizens see: ignored
        ({"year": "两千"}, [OPEN, CLOSED]),
    ],
)
def test_the_listing_filters_by_status_and_year_and_ignores_bad_values(client, pages, params, expected):
    html = get(client, "/zhengqiu/", **params)
    assert listed_titles(html) == expected
    assert ("部分筛选条件无效，已忽略。" in html) == (params in ({"status": "not_started"}, {"year": "两千"}))


def test_the_listing_filters_by_division_and_pages_through_the_rest(client, pages, monkeypatch):
    water = pages["closed"].division
    assert listed_titles(get(client, "/zhengqiu/", division=str(water.pk))) == [CLOSED]
    monkeypatch.setattr(type(pages["open"].get_parent().specific), "page_size", 1)
    first = get(client, "/zhengqiu/")
    assert listed_titles(first) == [OPEN]
    assert "第 1 / 2 页" in first and 'href="?page=2" rel="next"' in first
    assert listed_titles(get(client, "/zhengqiu/", page="2")) == [CLOSED]


# --- the home page, the feed, the API --------------------------------------------------------------------------


def test_the_home_page_shows_the_consultations_open_now(client, pages):
    html = get(client, "/")
    section = html[html.index('id="home-consultations"') : html.index("</section>", html.index("home-consultations"))]
    assert listed_titles(section) == [OPEN]
    assert "还有 10 天截止" in section


def test_the_feed_lists_new_consultations_by_their_opening_time_and_the_listing_links_to_it(client, pages):
    assert 'href="/feeds/consultations/"' in get(client, "/zhengqiu/")
    channel = ElementTree.fromstring(client.get("/feeds/consultations/").content).find("channel")
    items = [(item.findtext("title"), item.findtext("pubDate")) for item in channel.iter("item")]
    assert [title for title, _date in items] == [OPEN, CLOSED]
    assert parsedate_to_datetime(items[1][1]) == datetime(2025, 3, 1, 9, tzinfo=SHANGHAI)
    atom = client.get("/feeds/consultations/atom/")
    assert atom.status_code == 200 and OPEN in atom.content.decode()


def test_the_api_gives_status_dates_division_and_comment_count_and_nothing_of_a_commenter(client, pages):
    response = client.get("/api/v2/pages/", {"type": "consultations.ConsultationPage", "fields": "*"})
    assert response.status_code == 200
    items = {item["title"]: item for item in response.json()["items"]}
    assert set(items) == {OPEN, CLOSED}
    current = items[OPEN]
    assert (current["status"], current["status_label"]) == ("open", "征求中")
    assert current["division_name"] == "大气处"
    assert current["comment_count"] == 2
    assert current["feedback_report"] is None and current["final_document"] is None
    assert current["closes_at"] == pages["open"].closes_at.astimezone(SHANGHAI).isoformat()
    assert items[CLOSED]["status"] == "closed"
    text = json.dumps(response.json(), ensure_ascii=False)
    for private in ("李四", "13900001111", "建议缩短公示期限", "第二条范围太窄"):
        assert private not in text


# --- the moments a consultation opens and closes, through the page cache --------------------------------------


def test_nothing_cached_outlives_an_opening_or_a_closing(pages, time_machine):
    visitor = Client()
    api = "/api/v2/pages/?type=consultations.ConsultationPage&fields=status"
    urls = ["/zhengqiu/", "/", api, "/feeds/consultations/", pages["open"].url]

    def visit_all():
        answers = {url: visitor.get(url) for url in urls}
        return {url: (r.headers.get("X-Page-Cache"), r.content.decode()) for url, r in answers.items()}

    def fill_at(moment):
        time_machine.move_to(moment)
        visit_all()
        assert all(state == "hit" for state, _html in visit_all().values())

    # A second before the opening: still as it was; at the opening, everything shows the new consultation.
    fill_at(pages["soon"].opens_at - timedelta(minutes=1))
    time_machine.move_to(pages["soon"].opens_at - timedelta(seconds=1))
    assert all(state == "hit" and SOON not in html for state, html in visit_all().values())
    time_machine.move_to(pages["soon"].opens_at)
    seen = visit_all()
    for url in urls[:-1]:
        assert seen[url][0] != "hit" and SOON in seen[url][1], url
    assert seen[pages["open"].url][0] == "hit"  # nothing it shows changed

    # At the closing of the first, the listing says so, the home page drops it, the API gives its new status.
    fill_at(pages["open"].closes_at - timedelta(minutes=1))
    time_machine.move_to(pages["open"].closes_at)
    seen = visit_all()
    assert all(state != "hit" for state, _html in seen.values())
    assert "征求意见已于" in seen[pages["open"].url][1] and "提出意见</a>" not in seen[pages["open"].url][1]
    listing = seen["/zhengqiu/"][1]
    assert re.search(re.escape(OPEN) + r".*?已截止·意见整理中", listing, re.S)
    assert listed_titles(seen["/"][1][seen["/"][1].index("home-consultations") :].split("</section>")[0]) == [SOON]
    assert '"status": "closed"' in json.dumps(json.loads(seen[api][1]), ensure_ascii=False)
