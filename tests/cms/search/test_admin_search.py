"""Editors find pages, snippets, documents and images in the admin by any Chinese word, document or index number.

Through the real admin views, signed in as each role: the page search (also the dashboard's search box), the page
chooser (all types, and limited to policy documents as when choosing what an interpretation interprets), the
snippet, document and image listings. A division editor never finds another division's draft.
"""

import json
import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from cms.search.admin_backend import admin_query
from tests import factories, shared_data

# The admin searches through Wagtail's database backend, full-text search on SQLite and PostgreSQL: every test runs
# on PostgreSQL too (`postgresql`), a test repeated for several roles with the roles whose permissions filter the
# search differently only (a division's editor, who sees fewer pages, and an account that sees them all), since the
# others send the same query.
pytestmark = pytest.mark.xdist_group("test_admin_search")


def on_postgresql_too(roles, *checked):
    """The roles as parameters, those `checked` marked `postgresql`."""
    return [pytest.param(role, marks=pytest.mark.postgresql) if role in checked else role for role in roles]


PAGE_SEARCH = reverse("wagtailadmin_pages:search")
CHOOSER_SEARCH = reverse("wagtailadmin_choose_page_search")

NOTICE = "关于启动重污染天气紧急应对的通知"
MEASURES = "浙江省大气污染防治办法"
WATER_DRAFT = "水污染防治紧急处置办法（征求意见稿）"
AIR_DRAFT = "重污染天气应急减排实施办法（草案）"
READING = "《关于启动重污染天气紧急应对的通知》解读"
FUTURE = "机动车排放检验管理办法"


def build_world():
    """Role groups and one user per role; documents of two divisions, live and draft; files and reference data."""
    factories.editorial()
    w = SimpleNamespace()
    w.users = {
        "division_editor": factories.user("daqi", "起草处室编辑-大气处"),
        "publicity_center": factories.user("xuanjiao", "宣教中心审核"),
        "office": factories.user("office", "办公室"),
        "superuser": factories.user("admin", superuser=True),
    }
    w.notice = factories.policy(NOTICE, doc_number="浙环发〔2020〕12号", division="大气处")
    w.measures = factories.policy(
        MEASURES, doc_number="浙环发〔2016〕7号", date_published=date(2016, 3, 1), date_expires=date(2021, 3, 1)
    )
    w.future = factories.policy(
        FUTURE,
        doc_number="浙环发〔2020〕120号",
        date_published=date(2020, 12, 1),
        date_effective=timezone.localdate() + timedelta(days=30),
    )
    w.water_draft = factories.policy(WATER_DRAFT, publish=False, division="水处", date_published=None)
    w.air_draft = factories.policy(AIR_DRAFT, publish=False, division="大气处", date_published=None)
    w.reading = factories.interpretation("text", [w.notice], title=READING, date_published=date(2020, 6, 12))
    w.document = factories.document("重污染天气应急减排清单.pdf")
    w.image = factories.image("大气污染防治示意图.png")
    w.person = factories.person("王五", affiliation="省生态环境厅大气环境处")
    return w


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build_world)


@pytest.fixture
def world(built_world):
    return shared_data.fresh(built_world)


def signed_in(client, world, role):
    client.force_login(world.users[role])
    return client


def titles(response, key="object_list", attribute="title"):
    """Return the titles (or another attribute) of the items a listing found."""
    assert response.status_code == 200
    return {getattr(item, attribute) for item in response.context[key]}


def page_search(client, q):
    return titles(client.get(PAGE_SEARCH, {"q": q}))


def chooser_search(client, q, page_type=None):
    params = {"q": q, **({"page_type": page_type} if page_type else {})}
    return titles(client.get(CHOOSER_SEARCH, params), key="pages")


# What each role finds: the division editor (大气处) never another division's draft; the others every page.
EVERYONE = {
    "紧急": {NOTICE, WATER_DRAFT, READING},
    "重污染天气": {NOTICE, AIR_DRAFT, READING},
    "办法": {MEASURES, WATER_DRAFT, AIR_DRAFT, FUTURE},
}
ROLES = ["division_editor", "publicity_center", "office", "superuser"]


@pytest.mark.parametrize("role", on_postgresql_too(ROLES, "division_editor", "superuser"))
@pytest.mark.parametrize("query", list(EVERYONE))
def test_the_page_search_finds_pages_by_any_word_of_the_title(client, world, role, query):
    expected = EVERYONE[query] - ({WATER_DRAFT} if role == "division_editor" else set())
    assert page_search(signed_in(client, world, role), query) == expected


@pytest.mark.parametrize("role", on_postgresql_too(ROLES, "division_editor", "superuser"))
def test_the_page_chooser_finds_pages_by_any_word_and_keeps_to_a_page_type(client, world, role):
    signed_in(client, world, role)
    hidden = {WATER_DRAFT} if role == "division_editor" else set()
    assert chooser_search(client, "紧急") == {NOTICE, WATER_DRAFT, READING} - hidden
    # Choosing the document an interpretation interprets: policy documents only.
    assert chooser_search(client, "紧急", "policies.policypage") == {NOTICE, WATER_DRAFT} - hidden
    assert chooser_search(client, "重污染天气 通知", "policies.policypage") == {NOTICE}
    assert chooser_search(client, "防治", "policies.policypage") == {MEASURES, WATER_DRAFT} - hidden


@pytest.mark.postgresql
def test_the_division_editor_finds_their_own_draft_but_not_another_divisions(client, world):
    signed_in(client, world, "division_editor")
    assert page_search(client, "征求意见稿") == set()
    assert chooser_search(client, "征求意见稿") == set()
    assert page_search(client, "草案") == {AIR_DRAFT}
    assert chooser_search(client, "草案", "policies.policypage") == {AIR_DRAFT}
    signed_in(client, world, "office")
    assert page_search(client, "征求意见稿") == {WATER_DRAFT}


@pytest.mark.parametrize(
    "number",
    [
        "浙环发〔2020〕12号",
        "浙环发[2020]12号",
        "浙环发(2020)12号",
        "浙环发（2020）12号",
        "浙环发2020年12号",
        "浙环发2020年第12号",
    ],
)
@pytest.mark.postgresql
def test_a_document_number_in_any_form_finds_that_document(client, world, number):
    signed_in(client, world, "division_editor")
    assert page_search(client, number) == {NOTICE}
    assert chooser_search(client, number, "policies.policypage") == {NOTICE}


@pytest.mark.postgresql
def test_the_index_number_finds_its_document(client, world):
    number = world.notice.index_number
    assert number.endswith("/2020-00001")
    signed_in(client, world, "publicity_center")
    assert page_search(client, number) == {NOTICE}
    assert chooser_search(client, number, "policies.policypage") == {NOTICE}
    # Typed while completing: the serial's start already narrows it down.
    assert chooser_search(client, number.split("/")[0] + "/2020-0000", "policies.policypage") == {NOTICE, FUTURE}


@pytest.mark.postgresql
def test_punctuation_alone_finds_nothing_rather_than_everything(client, world):
    signed_in(client, world, "superuser")
    assert page_search(client, "，。") == set()


@pytest.mark.postgresql
def test_the_query_is_cut_into_words_each_required_the_last_completed():
    query = admin_query("重污染天气紧急")
    assert (query.query_string, query.operator) == ("重污染天气 紧急", "and")
    assert admin_query("浙环发2020年第12号").query_string == admin_query("浙环发〔2020〕12号").query_string


# --- the chooser's columns ------------------------------------------------------------------------------------


def headers(html):
    """Return the chooser table's column headers, in order."""
    head = re.search(r"<thead>(.*?)</thead>", html, flags=re.S).group(1)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]


def cells_by_title(html):
    """Return {title: text of its row} from the chooser's table."""
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.S)
    table = {}
    for row in rows:
        text = " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for title in (NOTICE, MEASURES, FUTURE, READING, AIR_DRAFT):
            if title in text:
                table[title] = text
    return table


@pytest.mark.postgresql
def test_the_chooser_shows_number_date_and_validity_of_documents(client, world):
    signed_in(client, world, "division_editor")
    html = client.get(CHOOSER_SEARCH, {"q": "浙环发", "page_type": "policies.policypage"}).content.decode()
    assert headers(html)[:4] == ["标题", "发文字号", "发布日期", "有效性"]
    rows = cells_by_title(html)
    assert "浙环发〔2020〕12号 2020-06-10 有效" in rows[NOTICE]
    assert "浙环发〔2016〕7号 2016-03-01 已失效" in rows[MEASURES]
    assert "浙环发〔2020〕120号 2020-12-01 尚未施行" in rows[FUTURE]


@pytest.mark.postgresql
def test_the_chooser_rows_of_other_page_types_stay_readable(client, world):
    signed_in(client, world, "office")
    rows = cells_by_title(client.get(CHOOSER_SEARCH, {"q": "解读"}).content.decode())
    # An interpretation has a date and no number or validity; its type and status are shown as before.
    assert "2020-06-12" in rows[READING] and "文字解读" in rows[READING]
    assert "有效" not in rows[READING] and "〔" not in rows[READING].replace(NOTICE, "")


@pytest.mark.postgresql
def test_browsing_the_policy_library_in_the_chooser_shows_the_columns(client, world):
    signed_in(client, world, "publicity_center")
    url = reverse("wagtailadmin_choose_page_child", args=[world.notice.get_parent().pk])
    html = json.loads(client.get(url, {"page_type": "policies.policypage"}).content)["html"]
    assert headers(html)[:4] == ["标题", "发文字号", "发布日期", "有效性"]
    rows = cells_by_title(html)
    assert "浙环发〔2020〕12号 2020-06-10 有效" in rows[NOTICE]
    assert "浙环发〔2016〕7号 2016-03-01 已失效" in rows[MEASURES]
    # A draft without number or date: its validity follows from its (empty) dates.
    assert AIR_DRAFT in rows and "浙环发" not in rows[AIR_DRAFT]


# --- snippets, documents, images -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", on_postgresql_too(["office", "superuser"], "office"))
def test_snippet_listings_find_by_a_word_of_the_name(client, world, role):
    signed_in(client, world, role)
    agencies = client.get("/admin/snippets/policies/agency/", {"q": "生态环境厅"})
    assert titles(agencies, attribute="name") == {"浙江省生态环境厅"}
    for query in ("大气环境处", "王五"):  # by affiliation and by name
        people = client.get("/admin/snippets/interpretations/person/", {"q": query})
        assert titles(people, attribute="name") == {"王五"}


@pytest.mark.parametrize("role", on_postgresql_too(["office", "superuser"], "office"))
def test_document_and_image_listings_find_by_a_word_of_the_title(client, world, role):
    signed_in(client, world, role)
    assert titles(client.get(reverse("wagtaildocs:index"), {"q": "减排"})) == {"重污染天气应急减排清单.pdf"}
    assert titles(client.get(reverse("wagtailimages:index"), {"q": "示意图"})) == {"大气污染防治示意图.png"}


@pytest.mark.parametrize(
    "role", on_postgresql_too(["division_editor", "publicity_center", "office"], "division_editor")
)
def test_document_and_image_choosers_find_by_a_word_of_the_title(client, world, role):
    signed_in(client, world, role)
    documents = client.get(reverse("wagtaildocs_chooser:choose_results"), {"q": "减排"})
    assert titles(documents, key="results") == {"重污染天气应急减排清单.pdf"}
    images = client.get(reverse("wagtailimages_chooser:choose_results"), {"q": "示意图"})
    assert titles(images, key="results") == {"大气污染防治示意图.png"}


@pytest.mark.postgresql
def test_with_elasticsearch_configured_the_admin_still_searches_the_database(client, settings, search_engine):
    """The engine holds only what citizens may see: the admin's backend is the database's whatever the settings."""
    assert settings.ELASTICSEARCH_URL
    factories.editorial()
    factories.policy(NOTICE, doc_number="浙环发〔2020〕12号")
    factories.policy(WATER_DRAFT, publish=False, division="水处")
    client.force_login(factories.user("office", "办公室"))
    assert type(get_search_backend()).__name__ in ("ChineseSQLiteSearchBackend", "ChinesePostgresSearchBackend")
    assert page_search(client, "紧急") == {NOTICE, WATER_DRAFT}
    assert chooser_search(client, "浙环发2020年12号", "policies.policypage") == {NOTICE}
