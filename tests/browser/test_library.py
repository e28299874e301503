"""The policy library in a real browser at a phone's and a desktop's size: a keyword, the order, the years offered;
and the site shell's information pages the footer leads to."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OLDER = "浙江省排污许可管理暂行办法"
NEWER = "浙江省大气污染防治办法"


def unfold_filters(page):
    """Open the filters where the layout folds them behind one control (筛选文件, a <details>: on a phone)."""
    fold = page.locator("details:has(form.filters), form.filters details").first
    if fold.count() and not fold.evaluate("element => element.open"):
        summary = fold.locator("summary").first
        if summary.is_visible():  # on a wide screen the filters show without it
            summary.click()


def titles(page):
    return page.locator("main .card__title a").all_inner_texts()


def test_find_a_document_by_keyword_and_change_the_order_on_a_phone_and_a_desktop(open_browser, public_site):
    # One site for both walks: building it and the browser cost more than a walk.
    for label, device in (("phone", PHONE), ("desktop", DESKTOP)):
        find_a_document_by_keyword_and_change_the_order(open_browser(label, **device))


def find_a_document_by_keyword_and_change_the_order(browsing):
    page = browsing.page

    page.goto("/zhengce/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert titles(page) == [NEWER, OLDER]
    unfold_filters(page)
    year = page.get_by_label("发布年份")
    assert year.locator("option").all_inner_texts() == ["全部", "2020", "2018"]
    browsing.screenshot("library")

    page.get_by_label("关键词").fill("排污许可")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**/zhengce/?*q=*")
    expect(page.get_by_text("共 2 件文件")).to_be_visible()
    assert titles(page) == [OLDER, NEWER]  # by relevance: the title holding the keyword first
    browsing.screenshot("keyword, by relevance")

    unfold_filters(page)
    expect(page.get_by_label("关键词")).to_have_value("排污许可")
    page.get_by_label("排序").select_option(label="最新发布在前")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**sort=newest*")
    assert titles(page) == [NEWER, OLDER]
    browsing.screenshot("keyword, newest first")

    page.goto("/dingyue/")
    expect(page.get_by_role("heading", level=1)).to_have_text("订阅")
    expect(page.locator("code").first).to_contain_text("/feeds/policies/")
    browsing.screenshot("subscribe")

    page.get_by_role("contentinfo").get_by_role("link", name="网站地图").click()
    page.wait_for_url("**/ditu/")
    expect(page.get_by_role("heading", level=1)).to_have_text("网站地图")
    browsing.screenshot("site map")
