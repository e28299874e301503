"""The public pages' layout at a phone's and a desktop's size: a short header with a menu button, one search box,
the library's filters folded, nothing wider than a 320px screen, and a reading column of 35–40 characters."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, NARROW_PHONE, PHONE

# A live server needs committed data; the serialized rollback restores what migrations created (the page
# tree's root, the root collection) after each test flushes the database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# What a citizen reads on a phone: every page the issue names (the policy page has interpretations).
PHONE_PAGES = [
    "home",
    "policy library",
    "policy",
    "qa",
    "search",
    "news",
    "consultations",
    "platform",
    "disclosure guide",
]


def measure(page):
    """Return what the layout checks need of the page as it is drawn.

    A phone's browser zooms out to show a page wider than the screen, and window.innerWidth then grows with
    it: the screen's width is the viewport Playwright was given.
    """
    found = page.evaluate(
        """() => {
            const visible = element => element.getClientRects().length > 0
                && getComputedStyle(element).visibility !== 'hidden';
            return {
                scrollWidth: document.documentElement.scrollWidth,
                innerWidth: window.innerWidth,
                innerHeight: window.innerHeight,
                header: document.querySelector('.site-header').getBoundingClientRect().height,
                searchBoxes: [...document.querySelectorAll('form[role=search]')].filter(visible).length,
            };
        }"""
    )
    found["screenWidth"] = page.viewport_size["width"]
    return found


def characters_per_line(page, selector):
    """How many Chinese characters (each one em wide) a line of the first such paragraph holds."""
    return page.locator(selector).first.evaluate(
        "p => p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize)"
    )


def check_phone_page(browsing, name, url):
    page = browsing.page
    page.goto(url)
    found = measure(page)
    width = found["screenWidth"]
    assert found["scrollWidth"] <= width and found["innerWidth"] <= width, (
        f"{name} at {width}px: {found['scrollWidth']}px wide"
    )
    assert found["header"] <= found["innerHeight"] / 4, f"{name} at {width}px: header {found['header']}px"
    assert found["searchBoxes"] == 1, f"{name} at {width}px: {found['searchBoxes']} search boxes"
    browsing.screenshot(f"{name} {width}px")


def test_the_layout_on_phones_and_on_a_desktop(open_browser, public_site):
    # One site for both walks: building it and the browser cost more than a walk.
    phone_header_menu_filters_and_no_overflow(open_browser, public_site)
    desktop_reading_column_and_open_filters(open_browser, public_site)


def phone_header_menu_filters_and_no_overflow(open_browser, public_site):
    narrow = open_browser(**NARROW_PHONE)
    for name in PHONE_PAGES:
        check_phone_page(narrow, name, public_site[name])
    # The answers citing an article wrap under it rather than run past the screen's edge.
    narrow.page.goto(public_site["policy"])
    citations = narrow.page.locator("#article-3 .article__citations")
    expect(citations.get_by_role("link")).to_have_count(2)
    assert citations.evaluate("note => note.getBoundingClientRect().right") <= 320

    browsing = open_browser(**PHONE)
    page = browsing.page
    check_phone_page(browsing, "policy", public_site["policy"])

    # 菜单 folds the navigation; it opens and closes from the keyboard, Escape giving the focus back.
    menu = page.get_by_role("button", name="菜单")
    navigation = page.get_by_role("navigation", name="主导航")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(navigation).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(navigation.get_by_role("link", name="政策解读")).to_be_visible()
    browsing.screenshot("menu open")
    # Tab goes on in the order the header is drawn: into what 菜单 opened, right under it, then the search box.
    search = page.get_by_role("search", name="全站搜索")
    assert navigation.bounding_box()["y"] > menu.bounding_box()["y"]
    assert search.bounding_box()["y"] > navigation.bounding_box()["y"]
    links = navigation.get_by_role("link")
    for index in range(links.count()):
        page.keyboard.press("Tab")
        expect(links.nth(index)).to_be_focused()
    page.keyboard.press("Tab")
    expect(search.get_by_label("搜索", exact=True)).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(links.last).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(navigation).to_be_hidden()

    # The library's filters sit behind one control.
    page.goto(public_site["policy library"])
    topic = page.get_by_label("主题分类")
    expect(topic).to_be_hidden()
    page.get_by_text("筛选文件").click()
    expect(topic).to_be_visible()
    browsing.screenshot("library filters open")
    page.goto(public_site["policy library, filtered"])
    expect(page.locator(".filters-fold__summary")).to_have_text("筛选文件（已选 3 项）")

    # Without scripts the menu is a link opening the navigation (:target), and the header stays as short.
    plain = open_browser(java_script_enabled=False, **PHONE)
    plain.page.goto(public_site["policy"])
    assert measure(plain.page)["header"] <= 844 / 4
    plain_navigation = plain.page.get_by_role("navigation", name="主导航")
    expect(plain_navigation).to_be_hidden()
    expect(plain.page.get_by_role("button", name="长者模式")).to_be_hidden()
    plain.page.get_by_role("link", name="菜单").click()
    expect(plain_navigation.get_by_role("link", name="新闻发布")).to_be_visible()
    plain.screenshot("menu without scripts")


def desktop_reading_column_and_open_filters(open_browser, public_site):
    browsing = open_browser("desktop", **DESKTOP)
    page = browsing.page
    for name, paragraph in [
        ("policy", ".policy-body .article p"),
        ("qa", ".qa-item__answer p"),
        ("text", ".interpretation__body p"),
    ]:
        page.goto(public_site[name])
        per_line = characters_per_line(page, paragraph)
        assert 35 <= per_line <= 40, f"{name}: {per_line:.1f} characters a line"
        browsing.screenshot(name)

    # The wide screen shows the navigation and the filters without a menu or a fold.
    page.goto(public_site["policy library"])
    expect(page.get_by_role("button", name="菜单")).to_be_hidden()
    expect(page.get_by_role("navigation", name="主导航").get_by_role("link", name="新闻发布")).to_be_visible()
    expect(page.get_by_label("主题分类")).to_be_visible()
    assert measure(page)["searchBoxes"] == 1
    browsing.screenshot("policy library")
