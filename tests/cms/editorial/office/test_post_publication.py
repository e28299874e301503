"""After publication: the office force-publishes, withdraws, removes and supersedes; major changes leave a note.

Every action goes through the real admin views, signed in through the client as the office (办公室) or as a
division editor, who is refused.
"""

import pytest
from wagtail.models import Page, PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from cms.editorial.office import actions
from policies.models import ChangeNote, PolicyPage
from tests import factories

EDITOR_GROUP = "起草处室编辑-大气处"


@pytest.fixture
def office(client):
    factories.editorial()
    return factories.user("office", "办公室")


@pytest.fixture
def office2():
    return factories.user("office2", "办公室")


@pytest.fixture
def editor():
    return factories.user("daqi_editor", EDITOR_GROUP)


def url(name, page):
    return f"/admin/editorial/pages/{page.pk}/{name}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def as_user(client, user):
    client.force_login(user)
    return client


def form_errors(response):
    form = response.context["form"]
    return [str(error) for errors in form.errors.values() for error in errors]


def logged(page, action):
    return PageLogEntry.objects.filter(page_id=page.pk, action=action)


# --- who may act --------------------------------------------------------------------------------------------


def test_division_editor_is_refused_every_action(client, office, editor):
    policy = factories.policy("浙江省扬尘污染防治办法")
    as_user(client, editor)
    for name in ("force-publish", "mark-reviewed", "withdraw", "remove", "supersede"):
        assert client.get(url(name, policy)).status_code == 403
        assert client.post(url(name, policy), {"reason": "试图越权"}).status_code == 403
    policy = fresh(policy)
    assert policy.live and not policy.is_withdrawn and not policy.is_removed
    body = client.get(edit_url(policy)).content.decode()
    assert url("withdraw", policy) not in body


def test_office_sees_the_actions_in_the_page_header(client, office):
    policy = factories.policy("浙江省扬尘污染防治办法")
    body = as_user(client, office).get(edit_url(policy)).content.decode()
    for name in ("withdraw", "remove", "supersede"):
        assert url(name, policy) in body
    assert url("mark-reviewed", policy) not in body  # nothing to confirm yet


# --- force-publishing ---------------------------------------------------------------------------------------


def test_force_publish_with_reason_publishes_now_and_flags_unreviewed(client, office):
    draft = factories.policy("浙江省重污染天气应急预案", publish=False)
    as_user(client, office)
    assert client.get(url("force-publish", draft)).status_code == 200

    response = client.post(url("force-publish", draft), {"reason": "重污染天气预警，须立即发布"})

    assert response.status_code == 302 and response["Location"] == edit_url(draft)
    page = fresh(draft)
    assert page.live and page.unreviewed
    assert page.force_publish_reason == "重污染天气预警，须立即发布"
    entry = logged(page, actions.FORCE_PUBLISH).get()
    assert entry.user == office and entry.data["reason"] == "重污染天气预警，须立即发布"
    assert client.get(page.url).status_code == 200
    # The flag shows in the admin: in the page header and on the office's dashboard.
    assert url("mark-reviewed", page) in client.get(edit_url(page)).content.decode()
    dashboard = client.get("/admin/").content.decode()
    assert "editorial-unreviewed" in dashboard and "浙江省重污染天气应急预案" in dashboard


def test_force_publish_without_reason_is_refused_and_publishes_nothing(client, office):
    draft = factories.policy("浙江省重污染天气应急预案", publish=False)
    response = as_user(client, office).post(url("force-publish", draft), {"reason": "   "})
    assert response.status_code == 200
    assert form_errors(response)
    page = fresh(draft)
    assert not page.live and not page.unreviewed
    assert not logged(page, actions.FORCE_PUBLISH).exists()


def test_force_publish_of_a_page_in_review_ends_the_review(client, office, editor):
    workflow = factories.editorial()
    draft = factories.policy("浙江省重污染天气应急预案", publish=False)
    workflow.start(draft, editor)
    response = as_user(client, office).post(url("force-publish", draft), {"reason": "预警"})
    assert response.status_code == 302
    page = fresh(draft)
    assert page.live and page.unreviewed
    assert page.current_workflow_state is None


def test_force_publish_of_interpretation_needs_a_live_policy(client, office):
    draft_policy = factories.policy("尚未发布的文件", publish=False)
    orphan = factories.interpretation("text", [draft_policy], title="提前解读", publish=False)
    response = as_user(client, office).post(url("force-publish", orphan), {"reason": "紧急"})
    assert response.status_code == 200
    assert any("尚未发布" in error for error in form_errors(response))
    assert not fresh(orphan).live

    withdrawn_policy = factories.policy("已撤回的文件")
    client.post(url("withdraw", withdrawn_policy), {"reason": "修订中"})
    orphan = factories.interpretation("text", [withdrawn_policy], title="撤回文件的解读", publish=False)
    assert client.post(url("force-publish", orphan), {"reason": "紧急"}).status_code == 200
    assert not fresh(orphan).live

    live_policy = factories.policy("浙江省排污许可管理办法")
    interpretation = factories.interpretation("text", [live_policy], title="排污许可解读", publish=False)
    response = client.post(url("force-publish", interpretation), {"reason": "紧急"})
    assert response.status_code == 302
    assert fresh(interpretation).live and fresh(interpretation).unreviewed


def test_mark_reviewed_needs_someone_else(client, office, office2):
    draft = factories.policy("浙江省重污染天气应急预案", publish=False)
    as_user(client, office).post(url("force-publish", draft), {"reason": "预警"})

    response = client.post(url("mark-reviewed", draft))
    assert response.status_code == 200
    assert any("不能确认自己" in error for error in form_errors(response))
    assert fresh(draft).unreviewed

    response = as_user(client, office2).post(url("mark-reviewed", draft))
    assert response.status_code == 302
    page = fresh(draft)
    assert page.live and not page.unreviewed
    assert logged(page, actions.MARK_REVIEWED).get().user == office2
    assert "editorial-unreviewed" not in client.get("/admin/").content.decode()  # the dashboard panel is gone


# --- withdrawing --------------------------------------------------------------------------------------------


def public_channels(client, page):
    """Return where a citizen finds `page`: {channel: found}."""
    api = client.get("/api/v2/pages/", {"limit": 100}).json()["items"]
    return {
        "listing": page.title in client.get("/zhengce/").content.decode(),
        "search": page.title in client.get("/search/", {"q": "危险废物"}).content.decode(),
        "api": page.pk in {item["id"] for item in api},
        "api_detail": client.get(f"/api/v2/pages/{page.pk}/").status_code == 200,
        "feed": page.title in client.get("/feeds/policies/").content.decode(),
        "sitemap": page.url in client.get("/sitemap.xml").content.decode(),
    }


@pytest.mark.postgresql
def test_withdraw_keeps_the_page_with_a_notice_and_hides_it_everywhere(client, office):
    policy = factories.policy("浙江省危险废物管理办法")
    assert all(public_channels(client, policy).values())

    as_user(client, office)
    assert client.post(url("withdraw", policy), {"reason": ""}).status_code == 200
    assert not fresh(policy).is_withdrawn
    response = client.post(url("withdraw", policy), {"reason": "该文件所附名录有误，正在修订"})
    assert response.status_code == 302

    client.logout()
    page = client.get(policy.url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "本页面已于" in body and "撤回：该文件所附名录有误，正在修订" in body
    assert public_channels(client, policy) == dict.fromkeys(public_channels(client, policy), False)
    assert logged(policy, actions.WITHDRAW).get().data["reason"] == "该文件所附名录有误，正在修订"


def test_publishing_any_revision_keeps_the_withdrawal(office):
    policy = factories.policy("浙江省噪声污染防治办法")
    old_revision = policy.latest_revision
    actions.withdraw(policy, office, "正在修订")
    fresh(policy).save_revision().publish()
    assert fresh(policy).withdrawal_reason == "正在修订"
    old_revision.publish()  # a revert to a revision made before the withdrawal
    assert fresh(policy).is_withdrawn


@pytest.mark.postgresql
def test_withdrawn_interpretation_shows_the_notice(client, office):
    policy = factories.policy("浙江省排污许可管理办法")
    interpretation = factories.interpretation("qa", [policy], title="排污许可问答")
    as_user(client, office).post(url("withdraw", interpretation), {"reason": "问答已合并到文字解读"})
    client.logout()
    body = client.get(interpretation.url).content.decode()
    assert "撤回：问答已合并到文字解读" in body
    assert "排污许可问答" not in client.get(policy.url).content.decode()


# --- removing a page published in error ---------------------------------------------------------------------


@pytest.mark.postgresql
def test_remove_in_error_answers_410_without_the_reason(client, office):
    policy = factories.policy("浙江省危险废物管理办法")
    old_url = policy.url
    as_user(client, office)
    assert client.post(url("remove", policy), {"reason": ""}).status_code == 200
    response = client.post(url("remove", policy), {"reason": "内部征求意见稿被误发布"})
    assert response.status_code == 302

    client.logout()
    gone = client.get(old_url)
    assert gone.status_code == 410
    body = gone.content.decode()
    assert "页面已删除" in body
    assert "征求意见稿" not in body and "Traceback" not in body
    assert not any(public_channels(client, policy).values())
    page = fresh(policy)
    assert not page.live and page.is_removed and page.removal_reason == "内部征求意见稿被误发布"
    # Any other missing page is still an ordinary 404.
    assert client.get("/zhengce/no-such-document/").status_code == 404


# --- superseding --------------------------------------------------------------------------------------------


def test_supersede_redirects_permanently_to_the_replacement(client, office):
    old = factories.policy("浙江省危险废物管理办法（2016）", doc_number="浙环发〔2016〕1号")
    new = factories.policy("浙江省危险废物管理办法", doc_number="浙环发〔2024〕1号")
    draft = factories.policy("尚未发布的文件", publish=False)
    old_url = old.url
    as_user(client, office)
    assert client.get(url("supersede", old)).status_code == 200

    response = client.post(url("supersede", old), {"replacement": draft.pk})
    assert response.status_code == 200 and form_errors(response)
    assert fresh(old).live

    response = client.post(url("supersede", old), {"replacement": new.pk})
    assert response.status_code == 302

    client.logout()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(new.url)
    assert not fresh(old).live
    assert logged(old, actions.SUPERSEDE).get().data["replacement"]["id"] == new.pk


# --- the history --------------------------------------------------------------------------------------------


def test_history_lists_the_office_actions(client, office, office2):
    draft = factories.policy("浙江省重污染天气应急预案", publish=False)
    as_user(client, office).post(url("force-publish", draft), {"reason": "重污染天气预警"})
    as_user(client, office2).post(url("mark-reviewed", draft))
    client.post(url("withdraw", draft), {"reason": "预警已解除"})
    client.post(url("remove", draft), {"reason": "误发布"})

    body = client.get(f"/admin/pages/{draft.pk}/history/").content.decode()
    for label in ("紧急发布（未经审核）", "确认已审核", "撤回", "错误发布删除"):
        assert label in body
    assert "重污染天气预警" in body and "预警已解除" in body


# --- major and minor changes --------------------------------------------------------------------------------


def body_data(page):
    """The body StreamField as the edit form posts it (the admin builds these inputs in JavaScript)."""
    return streamfield([(block.block_type, dict(block.value)) for block in page.body])


def edit_form_data(client, page, **changes):
    """Return what the edit form of `page` posts, with `changes` applied."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    if isinstance(page, PolicyPage):
        data.update(nested_form_data({"body": body_data(page)}))
    for key, value in changes.items():
        data[key] = value
    return data


def test_new_and_unpublished_documents_have_no_change_type(client, office):
    policy_index = factories.site()[1]
    body = as_user(client, office).get(f"/admin/pages/add/policies/policypage/{policy_index.pk}/").content.decode()
    assert "修改类型" not in body
    draft = factories.policy("尚未发布的文件", publish=False)
    assert "修改类型" not in client.get(edit_url(draft)).content.decode()
    live = factories.policy("浙江省危险废物管理办法")
    body = client.get(edit_url(live)).content.decode()
    assert "修改类型" in body and "重大修改" in body and "一般修改" in body


def test_major_change_needs_a_note_and_publishes_it_as_update_record(client, office, editor):
    policy = factories.policy("浙江省危险废物管理办法")
    as_user(client, editor)

    response = client.post(edit_url(policy), edit_form_data(client, policy, summary="新摘要", change_type="major"))
    assert response.status_code == 200
    assert "重大修改须填写更新说明" in response.content.decode()
    assert not ChangeNote.objects.filter(page=policy).exists()

    data = edit_form_data(client, policy, summary="新摘要", change_type="major", change_note="调整了第三条的适用范围")
    response = client.post(edit_url(policy), data)
    assert response.status_code == 302
    # Saved in the draft only: the public page does not show it yet.
    assert "调整了第三条的适用范围" not in client.get(policy.url).content.decode()

    PolicyPage.objects.get(pk=policy.pk).get_latest_revision().publish()

    client.logout()
    body = client.get(policy.url).content.decode()
    assert "更新记录" in body and "调整了第三条的适用范围" in body
    assert list(ChangeNote.objects.filter(page=policy).values_list("note", flat=True)) == ["调整了第三条的适用范围"]


def test_an_interpretations_major_change_is_its_update_record_as_a_documents_is(client, office):
    policy = factories.policy("浙江省危险废物管理办法")
    expert = factories.interpretation("expert", [policy], title="专家谈危险废物管理办法", commentary="<p>解读。</p>")
    as_user(client, office)
    data = edit_form_data(client, expert, change_type="major", change_note="补充了第五条的解读")
    assert client.post(edit_url(expert), data).status_code == 302
    fresh(expert).get_latest_revision().publish()
    client.logout()
    body = client.get(expert.url).content.decode()
    assert "更新记录" in body and "补充了第五条的解读" in body
    assert "补充了第五条的解读" not in client.get(policy.url).content.decode()


def test_minor_change_adds_no_note(client, office, editor):
    policy = factories.policy("浙江省危险废物管理办法")
    as_user(client, editor)
    data = edit_form_data(client, policy, summary="更正错别字", change_type="minor", change_note="")
    assert client.post(edit_url(policy), data).status_code == 302
    PolicyPage.objects.get(pk=policy.pk).get_latest_revision().publish()
    page = fresh(policy)
    assert page.summary == "更正错别字"
    assert not page.change_notes.exists()
    assert "更新记录" not in client.get(policy.url).content.decode()
