"""A page form counts as changed only what the editor changed, so approving from the edit view stays possible."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import Page

from cms.editorial.models.tasks import PublicationReviewTask
from tests import factories


def posted_form(html):
    """Return the data the browser would post for the page edit form in `html`, as it was rendered."""
    data = {}
    for field in (
        BeautifulSoup(html, "html.parser").find("form", id="page-edit-form").find_all(["input", "textarea", "select"])
    ):
        name = field.get("name")
        if not name or (field.get("type") in ("checkbox", "radio") and not field.has_attr("checked")):
            continue
        if field.name == "select":
            option = field.find("option", selected=True)
            data[name] = option.get("value") if option else ""
        else:
            data[name] = field.text if field.name == "textarea" else field.get("value", "")
    return data


@pytest.fixture
def submitted(client):
    """A Q&A of 大气处 (stored as plain text, as imports do) submitted by its editor; the head signed in."""
    factories.editorial()
    editor = factories.user("daqi_editor", "起草处室编辑-大气处")
    factories.user("daqi_head", "处室负责人", "起草处室编辑-大气处")
    policy = factories.policy("浙江省大气污染防治办法", division="大气处")
    page = factories.interpretation(
        "qa",
        [policy],
        publish=False,
        division=policy.division,
        questions=[("哪些单位需要申领？", "排污单位。", policy, 3)],
    )
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    client.force_login(get_user_model().objects.get(username="daqi_head"))
    return page


def approve_from_edit_view(client, page, **changes):
    url = f"/admin/pages/{page.pk}/edit/"
    data = {**posted_form(client.get(url).content.decode()), **changes}
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    return client.post(url, data)


def test_approving_an_unedited_page_from_the_edit_view_saves_no_revision_and_moves_on(client, submitted):
    approve_from_edit_view(client, submitted)
    page = Page.objects.get(pk=submitted.pk).specific
    assert page.latest_revision.user.username == "daqi_editor"
    assert isinstance(page.current_workflow_task, PublicationReviewTask)


def test_an_edit_by_the_reviewer_still_counts_as_a_change(client, submitted):
    block = {
        "key": "a1",
        "text": "新的回答。",
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    approve_from_edit_view(
        client, submitted, **{"questions-0-answer": json.dumps({"blocks": [block], "entityMap": {}})}
    )
    assert Page.objects.get(pk=submitted.pk).latest_revision.user.username == "daqi_head"
