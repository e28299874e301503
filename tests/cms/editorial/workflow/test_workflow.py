"""The review workflow and 三同步, driven through the real admin views as each role.

A division editor submits from the edit view; each reviewer acts through Wagtail's workflow action URL
(what the dashboard's and the edit view's buttons post to); ``publish_scheduled`` runs as cron would.
"""

import json
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from cms.editorial.models.release import AwaitingRelease
from cms.editorial.models.tasks import (
    EXEMPTION_ACTION,
    SKIP_ACTION,
    DivisionHeadReviewTask,
    LegalityReviewTask,
    PublicationReviewTask,
)
from cms.editorial.workflow.release import RELEASE_CANCELLED_ACTION, RELEASED_ACTION, UNPUBLISHED_WITH_ACTION
from tests import factories, shared_data

EXEMPTION = "本文件仅调整厅内工作程序，不涉及公众权利义务，不作解读。"


# --- the desk: people, and what they do in the admin ------------------------------------------------------------


def build_people():
    """The divisions, roles and review workflow, and one account of each role: {attribute of Desk: user}."""
    factories.editorial()
    return {
        "editor": factories.user("daqi_editor", "起草处室编辑-大气处"),
        "head": factories.user("daqi_head", "处室负责人", "起草处室编辑-大气处"),
        "head2": factories.user("daqi_head2", "处室负责人", "起草处室编辑-大气处"),
        "shui_head": factories.user("shui_head", "处室负责人", "起草处室编辑-水处"),
        "legal": factories.user("fagui_reviewer", "法规处审核"),
        "publicity": factories.user("xuanjiao", "宣教中心审核"),
        "office": factories.user("office", "办公室"),
        "admin": factories.user("admin", superuser=True),
    }


class Desk:
    def __init__(self, capture, people):
        self.capture = capture
        for attribute, user in people.items():
            setattr(self, attribute, user)

    # pages

    def policy(self, title="浙江省大气污染防治示例办法", **fields):
        # An empty body: the StreamField editor is drawn by JavaScript, so the form the tests post has none.
        return factories.policy(title, publish=False, division="大气处", body_text="", **fields)

    def interpretation(self, policies, title="示例办法音视频解读", publish=False):
        return factories.interpretation("media", policies, title=title, publish=publish, division=policies[0].division)

    # the admin

    def client(self, user):
        client = Client()
        client.force_login(user)
        return client

    def post(self, user, url, data=None, **extra):
        with self.capture(execute=True):
            return self.client(user).post(url, data or {}, **extra)

    def edit_data(self, user, page, **changes):
        """Return what the edit form posts as `user` sees it, with `changes` (None removes a field)."""
        response = self.client(user).get(edit_url(page))
        assert response.status_code == 200
        html = response.content.decode()
        data = querydict_from_html(html, form_id="page-edit-form")
        # A checked checkbox without a value attribute posts "on" from a browser.
        for box in WagtailTestUtils.get_soup(html).select("#page-edit-form input[type=checkbox][checked]"):
            if "value" not in box.attrs:
                data[box["name"]] = "on"
        data.setdefault("body-count", "0")
        for name, value in changes.items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
        return data

    def save(self, user, page, **changes):
        response = self.post(user, edit_url(page), self.edit_data(user, page, **changes))
        assert response.status_code == 302, response.content.decode()[:2000]
        return response

    def write_exemption(self, page, text=EXEMPTION):
        """The division editor writes why the document is not interpreted (不解读的理由), and saves."""
        if "interpretation_exemption" in self.edit_data(self.editor, page):
            self.save(self.editor, page, interpretation_exemption=text)
        else:
            # PolicyPage's edit form does not offer the field yet: the editor's draft carries it all the same.
            draft = reload(page).get_latest_revision_as_object()
            draft.interpretation_exemption = text
            draft.save_revision(user=self.editor)

    def submit(self, user, page, **changes):
        data = self.edit_data(user, page, **changes)
        data["action-submit"] = "1"
        response = self.post(user, edit_url(page), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert reload(page).workflow_in_progress
        return response

    def act(self, user, page, action, data=None, **extra):
        state = reload(page).current_workflow_task_state
        assert state is not None, "not in review"
        return self.post(user, action_url(page, action, state), data, **extra)

    def approve(self, user, page, **data):
        response = self.act(user, page, "approve", data)
        assert response.status_code == 302, response.status_code
        return response

    def refused(self, user, page, action="approve", data=None):
        """Return whether the modal's (XMLHttpRequest) post of `action` is refused with 403, changing nothing."""
        before = task_states(page)
        response = self.act(user, page, action, data or {"comment": "意见"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        return response.status_code == 403 and task_states(page) == before

    def reject(self, user, page, comment):
        response = self.act(user, page, "reject", {"comment": comment})
        assert response.status_code == 302, response.status_code
        return response


@pytest.fixture(scope="module")
def built_people(django_db_setup, django_db_blocker):
    """The desk's people, built once for the module (tests/shared_data.py); every test gets them afresh."""
    yield from shared_data.build_once(django_db_blocker, build_people)


@pytest.fixture
def desk(django_capture_on_commit_callbacks, built_people):
    mail.outbox.clear()
    return Desk(django_capture_on_commit_callbacks, shared_data.fresh(built_people))


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def action_url(page, action, state):
    return f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/"


def reload(page):
    return Page.objects.get(pk=page.pk).specific


def current_task(page):
    return reload(page).current_workflow_task


def task_states(page):
    return list(TaskState.objects.for_instance(page).order_by("started_at", "pk").values_list("task__name", "status"))


def mails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


def log_actions(page):
    return list(
        PageLogEntry.objects.filter(page_id=page.pk).order_by("timestamp", "pk").values_list("action", flat=True)
    )


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# --- the whole way: draft → heads → (legality skipped) → publicity center → scheduled, together ---------------


@pytest.mark.postgresql
def test_policy_and_interpretation_pass_review_and_go_live_together(desk):
    policy = desk.policy()
    interpretation = desk.interpretation([policy])

    desk.submit(desk.editor, policy)
    desk.submit(desk.editor, interpretation)
    assert isinstance(current_task(policy), DivisionHeadReviewTask)

    # Each head of the drafting division is told, nobody else.
    subject = "待审核：《浙江省大气污染防治示例办法》（处室负责人审核）"
    assert [m.subject for m in mails_to(desk.head)].count(subject) == 1
    assert [m.subject for m in mails_to(desk.head2)].count(subject) == 1
    assert f"http://testserver/admin/pages/{policy.pk}/edit/" in mails_to(desk.head)[0].body
    for outsider in (desk.editor, desk.shui_head, desk.legal, desk.publicity, desk.admin):
        assert not mails_to(outsider), outsider
    assert len(mail.outbox) == 4  # two documents × two heads: Wagtail's own notifier sends nothing more

    # The interpretation first: head, then (no legality review for it) the publicity center.
    mail.outbox.clear()
    desk.approve(desk.head, interpretation, comment="同意")
    assert ("法规处合法性审核", TaskState.STATUS_SKIPPED) in task_states(interpretation)
    assert isinstance(current_task(interpretation), PublicationReviewTask)
    assert [m.subject for m in mails_to(desk.publicity)] == ["待审核：《示例办法音视频解读》（宣教中心终审）"]
    assert not mails_to(desk.legal)

    # The approve button opens a form with the publish time.
    state = reload(interpretation).current_workflow_task_state
    modal = desk.client(desk.publicity).get(
        action_url(interpretation, "approve", state), HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert "发布时间" in modal.json()["html"] and 'name="go_live_at"' in modal.json()["html"]
    desk.approve(desk.publicity, interpretation, comment="", go_live_at="")
    interpretation = reload(interpretation)
    assert interpretation.current_workflow_state is None
    assert not interpretation.live  # its document is still a draft
    waiting = AwaitingRelease.objects.get(page=interpretation)
    assert waiting.approved_by == desk.publicity

    # The document: head, legality skipped, publicity center approves with a time.
    desk.approve(desk.head, policy)
    assert ("法规处合法性审核", TaskState.STATUS_SKIPPED) in task_states(policy)
    go_live_at = timezone.now() + timedelta(hours=2)
    desk.approve(desk.publicity, policy, comment="定时发布", go_live_at=local(go_live_at))
    policy, interpretation = reload(policy), reload(interpretation)
    assert not policy.live and not interpretation.live
    assert policy.scheduled_revision is not None
    assert AwaitingRelease.objects.filter(page=interpretation).exists()

    # The dashboard of the publicity center shows both waiting.
    dashboard = desk.client(desk.publicity).get("/admin/").content.decode()
    assert "已通过审核、待随文件发布的解读" in dashboard
    assert "定时发布的政策文件" in dashboard

    call_command("publish_scheduled")
    assert not reload(policy).live  # not yet

    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=3)):
        call_command("publish_scheduled")
    policy, interpretation = reload(policy), reload(interpretation)
    assert policy.live and interpretation.live
    assert abs(interpretation.first_published_at - policy.first_published_at) < timedelta(seconds=5)
    assert not AwaitingRelease.objects.exists()
    assert RELEASED_ACTION in log_actions(interpretation)

    # The history says who did what.
    for page, names in (
        (policy, ("daqi_editor", "daqi_head", "xuanjiao")),
        (interpretation, ("daqi_editor", "daqi_head", "xuanjiao")),
    ):
        actions = log_actions(page)
        for action in ("wagtail.workflow.start", "wagtail.workflow.approve", SKIP_ACTION):
            assert action in actions
        history = desk.client(desk.office).get(f"/admin/pages/{page.pk}/history/")
        assert history.status_code == 200
        html = history.content.decode()
        for name in names:
            assert name in html
    assert "随文件发布" in desk.client(desk.office).get(f"/admin/pages/{interpretation.pk}/history/").content.decode()
    assert "wagtail.publish.schedule" in log_actions(policy)
    assert "wagtail.publish.scheduled" in log_actions(policy)


@pytest.mark.postgresql
def test_approving_a_document_now_releases_its_waiting_interpretation_at_once(desk):
    policy = desk.policy(is_normative=True)
    interpretation = desk.interpretation([policy])
    desk.submit(desk.editor, interpretation)
    desk.approve(desk.head, interpretation)
    desk.approve(desk.publicity, interpretation, go_live_at="")
    assert not reload(interpretation).live

    desk.submit(desk.editor, policy)
    desk.approve(desk.head, policy)
    assert isinstance(current_task(policy), LegalityReviewTask)
    desk.approve(desk.legal, policy)
    desk.approve(desk.publicity, policy, go_live_at="")
    assert reload(policy).live and reload(interpretation).live
    assert not AwaitingRelease.objects.exists()


def test_an_interpretation_of_a_live_document_is_published_on_approval(desk):
    policy = factories.policy("已发布的办法", division="大气处")
    interpretation = desk.interpretation([policy])
    desk.submit(desk.editor, interpretation)
    desk.approve(desk.head, interpretation)
    desk.approve(desk.publicity, interpretation, go_live_at="")
    assert reload(interpretation).live
    assert not AwaitingRelease.objects.exists()


@pytest.mark.postgresql
def test_an_interpretation_approved_while_its_document_is_scheduled_goes_out_with_it(desk):
    policy = desk.policy()
    desk.write_exemption(policy)
    desk.submit(desk.editor, policy)
    desk.approve(desk.head, policy)
    go_live_at = timezone.now() + timedelta(hours=2)
    desk.approve(desk.publicity, policy, go_live_at=local(go_live_at))
    assert reload(policy).scheduled_revision is not None

    interpretation = desk.interpretation([policy])
    desk.submit(desk.editor, interpretation)
    desk.approve(desk.head, interpretation)
    desk.approve(desk.publicity, interpretation, go_live_at="")
    assert not reload(interpretation).live
    assert AwaitingRelease.objects.filter(page=interpretation).exists()

    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=3)):
        call_command("publish_scheduled")
    assert reload(policy).live and reload(interpretation).live


@pytest.mark.postgresql
def test_resubmitting_an_interpretation_awaiting_release_withdraws_its_approval(desk):
    policy = desk.policy(is_normative=True)
    interpretation = desk.interpretation([policy])
    desk.submit(desk.editor, interpretation)
    desk.approve(desk.head, interpretation)
    desk.approve(desk.publicity, interpretation, go_live_at="")
    assert AwaitingRelease.objects.filter(page=interpretation).exists()

    desk.submit(desk.editor, interpretation, summary="改过的摘要")
    assert not AwaitingRelease.objects.filter(page=interpretation).exists()
    assert RELEASE_CANCELLED_ACTION in log_actions(interpretation)
    # The document can no longer lean on it.
    desk.submit(desk.editor, policy)
    desk.approve(desk.head, policy)
    desk.approve(desk.legal, policy)
    assert desk.act(desk.publicity, policy, "approve", {"go_live_at": ""})["Location"].endswith("/release-blocked/")


# --- force-published, then reviewed: the "not yet reviewed" flag ----------------------------------------------


def force_publish(desk, user, page):
    response = desk.post(user, f"/admin/editorial/pages/{page.pk}/force-publish/", {"reason": "紧急：公众关切"})
    assert response.status_code == 302
    page = reload(page)
    assert page.live and page.unreviewed
    return page


def test_a_review_by_someone_else_clears_the_not_yet_reviewed_flag(desk):
    policy = force_publish(desk, desk.office, desk.policy())
    desk.write_exemption(policy)
    desk.submit(desk.editor, policy)
    desk.approve(desk.head, policy)
    desk.approve(desk.publicity, policy, go_live_at="")
    policy = reload(policy)
    assert policy.live and not policy.unreviewed
    assert policy.force_publish_reason == "紧急：公众关切"


def test_the_force_publisher_approving_it_does_not_clear_the_flag(desk):
    both = factories.user("office_and_publicity", "办公室", "宣教中心审核")
    policy = force_publish(desk, both, desk.policy())
    desk.write_exemption(policy)
    desk.submit(desk.editor, policy)
    desk.approve(desk.head, policy)
    desk.approve(both, policy, go_live_at="")
    policy = reload(policy)
    assert policy.current_workflow_state is None
    assert policy.unreviewed


def test_the_publish_button_does_not_put_an_interpretation_before_its_document(desk):
    policy = desk.policy()
    interpretation = desk.interpretation([policy])
    data = desk.edit_data(desk.office, interpretation)
    data["action-publish"] = "1"
    response = desk.post(desk.office, edit_url(interpretation), data)
    assert response.status_code == 302
    assert not reload(interpretation).live
    factories.policy("另一份已发布的办法", division="大气处")  # unrelated: still not enough
    desk.post(desk.office, edit_url(interpretation), data)
    assert not reload(interpretation).live

    policy.get_latest_revision().publish(skip_permission_checks=True)
    data = desk.edit_data(desk.office, interpretation)
    data["action-publish"] = "1"
    desk.post(desk.office, edit_url(interpretation), data)
    assert reload(interpretation).live


# --- the legality step --------------------------------------------------------------------------------------


def test_a_normative_document_waits_for_the_legality_review(desk):
    policy = desk.policy(is_normative=True)
    desk.submit(desk.editor, policy)
    desk.approve(desk.head, policy)
    assert isinstance(current_task(policy), LegalityReviewTask)
    assert [m.subject for m in mails_to(desk.legal)] == ["待审核：《浙江省大气污染防治示例办法》（法规处合法性审核）"]
    # The publicity center cannot act yet.
    assert desk.refused(desk.publicity, policy)
    desk.approve(desk.legal, policy, comment="合法性审核通过")
    assert isinstance(current_task(policy), PublicationReviewTask)
    assert [status for name, status in task_states(policy) if name == "法规处合法性审核"] == [TaskState.STATUS_APPROVED]


def test_a_document_that_is_not_normative_skips_the_legality_review(desk):
    policy = desk.policy()
    desk.submit(desk.editor, policy)
    desk.approve(desk.head, policy)
    assert isinstance(current_task(policy), PublicationReviewTask)
    assert task_states(policy) == [
        ("处室负责人审核", TaskState.STATUS_APPROVED),
        ("法规处合法性审核", TaskState.STATUS_SKIPPED),
        ("宣教中心终审", TaskState.STATUS_IN_PROGRESS),
    ]
    assert not mails_to(desk.legal)


# --- rejection and resubmission -------------------------------------------------------------------------------


def test_rejection_needs_a_comment_returns_to_the_author_and_resubmission_starts_again(desk):
    policy = desk.policy()
    desk.submit(desk.editor, policy)
    desk.approve(desk.head, policy)

    # Without a comment: the modal shows the error, nothing happens (also without JavaScript).
    response = desk.act(desk.publicity, policy, "reject", {"comment": "  "}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    assert "退回修改必须填写意见" in response.json()["html"]
    desk.act(desk.publicity, policy, "reject", {"comment": ""})
    assert isinstance(current_task(policy), PublicationReviewTask)
    assert reload(policy).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    mail.outbox.clear()
    desk.reject(desk.publicity, policy, "请补充政策背景说明。")
    state = WorkflowState.objects.for_instance(policy).get(status=WorkflowState.STATUS_NEEDS_CHANGES)
    assert state.current_task_state.comment == "请补充政策背景说明。"
    (notice,) = mails_to(desk.editor)
    assert notice.subject == "已退回修改：《浙江省大气污染防治示例办法》（宣教中心终审）"
    assert "请补充政策背景说明。" in notice.body
    assert "xuanjiao" in notice.body
    assert len(mail.outbox) == 1  # Wagtail's own rejection mail is not sent as well

    # The author edits and resubmits: the review starts again from the first step.
    mail.outbox.clear()
    desk.submit(desk.editor, policy, summary="补充了政策背景说明。")
    assert isinstance(current_task(policy), DivisionHeadReviewTask)
    assert reload(policy).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert {m.to[0] for m in mail.outbox} == {desk.head.email, desk.head2.email}
    assert "wagtail.workflow.reject" in log_actions(policy)


# --- the second pair of eyes ----------------------------------------------------------------------------------


def test_nobody_approves_what_they_submitted(desk):
    policy = desk.policy()
    desk.submit(desk.head, policy)  # a head drafting their division's document
    for user in (desk.head, desk.editor, desk.shui_head, desk.publicity):
        assert desk.refused(user, policy), user
        assert desk.refused(user, policy, "reject"), user
    # Without JavaScript the refusal is Wagtail's "no permission" message on the dashboard.
    response = desk.act(desk.head, policy, "approve", {})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert isinstance(current_task(policy), DivisionHeadReviewTask)
    # Only the other head of 大气处 was told and may approve.
    assert [m.to[0] for m in mail.outbox] == [desk.head2.email]
    dashboard = desk.client(desk.head2).get("/admin/").content.decode()
    state = reload(policy).current_workflow_task_state
    assert action_url(policy, "approve", state) in dashboard
    assert action_url(policy, "approve", state) not in desk.client(desk.head).get("/admin/").content.decode()
    desk.approve(desk.head2, policy)
    assert isinstance(current_task(policy), PublicationReviewTask)


def test_the_last_editor_cannot_approve(desk):
    policy = desk.policy()
    desk.submit(desk.editor, policy)
    # The head edits the document under review instead of sending it back…
    desk.save(desk.head, policy, summary="负责人改过的摘要")
    assert reload(policy).get_latest_revision().user == desk.head
    # …and so cannot approve it (the page is now locked for them, too); the other head can.
    assert desk.refused(desk.head, policy)
    assert desk.refused(desk.head, policy, "reject")
    desk.approve(desk.head2, policy)
    # The approval was for the earlier version: the edited one is reviewed from the first step again.
    assert isinstance(current_task(policy), DivisionHeadReviewTask)
    assert desk.refused(desk.head, policy)


def test_superusers_follow_the_same_rule(desk):
    policy = desk.policy()
    desk.submit(desk.admin, policy)
    assert desk.refused(desk.admin, policy)
    desk.approve(desk.head, policy)


def test_the_submitter_cannot_edit_while_in_review(desk):
    policy = desk.policy()
    desk.submit(desk.editor, policy)
    data = desk.edit_data(desk.editor, policy, summary="偷偷改动")
    response = desk.post(desk.editor, edit_url(policy), data)
    assert response.status_code == 200
    assert reload(policy).get_latest_revision_as_object().summary != "偷偷改动"


# --- 三同步: no final approval without an approved interpretation or a recorded exemption ---------------------


def test_a_normative_document_without_interpretation_cannot_pass_final_approval(desk):
    policy = desk.policy(is_normative=True)
    desk.submit(desk.editor, policy)
    desk.approve(desk.head, policy)
    desk.approve(desk.legal, policy)

    response = desk.act(desk.publicity, policy, "approve", {"go_live_at": ""})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/editorial/pages/{policy.pk}/release-blocked/"
    page = desk.client(desk.publicity).get(response["Location"])
    assert page.status_code == 200
    assert "该文件需要同步解读：尚无通过审核的解读，也未记录不解读的理由" in page.content.decode()
    assert isinstance(current_task(policy), PublicationReviewTask)
    assert not reload(policy).live

    # The same from the edit view's approve button.
    data = desk.edit_data(desk.publicity, policy)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    response = desk.post(desk.publicity, edit_url(policy), data)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/editorial/pages/{policy.pk}/release-blocked/"
    assert isinstance(current_task(policy), PublicationReviewTask)

    # An interpretation still in review does not count either.
    interpretation = desk.interpretation([policy])
    desk.submit(desk.editor, interpretation)
    assert desk.act(desk.publicity, policy, "approve", {"go_live_at": ""})["Location"].endswith("/release-blocked/")

    # Sent back, the division writes why it does not interpret; the exemption is recorded at final approval.
    desk.reject(desk.publicity, policy, "请补充解读或写明不解读的理由。")
    desk.write_exemption(policy)
    desk.submit(desk.editor, policy)
    desk.approve(desk.head, policy)
    desk.approve(desk.legal, policy)
    desk.approve(desk.publicity, policy, go_live_at="")
    assert reload(policy).live
    entry = PageLogEntry.objects.get(page_id=policy.pk, action=EXEMPTION_ACTION)
    assert entry.user == desk.publicity
    assert entry.data["reason"] == EXEMPTION
    history = desk.client(desk.office).get(f"/admin/pages/{policy.pk}/history/").content.decode()
    assert "不解读豁免" in history
    # The interpretation under review is not published with it: it has not passed review.
    assert not reload(interpretation).live


def test_a_document_that_needs_no_interpretation_passes_without_one(desk):
    policy = desk.policy()
    desk.submit(desk.editor, policy, needs_interpretation=None)  # unticked
    assert not reload(policy).get_latest_revision_as_object().needs_interpretation
    desk.approve(desk.head, policy)
    desk.approve(desk.publicity, policy, go_live_at="")
    assert reload(policy).live
    assert not PageLogEntry.objects.filter(page_id=policy.pk, action=EXEMPTION_ACTION).exists()


@pytest.mark.postgresql
def test_approving_from_the_edit_view_schedules_as_well(desk):
    policy = desk.policy()
    desk.write_exemption(policy)
    desk.submit(desk.editor, policy)
    desk.approve(desk.head, policy)
    # The edit view's approve button opens the same form; the edit view then posts what it collected.
    go_live_at = timezone.now() + timedelta(hours=2)
    data = desk.edit_data(desk.publicity, policy)
    data.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "同意", "go_live_at": go_live_at.isoformat()}),
        }
    )
    assert desk.post(desk.publicity, edit_url(policy), data).status_code == 302
    policy = reload(policy)
    assert not policy.live
    assert abs(policy.scheduled_revision.approved_go_live_at - go_live_at) < timedelta(seconds=1)
    assert policy.current_workflow_state is None


def test_the_publish_time_must_be_in_the_future(desk):
    policy = desk.policy()
    desk.write_exemption(policy)
    desk.submit(desk.editor, policy)
    desk.approve(desk.head, policy)
    past = local(timezone.now() - timedelta(days=1))
    response = desk.act(desk.publicity, policy, "approve", {"go_live_at": past}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert "发布时间必须晚于当前时间" in response.json()["html"]
    assert isinstance(current_task(policy), PublicationReviewTask)


# --- a document going offline takes its orphaned interpretations with it --------------------------------------


@pytest.mark.postgresql
def test_unpublishing_a_document_unpublishes_its_orphaned_interpretations(desk):
    first = factories.policy("第一份办法", division="大气处")
    second = factories.policy("第二份办法", division="大气处")
    only_first = factories.interpretation("media", [first], title="只解读第一份")
    both = factories.interpretation("media", [first, second], title="解读两份")

    response = desk.post(desk.office, f"/admin/pages/{first.pk}/unpublish/")
    assert response.status_code == 302
    assert not reload(first).live
    assert not reload(only_first).live
    assert reload(both).live
    entry = PageLogEntry.objects.get(page_id=only_first.pk, action=UNPUBLISHED_WITH_ACTION)
    assert entry.user == desk.office
    assert entry.data["policy"]["id"] == first.pk


# --- setup ---------------------------------------------------------------------------------------------------


def test_setup_roles_creates_the_workflow(settings, tmp_path):
    from wagtail.models import Workflow, WorkflowPage

    from policies.models import Division

    settings.ROLE_ACCOUNTS_FILE = tmp_path / "accounts.txt"
    Division.objects.create(name="大气处", slug="daqi")
    call_command("setup_roles", "--groups-only", stdout=StringIO())
    call_command("setup_roles", "--groups-only", stdout=StringIO())
    workflow = Workflow.objects.get(name="政策文件与解读审核")
    assert [task.name for task in workflow.tasks] == ["处室负责人审核", "法规处合法性审核", "宣教中心终审"]
    _home, policy_index, interpretation_index, _news = factories.site()
    assert WorkflowPage.objects.filter(workflow=workflow, page__in=[policy_index, interpretation_index]).count() == 2
