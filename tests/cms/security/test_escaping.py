"""Every text field that reaches a page or the API is escaped (plain text) or sanitised (rich text).

A script payload goes into each text field of each page type and snippet; the rendered pages, listings,
search, feeds and the API must carry it as text only. Rich text is stored the way the admin stores it: the
editor converts what is typed or pasted to its own format and back, which drops scripts and event handlers.
"""

import json
from html.parser import HTMLParser

import pytest
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.images.models import Image
from wagtail.models import Site
from wagtail.rich_text import RichText

from home.models import CollectionPage, NewsPage, SiteSettings
from interpretations import models as interp
from interpretations.snippets import Person
from policies.models import Topic
from tests import factories, shared_data

# One worker runs the module, so the data its tests share is built once.
pytestmark = pytest.mark.xdist_group("test_escaping")

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class MarkupFinder(HTMLParser):
    """Collect what would run in a browser: the payload's tags, event handler attributes, javascript: links."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and ("src", "x") in attrs:
            self.found.append("<img src=x>")

    def handle_data(self, data):
        if self.lasttag == "script" and "alert(" in data:
            self.found.append(f"<script>{data}")


def as_saved_by_admin(text, features=None):
    """Return what the admin stores when an editor's browser submits `text`, with a hostile link, as rich text.

    The editor posts Draft.js content state (JSON), never HTML; the server writes the HTML from it.
    """
    widget = get_rich_text_editor_widget(features=features or ["bold", "link"])
    state = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [{"offset": 0, "length": 8, "style": "BOLD"}],
                "entityRanges": [{"offset": 0, "length": len(text), "key": 0}],
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}},
    }
    return widget.value_from_datadict({"field": json.dumps(state)}, {}, "field")


RICH = as_saved_by_admin(PAYLOAD)


def assert_no_executable(text, where):
    finder = MarkupFinder()
    finder.feed(text)
    finder.close()
    assert not finder.found, f"{finder.found} reached {where}"


def assert_inert_json(data, where, path="$"):
    """Fail if any HTML-bearing value in the API holds the payload as markup; plain strings are data."""
    if isinstance(data, dict):
        for key, value in data.items():
            assert_inert_json(value, where, f"{path}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            assert_inert_json(value, where, f"{path}[{index}]")
    elif isinstance(data, str):
        # A plain field comes back verbatim, whole or cut to its length: data for the client to escape, served
        # as application/json with nosniff. Whatever else a value holds (rich text) must be inert markup.
        residue = data.replace(PAYLOAD, "")
        if not PAYLOAD.startswith(residue):
            assert_no_executable(residue, f"{where} {path}")


def build_pages():
    home, policy_index, interpretation_index, news_index = factories.site()
    home.intro = PAYLOAD
    home.save_revision().publish()
    for index in (policy_index, interpretation_index, news_index):
        index.intro = PAYLOAD
        index.save_revision().publish()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for name in ("site_name", "address", "phone", "icp_number", "site_code"):
        setattr(site_settings, name, PAYLOAD[: SiteSettings._meta.get_field(name).max_length])
    site_settings.save()

    policy = factories.policy(
        title=PAYLOAD,
        agency=PAYLOAD,
        division=PAYLOAD[:50],  # the names' column length
        topic=PAYLOAD[:50],
        tags=[PAYLOAD[:90]],
        summary=PAYLOAD,
        category=PAYLOAD[:20],
        source_url=PAYLOAD,
        body_text=f"第一章 {PAYLOAD}\n\n第一条 {PAYLOAD}\n\n{PAYLOAD}",
    )
    Topic.objects.filter(pk=policy.topic_id).update(description=PAYLOAD)
    person = factories.person(name=PAYLOAD[:50], role=Person.Role.EXPERT, affiliation=PAYLOAD, position=PAYLOAD)
    image = factories.image()
    Image.objects.filter(pk=image.pk).update(title=PAYLOAD)

    common = {"title": PAYLOAD, "summary": PAYLOAD}
    interpretations = [
        factories.interpretation(
            "text",
            [policy],
            sections=[("section", {"kind": "main", "heading": PAYLOAD, "body": RichText(RICH)})],
            **common,
        ),
        factories.interpretation("qa", [policy], questions=[(PAYLOAD, RICH, policy, 1)], **common),
        factories.interpretation("infographic", [policy], images=[image], text_alternative=RICH, **common),
        factories.interpretation("expert", [policy], commentary=RICH, interpreter=person, **common),
        factories.interpretation("media", [policy], transcript=RICH, duration=PAYLOAD[:20], **common),
        factories.interpretation("leader", [policy], body=RICH, interpreter=person, **common),
    ]
    interp.InfographicImage.objects.update(caption=PAYLOAD[:200])

    news = NewsPage(
        title=PAYLOAD,
        place=PAYLOAD,
        speakers=PAYLOAD,
        summary=PAYLOAD,
        body=[
            ("heading", PAYLOAD),
            ("paragraph", RichText(RICH)),
            ("table", {"data": [[PAYLOAD, PAYLOAD]], "table_caption": PAYLOAD, "first_row_is_table_header": True}),
        ],
    )
    news_index.add_child(instance=news)
    news.save_revision().publish()
    collection = CollectionPage(title=PAYLOAD, slug="collection", intro=PAYLOAD, topic=policy.topic)
    home.add_child(instance=collection)
    collection.save_revision().publish()
    return [home, policy, *interpretations, news, collection]


@pytest.fixture(scope="module")
def built_pages(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build_pages)


@pytest.fixture
def pages(built_pages):
    return shared_data.fresh(built_pages)


def test_the_payload_is_inert_on_every_page_and_in_the_api(client, pages):
    for page in pages:
        page.refresh_from_db()
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert_no_executable(html, f"{type(page).__name__} {page.url}")
        # The payload did reach the page, as text.
        assert "&lt;script&gt;alert(" in html, f"{type(page).__name__}: payload not shown at all"

        api = client.get(f"/api/v2/pages/{page.id}/")
        assert api.status_code == 200
        assert api["Content-Type"] == "application/json"
        assert api["X-Content-Type-Options"] == "nosniff"
        assert_inert_json(api.json(), f"API of {type(page).__name__}")


@pytest.mark.parametrize(
    "url",
    ["/zhengce/", "/jiedu/", "/xinwen/", "/search/?q=alert", "/zhengce/?topic=1", "/sitemap.xml", "/feeds/policies/"],
)
def test_the_payload_is_inert_in_listings_search_and_feeds(client, pages, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_no_executable(response.content.decode(), url)


@pytest.mark.parametrize("url", ["/api/search/?q=alert", "/api/search/suggest/?q=alert", "/api/v2/pages/?limit=50"])
def test_the_payload_is_inert_in_the_json_apis(client, pages, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_inert_json(json.loads(response.content), url)


def test_the_admin_editor_strips_scripts_from_rich_text():
    assert_no_executable(RICH, "the stored rich text")
    assert "alert(" in RICH  # the text survives, as text


def test_rich_text_stored_raw_by_code_is_not_sanitised_on_output():
    """Document the limit: only the admin sanitises, so code (importers) must never store raw HTML as rich text."""
    from wagtail.rich_text import expand_db_html

    assert "<script>" in expand_db_html(f"<p>{PAYLOAD}</p>")
