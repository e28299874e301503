"""Addresses people can read and say: pinyin or document-number slugs, unique among siblings, old ones redirected."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from core.slugs import pinyin_slug, title_subject, unique_slug
from policies.doc_numbers import doc_number_slug
from policies.models import PolicyPage
from tests import factories
from tests.policies.editing import edit_form_data

LONG_TITLE = "浙江省生态环境厅关于印发《浙江省建设用地土壤污染风险管控和修复监督管理办法》的通知"


def test_a_title_becomes_pinyin_words_cut_between_words():
    assert pinyin_slug("重庆市绿色发展") == "chongqingshi-lvse-fazhan"
    assert pinyin_slug("VOCs 治理：2024 年") == "vocs-zhili-2024-nian"
    slug = pinyin_slug(title_subject(LONG_TITLE))
    assert slug == "zhejiangsheng-jianshe-yongdi-turangwuran-fengxian"
    assert len(slug) <= 50 and slug.isascii()
    assert title_subject("省厅关于修改《某办法》的决定") == "修改《某办法》"


def test_a_document_number_gives_a_number_slug():
    assert doc_number_slug("浙环发〔2020〕12号") == "zhehuanfa-2020-12"
    assert doc_number_slug("浙环发[2020]12号") == "zhehuanfa-2020-12"
    assert doc_number_slug("国务院令第722号") == "guowuyuanling-722"
    assert doc_number_slug("不是文号") == ""


def test_a_taken_slug_gets_the_next_suffix_within_the_length():
    assert unique_slug("dahai", {"dahai", "dahai-2"}) == "dahai-3"
    long = "a" * 50
    assert unique_slug(long, {long}) == "a" * 48 + "-2"
    assert unique_slug("ab-" + "c" * 47, {"ab-" + "c" * 47}) == "ab-2"


# Sibling lookups and the data migration's queries are checked on each database.
@pytest.mark.postgresql
@pytest.mark.django_db
class TestNewPages:
    def test_documents_imported_take_their_number_or_title(self):
        numbered = factories.policy("关于加强排污许可管理的通知", doc_number="浙环发〔2020〕12号")
        assert numbered.slug == "zhehuanfa-2020-12"
        assert numbered.url == "/zhengce/zhehuanfa-2020-12/"
        unnumbered = factories.policy(LONG_TITLE)
        assert unnumbered.slug == "zhejiangsheng-jianshe-yongdi-turangwuran-fengxian"
        again = factories.policy(LONG_TITLE, source_id="test:second")
        assert again.slug == "zhejiangsheng-jianshe-yongdi-turangwuran-2"  # cut between words to fit

    def test_a_cut_suffixed_slug_never_takes_another_siblings(self):
        first = factories.policy(LONG_TITLE, source_id="test:first")
        cut = unique_slug(first.slug, {first.slug})
        other = factories.policy("浙江省噪声污染防治办法")
        other.slug = cut  # typed by an editor: Latin, kept
        other.save_revision().publish()
        third = factories.policy(LONG_TITLE, source_id="test:third")
        assert third.slug not in {first.slug, cut} and len(third.slug) <= 50

    def test_interpretations_news_and_collections_take_their_titles_pinyin(self):
        doc = factories.policy()
        assert factories.interpretation("text", [doc], title="《大气办法》政策解读").slug == "daqi-banfa-zhengce-jiedu"
        assert factories.news("省生态环境厅召开新闻发布会").slug == "sheng-shengtaihuanjingting-zhaokai-xinwen-fabuhui"
        assert factories.collection("大气污染防治专题").slug == "daqiwuran-fangzhi-zhuanti"

    def test_the_admin_replaces_the_chinese_slug_its_title_filled_in(self, client):
        client.force_login(factories.user("admin", superuser=True))
        library = factories.site()[1]
        url = reverse("wagtailadmin_pages:add", args=["policies", "policypage", library.pk])
        # What Wagtail's editor puts in the slug field from the title (it keeps Chinese characters).
        filled_in = slugify(LONG_TITLE, allow_unicode=True)
        data = edit_form_data(PolicyPage(title=LONG_TITLE, slug=filled_in, doc_number="浙环发〔2021〕3号"))
        assert client.post(url, data).status_code == 302
        page = PolicyPage.objects.get(title=LONG_TITLE)
        assert page.slug == "zhehuanfa-2021-3"
        assert page.get_latest_revision_as_object().slug == "zhehuanfa-2021-3"

    def test_an_editor_keeps_the_slug_they_typed_and_a_chinese_one_is_transliterated(self, client):
        client.force_login(factories.user("admin", superuser=True))
        library = factories.site()[1]
        url = reverse("wagtailadmin_pages:add", args=["policies", "policypage", library.pk])
        assert client.post(url, edit_form_data(PolicyPage(title="甲办法", slug="my-own-address"))).status_code == 302
        assert PolicyPage.objects.get(title="甲办法").slug == "my-own-address"
        assert client.post(url, edit_form_data(PolicyPage(title="乙办法", slug="排污许可"))).status_code == 302
        assert PolicyPage.objects.get(title="乙办法").slug == "paiwuxuke"


@pytest.mark.postgresql
@pytest.mark.django_db
def test_the_migration_gives_old_pages_readable_slugs_and_the_old_addresses_redirect(client):
    migration = import_module("home.migrations.0007_readable_slugs")
    chinese = factories.policy("浙江省大气污染防治办法", doc_number="浙环发〔2019〕8号")
    hashed = factories.policy("浙江省水污染防治办法")
    news = factories.news("省生态环境厅召开新闻发布会")
    # Addresses as older releases made them: the title itself, an import's hash, Chinese typed by hand.
    old = {}
    old_slugs = ((chinese, "浙江省大气污染防治办法"), (hashed, "doc-0123456789ab"), (news, "省厅召开新闻发布会"))
    for page, slug in old_slugs:
        page.slug = slug
        page.save(clean=False)
        page.get_latest_revision().publish()
        Page.objects.filter(pk=page.pk).update(slug=slug, url_path=page.get_parent().url_path + slug + "/")
        old[page.pk] = Page.objects.get(pk=page.pk).url

    # The models as the migration sees them (historical ones, without the classes' own attributes).
    state = MigrationExecutor(connection).loader.project_state(("home", "0007_readable_slugs"), at_end=False)
    migration.readable_slugs(state.apps, None)

    expected = {
        chinese.pk: "/zhengce/zhehuanfa-2019-8/",
        hashed.pk: "/zhengce/zhejiangsheng-shuiwuran-fangzhi-banfa/",
        news.pk: "/xinwen/shengting-zhaokai-xinwen-fabuhui/",  # typed by hand, not the title: transliterated
    }
    for pk, url in expected.items():
        page = Page.objects.get(pk=pk).specific
        assert page.url == url
        assert page.get_latest_revision_as_object().slug == page.slug
        assert client.get(url).status_code == 200
        response = client.get(old[pk])
        assert response.status_code == 301 and response["Location"] == url
    assert Redirect.objects.filter(is_permanent=True).count() == 3
