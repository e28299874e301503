"""为本文件添加解读: from a document's edit view, a new interpretation of the chosen kind, linked to the document and
owned by its drafting division, through the admin as each role sees it."""

import pytest
from django.test import Client
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from interpretations.models import InterpretationPage
from tests import factories

KINDS = ["文字解读", "简明问答", "一图读懂", "专家解读", "音视频解读", "领导解读"]


@pytest.fixture
def people():
    factories.editorial()
    return {
        "editor": factories.user("daqi_editor", "起草处室编辑-大气处"),
        "shui_editor": factories.user("shui_editor", "起草处室编辑-水处"),
        "legal": factories.user("fagui_reviewer", "法规处审核"),
        "admin": factories.user("admin", superuser=True),
    }


def client(user):
    browser = Client()
    browser.force_login(user)
    return browser


def refused(response):
    """Wagtail's answer to a permission refused: back to the dashboard, with its "no permission" message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def offered(user, policy):
    """The kinds the edit view of `policy` offers `user` under 为本文件添加解读 (None: no such section)."""
    response = client(user).get(f"/admin/pages/{policy.pk}/edit/")
    if response.status_code != 200:
        return None
    bar = WagtailTestUtils.get_soup(response.content.decode()).select_one("[data-editorial-add-interpretation]")
    return [link.get_text(strip=True) for link in bar.select("a")] if bar else []


def test_a_document_offers_each_kind_and_the_new_interpretation_is_linked_and_owned(people):
    policy = factories.policy("浙江省大气污染防治示例办法", publish=False, division="大气处", body_text="")
    editor = people["editor"]
    assert offered(editor, policy) == KINDS

    # 简明问答: the blank form already names the document and the division.
    browser = client(editor)
    url = f"/admin/editorial/policies/{policy.pk}/interpretations/add/qa/"
    form = browser.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    assert data["policy_links-0-policy"] == str(policy.pk)
    assert data["division"] == str(policy.division_id)
    action = WagtailTestUtils.get_soup(html).select_one("#page-edit-form")["action"]

    # Saved through Wagtail's own create view, as the form posts it.
    data["title"] = "示例办法简明问答"
    data["slug"] = "shili-wenda"
    response = browser.post(action, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    (page,) = InterpretationPage.objects.filter(title="示例办法简明问答")
    page = page.specific
    assert page.kind == "qa"
    assert page.division == policy.division
    assert [link.policy_id for link in page.policy_links.all()] == [policy.pk]
    assert page.get_parent().pk == factories.site()[2].pk  # 政策解读, where every interpretation lives


def test_only_those_who_may_draft_for_the_division_are_offered_it(people):
    policy = factories.policy("浙江省大气污染防治示例办法", division="大气处")
    # Another division's editor sees the live document read-only, and no way to interpret it for 大气处.
    assert not offered(people["shui_editor"], policy)
    shui_url = f"/admin/editorial/policies/{policy.pk}/interpretations/add/text/"
    assert refused(client(people["shui_editor"]).get(shui_url))
    # The legality reviewer creates no interpretations.
    assert not offered(people["legal"], policy)
    # A superuser may; a kind that does not exist is refused.
    assert offered(people["admin"], policy) == KINDS
    assert refused(client(people["admin"]).get(shui_url.replace("/text/", "/poem/")))
    assert not InterpretationPage.objects.exists()
