"""Creating a page through the admin: a create form posted twice makes one page, and an address already used by a
sibling is refused with a Chinese message that says which page has it and what to type instead."""

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from cms.editorial.drafting import create_once
from interpretations.models import InterpretationPage
from tests import factories

TITLE = "示例办法文字解读"


@pytest.fixture
def editor():
    factories.editorial()
    return factories.user("daqi_editor", "起草处室编辑-大气处")


@pytest.fixture
def create_form(editor):
    """(client, action URL, form data) of a new 文字解读 of a document, as the editor's browser would post it."""
    policy = factories.policy("浙江省大气污染防治示例办法", division="大气处")
    client = Client()
    client.force_login(editor)
    html = client.get(f"/admin/editorial/policies/{policy.pk}/interpretations/add/text/").content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data.update({"title": TITLE, "slug": "shili-jiedu", "sections-count": "0"})
    action = WagtailTestUtils.get_soup(html).select_one("#page-edit-form")["action"]
    return client, action, data


def test_a_create_form_posted_twice_makes_one_page(create_form):
    client, action, data = create_form
    first = client.post(action, data)
    assert first.status_code == 302, first.content.decode()[:1500]
    (page,) = InterpretationPage.objects.filter(title=TITLE)
    assert first["Location"] == f"/admin/pages/{page.pk}/edit/"

    # The same form again (a double click): no second page, no slug clash with the first; its edit view instead.
    second = client.post(action, data, follow=True)
    assert InterpretationPage.objects.filter(title=TITLE).count() == 1
    assert second.redirect_chain == [(f"/admin/pages/{page.pk}/edit/", 302)]
    # (The first post's "created" message, which that double click never showed, comes first.)
    assert [str(m).strip() for m in second.context["messages"]][-1] == (
        f"「{TITLE}」已经创建（同一表单提交了两次，没有再建一个页面），这里是它的编辑页面。"
    )

    # The autosave's post of the same form gets the answer Wagtail's create view gives, naming that page.
    autosave = client.post(action, data, HTTP_ACCEPT="application/json").json()
    assert autosave["success"] and autosave["pk"] == page.pk
    assert autosave["url"] == f"/admin/pages/{page.pk}/edit/"
    assert InterpretationPage.objects.filter(title=TITLE).count() == 1


def test_each_create_form_is_its_own(create_form):
    client, action, data = create_form
    assert client.post(action, data).status_code == 302
    # A new form (a new token) for another page: created, as long as its address is free.
    fresh = querydict_from_html(client.get(action).content.decode(), form_id="page-edit-form")
    fresh.update({key: value for key, value in data.items() if key != "editorial_create_token"})
    fresh.update({"title": "另一篇文字解读", "slug": "ling-yi-pian"})
    assert fresh["editorial_create_token"] != data["editorial_create_token"]
    assert client.post(action, fresh).status_code == 302
    assert InterpretationPage.objects.count() == 2


def test_an_address_used_by_a_sibling_gets_a_chinese_message_saying_what_to_do(create_form):
    client, action, data = create_form
    factories.interpretation("text", [factories.policy("另一份办法")], title="已有的解读")
    Page.objects.filter(title="已有的解读").update(slug="shili-jiedu")
    factories.interpretation("text", [factories.policy("第三份办法")], title="又一篇解读")
    Page.objects.filter(title="又一篇解读").update(slug="shili-jiedu-2")

    response = client.post(action, data)
    assert response.status_code == 200
    assert not InterpretationPage.objects.filter(title=TITLE).exists()
    soup = WagtailTestUtils.get_soup(response.content.decode())
    errors = [error.get_text(strip=True) for error in soup.select(".w-field__errors, .error-message")]
    message = next(error for error in errors if "该地址" in error)
    assert message.startswith("该地址已被同级页面「已有的解读」使用，请修改“")
    assert message.endswith("”字段（页面地址的最后一段），例如改为“shili-jiedu-3”。")
    assert "already in use" not in response.content.decode()


def test_a_post_that_makes_no_page_gives_its_claim_back_so_the_next_post_goes_ahead_at_once(create_form, editor):
    client, action, data = create_form
    factories.interpretation("text", [factories.policy("另一份办法")], title="已有的解读")
    Page.objects.filter(title="已有的解读").update(slug="shili-jiedu")
    claim = f"editorial:create-once:{editor.pk}:{data[create_once.FIELD]}"

    refused = client.post(action, data)  # the address is taken: the form comes back with the error
    assert refused.status_code == 200
    # Nothing left claiming the form: a second post of it neither waits for a page that never came nor is refused.
    assert cache.get(claim) is None

    data["slug"] = "shili-jiedu-xin"
    created = client.post(action, data)
    (page,) = InterpretationPage.objects.filter(title=TITLE)
    assert created["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert cache.get(claim) == page.pk
