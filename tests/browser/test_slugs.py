"""Readable addresses through the real admin: Wagtail's editor fills the slug in from a Chinese title (its script),
and the page saved takes the title's pinyin instead."""

import pytest
from playwright.sync_api import expect

from home.models import NewsPage
from tests import factories

from .conftest import DESKTOP

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "省生态环境厅召开蓝天保卫战新闻发布会"


def test_a_page_created_in_the_admin_gets_a_pinyin_address(open_browser):
    news_index = factories.site()[3]
    factories.user("admin", superuser=True)
    browsing = open_browser(**DESKTOP)
    page = browsing.page
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill("admin")
    page.locator("input[name=password]").fill("pw")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")

    page.goto(f"/admin/pages/add/home/newspage/{news_index.pk}/")
    title = page.get_by_placeholder("页面标题*")
    title.fill(TITLE)
    title.blur()
    slug = page.locator("input[name=slug]")
    # The editor's own script keeps the Chinese characters (WAGTAIL_ALLOW_UNICODE_SLUGS)...
    expect(slug).to_have_value(TITLE)
    browsing.screenshot("title typed")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator("input[name=slug]")).to_have_value("sheng-shengtaihuanjingting-zhaokai")
    browsing.screenshot("draft saved")
    # ...and the page saved has its pinyin, cut between words at 50 characters (蓝天保卫战 would pass them).
    saved = NewsPage.objects.get(title=TITLE)
    assert saved.slug == "sheng-shengtaihuanjingting-zhaokai"
