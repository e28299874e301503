"""The admin's strings that only its JavaScript writes (the rich-text editor's placeholder, the validation bar, the
minimap, the side panels) are Chinese too: a division editor opens a new text interpretation at 1366×900.

The server-rendered screens of every role are checked without a browser (tests/demo/test_admin_language.py).
"""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.demo.admin_screens import english_words

from .conftest import DESKTOP
from .test_editorial import desk, sign_in  # noqa: F401  (desk is a fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_edit_view_speaks_chinese_also_where_javascript_writes(open_browser, desk):  # noqa: F811
    browsing = open_browser(**DESKTOP)
    page = browsing.page
    sign_in(browsing, "daqi_editor")
    interpretation_index = factories.site()[2]

    page.goto(f"/admin/pages/add/interpretations/textinterpretationpage/{interpretation_index.pk}/")
    page.get_by_role("button", name="插入内容块").first.click()  # a section: a heading and an empty rich text
    page.locator(".public-DraftEditor-content").first.click()
    # The empty rich text's placeholder: Wagtail writes it as the ::before content of the focused empty line.
    page.wait_for_function(
        """text => [...document.querySelectorAll(".Draftail-block--empty")].some(
            line => getComputedStyle(line, "::before").content.includes(text))""",
        arg="输入正文，或输入“/”插入内容块",
    )
    page.locator(".public-DraftEditor-content").first.evaluate("line => line.scrollIntoView({block: 'center'})")
    browsing.screenshot("editor opens a new text interpretation")
    assert english_words(page.inner_text("body")) == []

    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("存在校验错误，页面未能创建。")).to_be_visible()
    expect(page.get_by_role("button", name="转到第一处错误")).to_be_visible()
    browsing.screenshot("the validation bar")
    assert english_words(page.inner_text("body")) == []
