"""The review demo: an item waits at each step for each role, none of it is public, a second run changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.test import Client, override_settings
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from cms.editorial.models.release import AwaitingRelease
from cms.editorial.models.tasks import SKIP_ACTION
from cms.editorial.office.actions import FORCE_PUBLISH
from consultations.models import FeedbackReportPage
from demo import review
from policies.models import PolicyPage
from tests import shared_data

from .commands import run

# The worker that runs test_demo.py runs this module too, so the demo both take is loaded once (conftest.py).
# On PostgreSQL too: commands writing many rows, workflow states among them, idempotent.
pytestmark = [pytest.mark.xdist_group("test_demo"), pytest.mark.postgresql]

COUNTED = [Page, Revision, WorkflowState, TaskState, PageLogEntry, AwaitingRelease, get_user_model()]


def snapshot():
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    pages = list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id", "live", "last_published_at"))
    workflow_states = list(
        WorkflowState.objects.order_by("pk").values_list("pk", "status", "current_task_state_id", "requested_by_id")
    )
    task_states = list(TaskState.objects.order_by("pk").values_list("pk", "task_id", "status", "finished_by_id"))
    return counts, pages, workflow_states, task_states


@pytest.fixture(scope="module")
def demo(initial_demo, django_db_blocker, tmp_path_factory):
    """Add the roles and the review demo, twice, to the package's demo; roll them back after the module.

    Yields the output of each run of load_review_demo and the snapshot taken after each.
    """
    accounts_file = tmp_path_factory.mktemp("accounts") / "role-accounts.txt"

    def load_review_demo_twice():
        run("setup_roles")
        first_output = run("load_review_demo")
        first = snapshot()
        second_output = run("load_review_demo")
        return first_output, first, second_output, snapshot()

    with override_settings(ROLE_ACCOUNTS_FILE=accounts_file):
        yield from shared_data.build_once(django_db_blocker, load_review_demo_twice)


def user(name):
    return get_user_model().objects.get(username=name)


def item(key):
    return next(entry for entry in review.items() if entry.key == key)


def policy(key):
    return PolicyPage.objects.get(source_id=review.source_id(key))


def interpretation(key):
    return Page.objects.get(slug=item(key).interpretation["slug"]).specific


def step(page):
    """Return the name of the step `page` waits at, or None."""
    task = Page.objects.get(pk=page.pk).specific.current_workflow_task
    return task.name if task else None


def can_act(page, name):
    page = Page.objects.get(pk=page.pk).specific
    return bool(page.current_workflow_task.get_actions(page, user(name)))


def demo_pages():
    pages = []
    for entry in review.items():
        pages.append(policy(entry.key))
        if entry.interpretation:
            pages.append(interpretation(entry.key))
    return pages


def drafts():
    """Every demo page but the force-published alert."""
    alert = policy("hjh-pollution-alert")
    return [page for page in demo_pages() if page.pk != alert.pk]


# --- idempotence --------------------------------------------------------------------------------------------------


def test_a_second_run_creates_and_changes_nothing(demo):
    first_output, first, second_output, second = demo
    assert first == second
    assert "新建演示事项 6 项" in first_output
    assert "演示事项均已存在（6 项），未作改动" in second_output
    # Both runs print the same table of who acts.
    assert first_output.split("新建")[0] == second_output.split("演示事项均已存在")[0]


def test_the_table_says_who_acts_at_each_step(demo):
    first_output = demo[0]
    lines = first_output.splitlines()
    expected = [
        ("浙江省非道路移动机械排放监督管理办法", "起草中（未提交）", "daqi_editor"),
        ("帮扶指导", "处室负责人审核", "daqi_head"),
        ("浙江省重污染天气应急减排清单管理办法", "法规处合法性审核", "fagui_reviewer"),
        ("《浙江省重污染天气应急减排清单管理办法》政策解读", "宣教中心终审", "xuanjiao"),
        ("浙江省机动车排放检验机构监督管理办法", "宣教中心终审", "xuanjiao"),
        ("机动车排放检验机构监管新规五问五答", "已通过终审，待随文件发布", "-"),
        ("餐饮油烟", "退回修改（宣教中心终审）", "daqi_editor"),
        ("杭嘉湖地区重污染", "未经审核发布，待确认审核", "admin"),
    ]
    for title, step_name, who in expected:
        assert any(title in line and step_name in line and line.rstrip().endswith(who) for line in lines), title


def test_refuses_without_the_role_accounts(demo):
    user("xuanjiao").delete()
    with pytest.raises(CommandError, match="请先运行 setup_roles"):
        run("load_review_demo")


# --- a step for each role --------------------------------------------------------------------------------------------


def test_drafts_saved_by_the_division_editor_and_not_submitted(demo):
    editor = user("daqi_editor")
    for page in (policy("nonroad-machinery"), interpretation("nonroad-machinery")):
        assert page.division.name == "大气处"
        assert page.owner == editor
        assert page.get_latest_revision().user == editor
        assert not WorkflowState.objects.for_instance(page).exists()
        assert not page.live
    assert [link.policy_id for link in interpretation("nonroad-machinery").policy_links.all()] == [
        policy("nonroad-machinery").pk
    ]


def test_a_notice_waits_for_the_division_head(demo):
    page = policy("winter-enterprise-support")
    assert step(page) == "处室负责人审核"
    assert page.current_workflow_state.requested_by == user("daqi_editor")
    assert can_act(page, "daqi_head")
    for name in ("daqi_editor", "shui_editor", "fagui_reviewer", "xuanjiao", "office"):
        assert not can_act(page, name), name
    # It carries the reason not to interpret it, so its final approval will not be refused (三同步).
    assert page.get_latest_revision_as_object().interpretation_exemption


def test_a_normative_document_waits_for_legality_review_and_its_interpretation_for_the_publicity_center(demo):
    document, text = policy("emergency-reduction-list"), interpretation("emergency-reduction-list")
    assert document.is_normative
    assert step(document) == "法规处合法性审核"
    assert can_act(document, "fagui_reviewer")
    assert not can_act(document, "daqi_editor") and not can_act(document, "xuanjiao")

    assert step(text) == "宣教中心终审"
    assert can_act(text, "xuanjiao")
    assert not can_act(text, "daqi_editor") and not can_act(text, "fagui_reviewer")
    skipped = TaskState.objects.for_instance(text).get(task__name="法规处合法性审核")
    assert skipped.status == TaskState.STATUS_SKIPPED
    assert PageLogEntry.objects.filter(page_id=text.pk, action=SKIP_ACTION).exists()

    for page in (document, text):
        approved = TaskState.objects.for_instance(page).get(task__name="处室负责人审核")
        assert approved.status == TaskState.STATUS_APPROVED and approved.finished_by == user("daqi_head")


def test_a_document_waits_for_final_approval_with_its_interpretation_awaiting_release(demo):
    document, qa = policy("vehicle-testing-agencies"), interpretation("vehicle-testing-agencies")
    assert step(document) == "宣教中心终审"
    assert can_act(document, "xuanjiao")
    assert not can_act(document, "daqi_editor") and not can_act(document, "daqi_head")
    finished = dict(
        TaskState.objects.for_instance(document)
        .filter(status=TaskState.STATUS_APPROVED)
        .values_list("task__name", "finished_by__username")
    )
    assert finished == {"处室负责人审核": "daqi_head", "法规处合法性审核": "fagui_reviewer"}

    waiting = AwaitingRelease.objects.get(page=qa)
    assert waiting.approved_by == user("xuanjiao")
    assert qa.current_workflow_state is None and not qa.live
    assert {(q.cited_policy_id, q.cited_article) for q in qa.questions.all()} == {
        (document.pk, n) for n in (2, 4, 5, 6, 9)
    }


def test_approving_the_waiting_document_publishes_both_together(demo, django_capture_on_commit_callbacks):
    """What the newcomer signed in as xuanjiao does: the approve button of the workflow action view."""
    document, qa = policy("vehicle-testing-agencies"), interpretation("vehicle-testing-agencies")
    client = Client()
    client.force_login(user("xuanjiao"))
    state = Page.objects.get(pk=document.pk).specific.current_workflow_task_state
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/workflow/action/{document.pk}/approve/{state.pk}/", {"comment": "", "go_live_at": ""}
        )
    assert response.status_code == 302
    document, qa = PolicyPage.objects.get(pk=document.pk), Page.objects.get(pk=qa.pk)
    assert document.live and qa.live
    assert not AwaitingRelease.objects.filter(page=qa).exists()
    assert Client().get(qa.url).status_code == 200


def test_a_rejected_notice_is_back_with_its_editor_with_a_comment(demo):
    page = policy("catering-fumes")
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.requested_by == user("daqi_editor")
    rejected = state.current_task_state
    assert rejected.task.name == "宣教中心终审"
    assert rejected.status == TaskState.STATUS_REJECTED
    assert rejected.finished_by == user("xuanjiao")
    assert "85%" in rejected.comment and "90%" in rejected.comment
    assert page.current_workflow_task is None  # nobody reviews it until the editor resubmits
    assert not page.live


def test_a_force_published_alert_waits_for_someone_else_to_confirm_its_review(demo):
    page = policy("hjh-pollution-alert")
    assert page.live and page.unreviewed and page.force_publish_reason
    entry = PageLogEntry.objects.get(page_id=page.pk, action=FORCE_PUBLISH)
    assert entry.user == user("office")
    assert not WorkflowState.objects.for_instance(page).exists()
    assert review.current_step(page) == ("未经审核发布，待确认审核", ["admin"])


def test_each_reviewer_finds_their_item_on_the_dashboard(demo):
    for name, key, page_of in (
        ("daqi_head", "winter-enterprise-support", policy),
        ("fagui_reviewer", "emergency-reduction-list", policy),
        ("xuanjiao", "emergency-reduction-list", interpretation),
        ("xuanjiao", "vehicle-testing-agencies", policy),
    ):
        client = Client()
        client.force_login(user(name))
        page = page_of(key)
        assert page.title in client.get("/admin/").content.decode(), (name, page.title)
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


# --- nothing of it is public ------------------------------------------------------------------------------------------


def test_no_draft_is_live_or_public(demo, client):
    pages = drafts()
    assert len(pages) == 8
    assert not any(page.live for page in pages)
    listings = {
        url: client.get(url).content.decode()
        for url in ("/zhengce/", "/jiedu/", "/feeds/policies/", "/feeds/interpretations/", "/sitemap.xml")
    }
    api_ids = {entry["id"] for entry in client.get("/api/v2/pages/", {"limit": 100}).json()["items"]}
    for page in pages:
        for url, body in listings.items():
            assert page.title not in body, (url, page.title)
        assert page.pk not in api_ids
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        assert client.get(page.url).status_code == 404
    for word in ("非道路移动机械", "涉气重点企业帮扶", "排放检验机构", "餐饮油烟"):
        body = client.get("/search/", {"q": word}).content.decode()
        # A hit's title is the whole text of its link: a consultation's title may contain a draft's (its future
        # document's) without being it.
        assert not [page.title for page in pages if f">{page.title}</a>" in body], word


def test_every_live_demo_page_still_renders(demo, client):
    for page in Page.objects.live().specific():
        if page.url is None or page.depth < 2:
            continue
        response = client.get(page.url)
        if isinstance(page, FeedbackReportPage):
            # A feedback report is read on its consultation's page, where its address leads.
            assert response["Location"] == page.consultation.url + "#feedback"
            response = client.get(page.consultation.url)
        assert response.status_code == 200, page.url
