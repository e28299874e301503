"""What a citizen does, in a real browser at a phone's and a desktop's size: search, read, follow the Q&A's
citation to the article it cites and come back; and print a document."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

# A live server needs committed data; the serialized rollback restores what migrations created (the page
# tree's root, the root collection) after each test flushes the database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POLICY = "浙江省大气污染防治办法"
QA = "《浙江省大气污染防治办法》简明问答"


def test_search_read_follow_a_citation_and_come_back_on_a_phone_and_a_desktop(open_browser, public_site):
    # One site for both walks: building it and the browser cost more than a walk.
    for label, device in (("phone", PHONE), ("desktop", DESKTOP)):
        search_read_follow_a_citation_and_come_back(open_browser(label, **device), public_site)


def search_read_follow_a_citation_and_come_back(browsing, public_site):
    page = browsing.page

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("政策文件库")
    browsing.screenshot("home")

    # The search box is a combobox: titles are suggested while typing; Enter with none chosen searches.
    search = page.get_by_role("combobox", name="检索政策文件、解读和新闻")
    search.press_sequentially("大气污染防治", delay=20)
    expect(page.get_by_role("listbox", name="标题建议").get_by_role("option").first).to_be_visible()
    browsing.screenshot("query typed")
    search.press("Enter")
    page.wait_for_url("**/search/?q=*")
    results = page.locator(".search-results, main").first
    expect(results.get_by_role("link", name=POLICY, exact=True)).to_be_visible()
    browsing.screenshot("search results")

    results.get_by_role("link", name=POLICY, exact=True).click()
    page.wait_for_url(f"**{public_site['policy']}")
    expect(page.get_by_role("heading", level=1)).to_have_text(POLICY)
    browsing.screenshot("document")

    interpretations = page.locator("#interpretations")
    interpretations.get_by_role("link", name=QA).click()
    page.wait_for_url(f"**{public_site['qa']}")
    expect(page.get_by_role("heading", level=1)).to_have_text(QA)
    browsing.screenshot("qa")

    citation = page.get_by_role("link", name=f"依据：《{POLICY}》第三条").first  # the first of two answers citing it
    citation.click()
    page.wait_for_url(f"**{public_site['policy']}#article-3")
    article = page.locator("#article-3")
    expect(article).to_contain_text("排污单位应当依法申领排污许可证")
    expect(article).to_be_in_viewport()
    assert article.evaluate("element => element.matches(':target')")
    # The article carries a marker back to the answer citing it.
    expect(article.get_by_role("link", name="问答：哪些单位需要申领排污许可证？")).to_be_visible()
    browsing.screenshot("cited article")

    page.go_back()
    page.wait_for_url(f"**{public_site['qa']}")
    expect(page.get_by_role("heading", level=1)).to_have_text(QA)
    expect(citation).to_be_visible()
    browsing.screenshot("back at the qa")


def test_print_view_leaves_out_the_site_chrome(open_browser, public_site):
    browsing = open_browser(**DESKTOP)
    page = browsing.page
    page.goto(public_site["policy"])
    chrome = {
        "navigation": page.get_by_role("navigation", name="主导航"),
        "search box": page.locator("header").get_by_role("search"),
        "print button": page.get_by_role("button", name="打印本页"),
        "footer": page.locator(".site-footer"),
    }
    for element in chrome.values():
        expect(element).to_be_visible()

    page.emulate_media(media="print")
    for name, element in chrome.items():
        expect(element, name).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text(POLICY)
    expect(page.locator("#article-3")).to_contain_text("排污单位应当依法申领排污许可证")
    expect(page.locator(".meta-table")).to_contain_text("浙环发〔2020〕12号")
    browsing.screenshot("print view")

    pdf = browsing.folder / "print.pdf"
    page.pdf(path=pdf, format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")
