"""The API, feeds and sitemap: the documented contract, and never a draft."""

from datetime import date, datetime
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from tests import factories

# What the API, feeds and sitemap list: the published() rule and its ordering.
pytestmark = pytest.mark.postgresql

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def published():
    """A live policy with a live and a draft interpretation, plus a draft policy."""
    policy = factories.policy("浙江省排污许可管理办法", doc_number="浙环发〔2024〕3号")
    live_qa = factories.interpretation(
        "qa", [policy], title="排污许可问答", questions=[("谁要申领？", "<p>见第三条。</p>", policy, 3)]
    )
    draft_text = factories.interpretation("text", [policy], title="尚未发布的解读", publish=False)
    draft_policy = factories.policy("尚未发布的文件", publish=False)
    return policy, live_qa, draft_text, draft_policy


def test_api_policy_lists_its_live_interpretations(client, published):
    policy, live_qa, draft_text, _ = published
    data = client.get(f"/api/v2/pages/{policy.pk}/").json()
    assert data["meta"]["type"] == "policies.PolicyPage"
    assert data["doc_number"] == "浙环发〔2024〕3号"
    assert data["validity"] == "in_force"
    assert data["interpretations"] == [
        {"id": live_qa.pk, "title": "排污许可问答", "kind": "qa", "url": f"http://localhost{live_qa.url}"}
    ]

    listing = client.get("/api/v2/pages/", {"type": "policies.PolicyPage", "fields": "interpretations"}).json()
    assert [item["interpretations"][0]["id"] for item in listing["items"]] == [live_qa.pk]


def test_api_interpretation_exposes_kind_and_policies(client, published):
    policy, live_qa, _, _ = published
    data = client.get(f"/api/v2/pages/{live_qa.pk}/").json()
    assert data["kind"] == "qa"
    assert data["policies"] == [{"id": policy.pk, "title": policy.title, "url": f"http://localhost{policy.url}"}]
    listing = client.get("/api/v2/pages/", {"type": "interpretations.InterpretationPage", "fields": "kind,policies"})
    assert [(item["kind"], item["policies"][0]["id"]) for item in listing.json()["items"]] == [("qa", policy.pk)]


def test_api_never_shows_drafts(client, published):
    _, _, draft_text, draft_policy = published
    ids = {item["id"] for item in client.get("/api/v2/pages/", {"limit": 100}).json()["items"]}
    assert draft_text.pk not in ids and draft_policy.pk not in ids
    assert client.get(f"/api/v2/pages/{draft_policy.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{draft_text.pk}/").status_code == 404


def test_feeds_list_live_content_only(client, published):
    policy, live_qa, draft_text, draft_policy = published
    for url in ("/feeds/policies/", "/feeds/policies/atom/"):
        body = client.get(url).content.decode()
        assert policy.title in body and draft_policy.title not in body
    for url in ("/feeds/interpretations/", "/feeds/interpretations/atom/"):
        body = client.get(url).content.decode()
        assert "排污许可问答" in body and draft_text.title not in body
    assert client.get("/feeds/policies/atom/")["Content-Type"].startswith("application/atom+xml")


def test_sitemap_lists_live_pages_only(client, published):
    policy, live_qa, draft_text, draft_policy = published
    body = client.get("/sitemap.xml").content.decode()
    assert policy.url in body and live_qa.url in body
    assert draft_policy.url not in body and draft_text.url not in body


def test_drafts_are_not_served(client, published):
    _, _, draft_text, draft_policy = published
    assert client.get(draft_policy.url).status_code == 404
    assert client.get(draft_text.url).status_code == 404


def test_api_gives_each_page_type_its_publication_date(client):
    """`date_published` is the 发布日期; `meta.first_published_at` the moment the page went live on this site."""
    document, interpretation = factories.back_catalogue()
    release = factories.news("新闻发布会", date_published=date(2019, 4, 26))
    for page, expected in ((document, "2019-04-19"), (interpretation, "2019-04-24"), (release, "2019-04-26")):
        data = client.get(f"/api/v2/pages/{page.pk}/").json()
        assert data["date_published"] == expected
        went_live = datetime.fromisoformat(data["meta"]["first_published_at"])
        assert timezone.localdate(went_live) == timezone.localdate()
    for page_type in ("policies.PolicyPage", "interpretations.InterpretationPage", "home.NewsPage"):
        listing = client.get("/api/v2/pages/", {"type": page_type, "fields": "date_published"}).json()
        assert [item["date_published"][:4] for item in listing["items"]] == ["2019"]


def test_the_sitemap_gives_the_last_change_and_no_publication_date(client):
    document, _interpretation = factories.back_catalogue()
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)
    (entry,) = [url for url in sitemap if url.findtext(f"{SITEMAP}loc").endswith(document.url)]
    assert [child.tag for child in entry] == [f"{SITEMAP}loc", f"{SITEMAP}lastmod"]
    # Imported today, it changed today here; nothing claims it was published today.
    assert entry.findtext(f"{SITEMAP}lastmod") == timezone.localdate(document.last_published_at).isoformat()
