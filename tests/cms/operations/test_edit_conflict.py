"""Two editors saving the same page: the later save based on an older revision is refused, nothing is lost."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from core.forms import RevisionConflictMixin
from home.models import NewsPage
from tests import factories

# Concurrent saves, decided by a subquery on the page row.
pytestmark = pytest.mark.postgresql


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def open_editor(client, page):
    """Return what the edit form posts as opened now, including the revision it was opened on."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    if hasattr(page.specific, "body"):
        # The admin builds the StreamField's inputs in JavaScript.
        blocks = [(block.block_type, dict(block.value)) for block in page.specific.body]
        data.update(nested_form_data({"body": streamfield(blocks)}))
    return data


def latest(page):
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


@pytest.fixture
def editors(client):
    from django.test import Client

    a, b = Client(), Client()
    a.force_login(factories.user("editor_a", superuser=True))
    b.force_login(factories.user("editor_b", superuser=True))
    return a, b


def pages():
    policy = factories.policy("浙江省固体废物污染环境防治条例", publish=False)
    qa = factories.interpretation(
        "qa", [policy], title="条例简明问答", publish=False, questions=[("适用范围？", "<p>全省。</p>", policy, 2)]
    )
    news = NewsPage(title="固体废物条例新闻发布会", summary="发布会摘要", live=False)
    factories.site()[3].add_child(instance=news)
    news.save_revision()
    return {"policy": policy, "interpretation": qa, "news": news}


@pytest.mark.parametrize("kind", ["policy", "interpretation", "news"])
def test_a_save_based_on_an_older_revision_is_refused_and_the_newer_edit_kept(editors, kind):
    page = pages()[kind]
    editor_a, editor_b = editors
    form_a, form_b = open_editor(editor_a, page), open_editor(editor_b, page)

    form_a["summary"] = "甲编辑改写的摘要"
    assert editor_a.post(edit_url(page), form_a).status_code == 302
    revisions = page.revisions.count()

    form_b["title"] = "乙编辑改写的标题"
    response = editor_b.post(edit_url(page), form_b)

    assert response.status_code == 200
    html = response.content.decode()
    assert "在您打开本页之后" in html and "editor_a" in html and "保存了新的版本" in html
    assert page.revisions.count() == revisions
    assert latest(page).summary == "甲编辑改写的摘要"
    assert latest(page).title == page.title
    # The form keeps what B typed, and now carries the latest revision: saving again is B's deliberate choice.
    assert "乙编辑改写的标题" in html
    again = querydict_from_html(html, form_id="page-edit-form")
    assert again["loaded_revision_id"] == str(type(page).objects.get(pk=page.pk).latest_revision_id)


def test_saves_in_turn_are_not_conflicts(editors):
    page = pages()["policy"]
    editor_a, editor_b = editors
    form_a = open_editor(editor_a, page)
    form_a["summary"] = "甲编辑改写的摘要"
    assert editor_a.post(edit_url(page), form_a).status_code == 302

    form_b = open_editor(editor_b, page)  # opened after A's save: B sees A's summary
    form_b["title"] = "乙编辑改写的标题"
    assert editor_b.post(edit_url(page), form_b).status_code == 302
    assert latest(page).summary == "甲编辑改写的摘要" and latest(page).title == "乙编辑改写的标题"


def test_without_the_check_wagtail_would_overwrite_silently(editors, monkeypatch):
    """Why the check exists: Wagtail 8 refuses only stale autosaves, a stale full save replaces the other edit."""
    monkeypatch.setattr(RevisionConflictMixin, "newer_revision", lambda form: None)
    page = pages()["policy"]
    editor_a, editor_b = editors
    form_a, form_b = open_editor(editor_a, page), open_editor(editor_b, page)
    form_a["summary"] = "甲编辑改写的摘要"
    assert editor_a.post(edit_url(page), form_a).status_code == 302
    assert editor_b.post(edit_url(page), form_b).status_code == 302
    assert latest(page).summary != "甲编辑改写的摘要"
