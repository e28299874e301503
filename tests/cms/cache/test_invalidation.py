"""A cached page is rendered again exactly when something it shows changes, and only then.

Each test fills the cache with the pages concerned, makes one change the way the site makes it, and checks
that the pages showing the change are rendered again (with it) while the others are still answered from the cache.
"""

import pytest
from django.test import Client
from wagtail.models import Page

from cms.editorial.office import actions
from home.models import SiteSettings
from interpretations.models import PolicyLink
from interpretations.snippets import Person
from policies.models import Agency, Division, Topic
from policies.services import relate
from policies.validity import RelationKind
from tests import factories
from tests.cms.cache.visits import cached, fresh, serve

# One worker runs the module, so the library its tests share (conftest.py) is built once.
pytestmark = [pytest.mark.usefixtures("page_cache"), pytest.mark.xdist_group("test_cache_invalidation")]


def still_cached(client, *urls):
    for url in urls:
        assert serve(client, url)[1] == "hit", url


def fill(client, *urls):
    for url in urls:
        cached(client, url)


@pytest.fixture
def office():
    factories.editorial()
    return factories.user("office", "办公室")


# --- the page itself, listings, the home page ---------------------------------------------------------------------


def test_publishing_a_change_renders_the_page_again_and_leaves_unrelated_pages_cached(visitor, library):
    policy, other, news = library["policy"], library["other"], library["news"]
    fill(visitor, policy.url, other.url, "/xinwen/")
    factories.revise(policy, summary="新的摘要：加强臭氧污染防治。")
    assert "加强臭氧污染防治" in fresh(visitor, policy.url)
    still_cached(visitor, other.url, "/xinwen/")
    assert news.url  # the news page shows the title only, which did not change: see the next test


def test_a_draft_changes_nothing(visitor, library):
    policy = library["policy"]
    fill(visitor, policy.url, "/zhengce/", "/")
    factories.revise(policy, publish=False, summary="尚未发布的摘要")
    still_cached(visitor, policy.url, "/zhengce/", "/")


def test_a_new_document_appears_in_the_library_on_the_home_page_and_in_its_collection(visitor, library):
    collection = factories.collection()
    fill(visitor, "/zhengce/", "/", collection.url, library["interpretation"].url, "/xinwen/")
    factories.policy("浙江省臭氧污染防治实施方案", source_id="test:ozone")
    for url in ("/zhengce/", "/", collection.url):
        assert "浙江省臭氧污染防治实施方案" in fresh(visitor, url), url
    still_cached(visitor, library["interpretation"].url, "/xinwen/")


def test_an_import_renews_the_pages_its_documents_appear_on_once_per_batch(visitor, library):
    fill(visitor, "/zhengce/", "/", library["interpretation"].url, "/xinwen/")
    record = {"id": "test:import-ozone", "title": "浙江省臭氧污染防治实施方案", "body": "第一条 为了防治臭氧污染。"}
    (page,) = factories.imported(record)
    for url in ("/zhengce/", "/", page.url):
        assert "浙江省臭氧污染防治实施方案" in fresh(visitor, url), url
    still_cached(visitor, library["interpretation"].url, "/xinwen/")


def test_a_new_interpretation_appears_in_the_listing_and_on_the_home_page(visitor, library):
    fill(visitor, "/jiedu/", "/", "/xinwen/")
    factories.interpretation("qa", [library["policy"]], title="排污许可简明问答")
    assert "排污许可简明问答" in fresh(visitor, "/jiedu/")
    assert "排污许可简明问答" in fresh(visitor, "/")
    still_cached(visitor, "/xinwen/")


def test_news_appear_in_their_listing_and_on_the_home_page_and_show_their_documents(visitor, library):
    policy, news = library["policy"], library["news"]
    fill(visitor, "/xinwen/", "/", news.url, "/zhengce/")
    factories.news("第二场新闻发布会", policies=[policy])
    assert "第二场新闻发布会" in fresh(visitor, "/xinwen/")
    assert "第二场新闻发布会" in fresh(visitor, "/")
    still_cached(visitor, news.url, "/zhengce/")
    # A news page shows its documents' titles.
    factories.revise(policy, title="浙江省大气污染防治条例")
    assert "浙江省大气污染防治条例" in fresh(visitor, news.url)


def test_a_collection_appears_on_the_home_page(visitor, library):
    fill(visitor, "/", "/zhengce/")
    factories.collection(title="蓝天保卫战专题")
    assert "蓝天保卫战专题" in fresh(visitor, "/")
    still_cached(visitor, "/zhengce/")


def test_the_home_page_itself(visitor, library):
    fill(visitor, "/", "/zhengce/")
    factories.revise(factories.site()[0], intro="欢迎查阅新的政策文件库。")
    assert "欢迎查阅新的政策文件库" in fresh(visitor, "/")
    still_cached(visitor, "/zhengce/")


# --- a policy and its interpretations, both ways -------------------------------------------------------------------


def test_a_new_interpretation_appears_on_its_document(visitor, library):
    policy, other = library["policy"], library["other"]
    fill(visitor, policy.url, other.url)
    factories.interpretation("expert", [policy], title="专家谈大气污染防治办法")
    assert "专家谈大气污染防治办法" in fresh(visitor, policy.url)
    still_cached(visitor, other.url)


def test_an_interpretation_changed_shows_on_its_document(visitor, library):
    policy, interpretation = library["policy"], library["interpretation"]
    fill(visitor, policy.url, library["other"].url)
    factories.revise(interpretation, title="《大气污染防治办法》权威解读")
    assert "《大气污染防治办法》权威解读" in fresh(visitor, policy.url)
    still_cached(visitor, library["other"].url)


def test_a_document_changed_shows_on_its_interpretations(visitor, library):
    policy, interpretation = library["policy"], library["interpretation"]
    fill(visitor, interpretation.url)
    factories.revise(policy, title="浙江省大气污染防治条例")
    assert "浙江省大气污染防治条例" in fresh(visitor, interpretation.url)


def test_an_interpretation_moved_to_another_document_leaves_the_first_and_joins_the_second(visitor, library):
    policy, other, interpretation = library["policy"], library["other"], library["interpretation"]
    fill(visitor, policy.url, other.url)
    draft = interpretation.get_latest_revision_as_object()
    draft.policy_links.clear()
    draft.policy_links.add(PolicyLink(policy=other))
    draft.save_revision().publish()
    assert interpretation.title not in fresh(visitor, policy.url)
    assert interpretation.title in fresh(visitor, other.url)


def test_an_interpretation_unpublished_leaves_its_document(visitor, library):
    policy, interpretation = library["policy"], library["interpretation"]
    fill(visitor, policy.url, interpretation.url, "/jiedu/")
    interpretation.unpublish()
    assert interpretation.title not in fresh(visitor, policy.url)
    assert interpretation.title not in fresh(visitor, "/jiedu/")
    fresh(visitor, interpretation.url, status=404)


def test_a_document_going_live_appears_on_an_interpretation_published_first(visitor, library):
    draft = factories.policy("浙江省臭氧污染防治办法", publish=False, source_id="test:ozone")
    interpretation = factories.interpretation("text", [library["policy"], draft], title="两部办法的解读")
    assert "浙江省臭氧污染防治办法" not in cached(visitor, interpretation.url)
    draft.get_latest_revision().publish()
    assert "浙江省臭氧污染防治办法" in fresh(visitor, interpretation.url)


def test_a_link_written_straight_to_the_table_is_seen_too(visitor, library):
    other, interpretation = library["other"], library["interpretation"]
    fill(visitor, other.url, interpretation.url)
    link = PolicyLink.objects.create(page=interpretation, policy=other)
    assert interpretation.title in fresh(visitor, other.url)
    assert other.title in fresh(visitor, interpretation.url)
    fill(visitor, other.url)
    link.delete()
    assert interpretation.title not in fresh(visitor, other.url)


def test_a_qa_citing_an_article_marks_it_on_the_document(visitor, library):
    policy = library["policy"]
    fill(visitor, policy.url)
    question = ("谁申领许可证？", "<p>见第三条。</p>", policy, 3)
    factories.interpretation("qa", [policy], title="问答", questions=[question])
    assert "谁申领许可证" in fresh(visitor, policy.url)


def test_a_repeal_shows_on_the_repealed_document_and_in_listings(visitor, library):
    older = library["policy"]
    newer = factories.policy("浙江省大气污染防治条例", source_id="test:newer")
    fill(visitor, older.url, "/zhengce/", library["news"].url)
    relate(newer, older, RelationKind.REPEALS)
    html = fresh(visitor, older.url)
    assert "浙江省大气污染防治条例" in html and "废止" in html
    assert "status-badge--repealed" in fresh(visitor, "/zhengce/")


# --- reference data and site settings ------------------------------------------------------------------------------


def test_a_topic_renamed_shows_on_its_documents_and_the_library(visitor, library):
    policy, other = library["policy"], library["other"]
    fill(visitor, policy.url, other.url, "/zhengce/", library["interpretation"].url, library["news"].url)
    topic = Topic.objects.get(pk=policy.topic_id)
    topic.name = "大气环境保护"
    topic.save()
    assert "大气环境保护" in fresh(visitor, policy.url)
    assert "大气环境保护" in fresh(visitor, "/zhengce/")  # the filter's choices
    still_cached(visitor, other.url, library["interpretation"].url, library["news"].url)


def test_an_agency_renamed_shows_on_its_documents(visitor, library):
    policy = library["policy"]
    fill(visitor, policy.url, library["news"].url)
    agency = Agency.objects.get(pk=policy.issuing_agency_id)
    agency.name = "浙江省生态环境厅（新）"
    agency.save()
    assert "浙江省生态环境厅（新）" in fresh(visitor, policy.url)
    still_cached(visitor, library["news"].url)


def test_a_division_renamed_shows_on_documents_and_interpretations(visitor, library):
    policy, other, interpretation = library["policy"], library["other"], library["interpretation"]
    factories.revise(interpretation, division=Division.objects.get(name="大气处"))
    fill(visitor, policy.url, interpretation.url, other.url)
    division = Division.objects.get(name="大气处")
    division.name = "大气环境处"
    division.save()
    assert "大气环境处" in fresh(visitor, policy.url)
    assert "大气环境处" in fresh(visitor, interpretation.url)
    still_cached(visitor, other.url)


def test_an_interpreter_renamed_shows_on_their_interpretation_and_its_document(visitor, library):
    policy = library["policy"]
    expert = factories.interpretation("expert", [policy], title="专家解读")
    fill(visitor, expert.url, policy.url, library["other"].url)
    person = Person.objects.get(pk=expert.interpreter_id)
    person.name = "李四教授"
    person.save()
    assert "李四教授" in fresh(visitor, expert.url)
    assert "李四教授" in fresh(visitor, policy.url)
    still_cached(visitor, library["other"].url)


def test_site_settings_show_on_every_page(visitor, library):
    urls = ["/", library["policy"].url, library["news"].url, "/search/?q=大气"]
    fill(visitor, *urls)
    settings = SiteSettings.for_site(factories.site()[0].get_site())
    settings.phone = "0571-12345678"
    settings.save()
    for url in urls:
        assert "0571-12345678" in fresh(visitor, url), url


# --- unpublishing, deleting and the office's actions ---------------------------------------------------------------


def test_an_unpublished_document_is_gone_from_its_page_listings_and_interpretations(visitor, library):
    policy, interpretation = library["policy"], library["interpretation"]
    fill(visitor, policy.url, "/zhengce/", "/", interpretation.url, library["other"].url)
    policy.unpublish()
    fresh(visitor, policy.url, status=404)
    assert policy.title not in fresh(visitor, "/zhengce/")
    assert policy.title not in fresh(visitor, "/")
    still_cached(visitor, library["other"].url)


def test_a_deleted_page_is_gone_from_its_page_and_its_listings(visitor, library):
    news = library["news"]
    fill(visitor, news.url, "/xinwen/", "/")
    Page.objects.get(pk=news.pk).delete()
    fresh(visitor, news.url, status=404)
    assert news.title not in fresh(visitor, "/xinwen/")
    assert news.title not in fresh(visitor, "/")


def test_a_deleted_interpretation_is_gone_from_its_document(visitor, library):
    policy, interpretation = library["policy"], library["interpretation"]
    fill(visitor, policy.url)
    Page.objects.get(pk=interpretation.pk).delete()
    assert interpretation.title not in fresh(visitor, policy.url)


def test_a_withdrawn_document_shows_its_notice_and_leaves_listings_and_search(visitor, library, office):
    policy = library["policy"]
    fill(visitor, policy.url, "/zhengce/", "/", "/search/?q=大气污染防治办法", library["other"].url)
    actions.withdraw(policy, office, "文件内容需要调整。")
    assert "文件内容需要调整" in fresh(visitor, policy.url)
    assert policy.title not in fresh(visitor, "/zhengce/")
    assert policy.title not in fresh(visitor, "/")
    assert policy.url not in fresh(visitor, "/search/?q=大气污染防治办法")
    still_cached(visitor, library["other"].url)


def test_a_page_removed_in_error_answers_410_at_once(visitor, library, office):
    news = library["news"]
    fill(visitor, news.url, "/xinwen/")
    actions.remove_in_error(news, office, "误发。")
    fresh(visitor, news.url, status=410)
    assert news.title not in fresh(visitor, "/xinwen/")


def test_a_superseded_page_redirects_at_once(visitor, library, office):
    policy, other = library["policy"], library["other"]
    fill(visitor, policy.url)
    actions.supersede(policy, office, other)
    response = visitor.get(policy.url)
    assert response.status_code == 301
    assert response.headers["Location"].endswith(other.url)


def test_no_stale_page_after_an_office_action_in_the_admin(client, visitor, library, office):
    policy = library["policy"]
    fill(visitor, policy.url, "/zhengce/")
    client.force_login(office)
    response = client.post(f"/admin/editorial/pages/{policy.pk}/withdraw/", {"reason": "撤回以便修改。"})
    assert response.status_code == 302
    assert "撤回以便修改" in fresh(Client(), policy.url)
    assert policy.title not in fresh(visitor, "/zhengce/")


def test_an_edit_published_in_the_admin_is_seen_at_once(client, visitor, library):
    news = library["news"]
    fill(visitor, news.url, "/xinwen/")
    client.force_login(factories.user("admin", superuser=True))
    draft = news.get_latest_revision_as_object()
    draft.title = "大气办法新闻发布会（更正）"
    draft.save_revision().publish()
    assert "（更正）" in fresh(visitor, news.url)
    assert "（更正）" in fresh(visitor, "/xinwen/")


# --- search and the APIs, on any change ----------------------------------------------------------------------------


def test_search_is_stale_after_any_publish(visitor, library):
    fill(visitor, "/search/?q=臭氧", "/api/search/?q=臭氧", "/api/v2/pages/?type=policies.PolicyPage")
    factories.policy("浙江省臭氧污染防治实施方案", source_id="test:ozone")
    assert "浙江省臭氧污染防治实施方案" in fresh(visitor, "/search/?q=臭氧")
    assert "浙江省臭氧污染防治实施方案" in fresh(visitor, "/api/search/?q=臭氧")
    assert "浙江省臭氧污染防治实施方案" in fresh(visitor, "/api/v2/pages/?type=policies.PolicyPage")


def test_feeds_and_the_sitemap_are_stale_after_any_publish(visitor, library):
    fill(visitor, "/feeds/policies/", "/sitemap.xml")
    page = factories.policy("浙江省臭氧污染防治实施方案", source_id="test:ozone")
    assert "浙江省臭氧污染防治实施方案" in fresh(visitor, "/feeds/policies/")
    assert page.url in fresh(visitor, "/sitemap.xml")
