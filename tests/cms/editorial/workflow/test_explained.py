"""The review explains itself in the admin: what a sent-back page shows, one word for sending back (退回修改),
a step that does not apply drawn as skipped, and what a reviewer is told after acting from the dashboard.
"""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.models import TaskState
from wagtail.test.utils import WagtailTestUtils

from tests import factories, shared_data

from .test_workflow import Desk, action_url, build_people, edit_url, reload

REASON = "请补充政策背景说明。"
TITLE = "浙江省大气污染防治示例办法"


@pytest.fixture(scope="module")
def built_people(django_db_setup, django_db_blocker):
    """The desk's people, built once for the module (tests/shared_data.py); every test gets them afresh."""
    yield from shared_data.build_once(django_db_blocker, build_people)


@pytest.fixture
def desk(django_capture_on_commit_callbacks, built_people):
    return Desk(django_capture_on_commit_callbacks, shared_data.fresh(built_people))


def act_from_dashboard(desk, user, page, action, **data):
    """Take `action` as the dashboard's buttons do; return the dashboard the reviewer lands on, and its messages."""
    client = desk.client(user)
    state = reload(page).current_workflow_task_state
    with desk.capture(execute=True):
        response = client.post(action_url(page, action, state), {"next": "/admin/", **data}, follow=True)
    assert response.redirect_chain[-1] == ("/admin/", 302), response.redirect_chain
    return [str(message).strip() for message in response.context["messages"]]


def soup(response):
    assert response.status_code == 200
    return WagtailTestUtils.get_soup(response.content.decode())


def words(element):
    return re.sub(r"\s+", "", element.get_text()) if element is not None else ""


def timeline(desk, user, page):
    """The steps of the review in the edit view's status dialog: [(name, status, text)]."""
    response = desk.client(user).get(edit_url(page))
    assert response.status_code == 200
    # The dialog sits in a <template> (moved into place by a script): parse the timeline on its own.
    (markup,) = re.findall(r'<ol class="workflow-timeline">.*?</ol>', response.content.decode(), re.S)
    items = WagtailTestUtils.get_soup(markup).select("li[data-step-status]")
    return [(item.strong.get_text(strip=True), item["data-step-status"], words_seen(item)) for item in items]


def words_seen(element):
    """The text a sighted reader sees (an icon's screen-reader label left out)."""
    for hidden in element.select(".w-sr-only"):
        hidden.decompose()
    return words(element)


def sent_back_notice(desk, user, page):
    return soup(desk.client(user).get(edit_url(page))).select_one("[data-editorial-sent-back]")


def test_a_sent_back_page_says_who_when_and_why_until_it_is_resubmitted(desk):
    policy = desk.policy(TITLE)
    desk.submit(desk.editor, policy)
    assert sent_back_notice(desk, desk.editor, policy) is None  # in review: nothing was sent back

    # Approving from the dashboard says what happened and where the document went (the legality step skipped).
    assert act_from_dashboard(desk, desk.head, policy, "approve") == [
        f"已通过「{TITLE}」的处室负责人审核（法规处合法性审核不适用，已跳过），已转交宣教中心终审。"
    ]
    # Sending back says so too, in the same words.
    assert act_from_dashboard(desk, desk.publicity, policy, "reject", comment=REASON) == [
        f"已将「{TITLE}」退回修改（宣教中心终审），已通知提交人 daqi_editor。"
    ]

    notice = sent_back_notice(desk, desk.editor, policy)
    rejected = TaskState.objects.get(status=TaskState.STATUS_REJECTED)
    moment = timezone.localtime(rejected.finished_at).strftime("%Y-%m-%d%H:%M")
    assert words(notice.h2) == "已退回修改"
    assert f"xuanjiao于{moment}在“宣教中心终审”一步退回修改。" in words(notice)
    assert f"退回意见：{REASON}" in words(notice)
    # The review's timeline says the same, in the same words.
    assert timeline(desk, desk.editor, policy)[2] == (
        "宣教中心终审",
        "rejected",
        f"宣教中心终审已退回修改（xuanjiao）退回意见：{REASON}",
    )
    # The status side panel titles it 已退回修改 (not 审核中), naming the reviewer, not the submitter, here and atop
    # the review's dialog.
    response = desk.client(desk.editor).get(edit_url(policy))
    status = soup(response).select_one("[data-side-panel='status']")
    said = f"xuanjiao于{moment}在“宣教中心终审”一步退回修改。"
    assert words_seen(status.select_one("[data-editorial-status-sent-back] h3")) == "已退回修改"
    assert words(status.select_one("[data-editorial-status-sent-back] .w-help-text")) == said
    assert "审核中" not in words_seen(status)
    # The dialog sits in a <template>, as for timeline(): its heading read on its own.
    (dialog,) = re.findall(r'<div id="workflow-status-dialog".*?</strong>', response.content.decode(), re.S)
    assert words(WagtailTestUtils.get_soup(dialog).select_one(".w-dialog__message-heading")) == said
    # The reviewers see it as well, at the top of the form.
    assert sent_back_notice(desk, desk.head, policy) is not None

    # The page history names the event 退回修改 (our label, not the catalogue's), with the reason.
    history = words(soup(desk.client(desk.office).get(f"/admin/pages/{policy.pk}/history/")))
    assert "工作流：退回修改" in history
    assert f"在“宣教中心终审”一步退回修改评论:{REASON}" in history.replace("评论：", "评论:")

    # Resubmitted, the notice is gone.
    desk.submit(desk.editor, policy, summary="补充了政策背景说明。")
    assert sent_back_notice(desk, desk.editor, policy) is None


def test_a_live_page_sent_back_shows_its_live_version_and_who_sent_the_change_back(desk):
    """The live entry is Wagtail's, worded 已发布 by our catalogue (Wagtail's says 发布, the verb); the sent-back entry
    is ours."""
    policy = factories.policy(TITLE, division="大气处", body_text="")
    desk.submit(desk.editor, policy, summary="修改了适用范围。")
    desk.reject(desk.head, policy, REASON)
    status = soup(desk.client(desk.editor).get(edit_url(policy))).select_one("[data-side-panel='status']")
    assert [words_seen(title) for title in status.select("section h3")][:2] == ["已发布", "已退回修改"]
    assert words(status.select_one("[data-editorial-status-sent-back] .w-help-text")).startswith("daqi_head于")


def test_a_step_that_does_not_apply_is_drawn_as_skipped_not_as_not_started(desk):
    policy = desk.policy(TITLE)
    normative = desk.policy("浙江省示例行政规范性文件", is_normative=True)
    desk.submit(desk.editor, policy)
    desk.submit(desk.editor, normative)

    # Before the review reaches it: 不适用 with why, for the document that is not normative only.
    assert timeline(desk, desk.editor, policy) == [
        ("处室负责人审核", "in_progress", "处室负责人审核审核中"),
        ("法规处合法性审核", "skipped", "法规处合法性审核不适用，将跳过原因：非行政规范性文件，无需合法性审核"),
        ("宣教中心终审", "pending", "宣教中心终审未开始"),
    ]
    # The head's list of what awaits them draws it too: the skip mark, not the not-started circle, with its text.
    dashboard = soup(desk.client(desk.head).get("/admin/"))
    drawn = [
        [
            (step["data-w-tooltip-content-value"], step.svg["class"][1], words(step))
            for step in cell.select("[data-w-tooltip-content-value]")
        ]
        for cell in dashboard.select("#awaiting-review-content td.tasks")
    ]
    legality = "法规处合法性审核"
    assert sorted(steps[1] for steps in drawn) == [
        (f"{legality}: 不适用，将跳过", "icon-arrow-right", "不适用，将跳过"),
        (f"{legality}: 未开始", "icon-radio-empty", "未开始"),
    ]
    assert [status for _name, status, _text in timeline(desk, desk.editor, normative)] == [
        "in_progress",
        "pending",
        "pending",
    ]

    # Once passed: 已跳过, in the timeline and in the page's workflow history.
    desk.approve(desk.head, policy)
    assert timeline(desk, desk.editor, policy)[1] == (
        "法规处合法性审核",
        "skipped",
        "法规处合法性审核已跳过原因：非行政规范性文件，无需合法性审核",
    )
    history = soup(desk.client(desk.editor).get(f"/admin/pages/{policy.pk}/workflow_history/"))
    assert [words(item) for item in history.select("li[data-step-status]")] == [
        "处室负责人审核：已通过",
        "法规处合法性审核：已跳过",
        "宣教中心终审：审核中",
    ]


def test_final_approval_from_the_dashboard_says_the_page_is_published(desk):
    interpretation = desk.interpretation([factories.policy("已发布的办法", division="大气处")], title="示例解读")
    desk.submit(desk.editor, interpretation)
    desk.approve(desk.head, interpretation)
    assert act_from_dashboard(desk, desk.publicity, interpretation, "approve", go_live_at="") == [
        "已通过「示例解读」的宣教中心终审，已发布。"
    ]
    assert reload(interpretation).live

    # With the dialog (JavaScript): the dialog's answer sends the reviewer to the same confirmation.
    waiting = desk.interpretation([desk.policy()], title="待随文件发布的解读")
    desk.submit(desk.editor, waiting)
    desk.approve(desk.head, waiting)
    state = reload(waiting).current_workflow_task_state
    client = desk.client(desk.publicity)
    with desk.capture(execute=True):
        answer = client.post(
            action_url(waiting, "approve", state), {"go_live_at": ""}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
        ).json()
    assert answer["step"] == "success"
    dashboard = client.get(answer["redirect"], follow=True)
    assert [str(message).strip() for message in dashboard.context["messages"]] == [
        "已通过「待随文件发布的解读」的宣教中心终审，待所解读的政策文件发布时一同发布。"
    ]
    # Nobody else is told what someone else did.
    other = desk.client(desk.office).get(answer["redirect"], follow=True)
    assert not list(other.context["messages"])


def test_approving_from_the_edit_view_says_so_too(desk):
    policy = desk.policy(TITLE, is_normative=True)
    desk.submit(desk.editor, policy)
    data = desk.edit_data(desk.head, policy)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    client = desk.client(desk.head)
    with desk.capture(execute=True):
        response = client.post(edit_url(policy), data, follow=True)
    assert f"已通过「{TITLE}」的处室负责人审核，已转交法规处合法性审核。" in [
        str(message).strip() for message in response.context["messages"]
    ]


def test_the_catalogue_words_wagtails_strings_for_sending_back_as_退回修改():
    """Wagtail's own strings for the event, reworded in the project's catalogue (compiled by the build)."""
    catalogue = (Path(__file__).resolve().parents[4] / "locale/zh_Hans/LC_MESSAGES/django.po").read_text("utf-8")
    block = catalogue.split("# 退回修改 (workflow wording)", 1)[1]
    entries = dict(
        (msgid, msgstr)
        for msgid, msgstr in re.findall(r'msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', block)
        for msgid, msgstr in [(re.sub(r'"\n"|^"|"\n?$', "", msgid), re.sub(r'"\n"|^"|"\n?$', "", msgstr))]
    )
    for msgid in (
        "Request changes",
        "Rejected",
        "Needs changes",
        "Changes requested",
        "Changes requested %(finished_at)s",
        "Changes requested by %(requested_by)s",
        "Workflow: reject task",
        "Rejected at '%(task)s'. Changes requested",
        "rejected notifications",
        'The page \\"%(title)s\\" has been rejected during \\"%(workflow)s\\".',
    ):
        assert "退回修改" in entries[msgid], msgid


def test_the_workflow_report_draws_a_step_that_does_not_apply_as_skipped(desk):
    policy = desk.policy(TITLE)
    normative = desk.policy("浙江省示例行政规范性文件", is_normative=True)
    desk.submit(desk.editor, policy)
    desk.submit(desk.editor, normative)
    desk.approve(desk.head, policy)

    report = soup(desk.client(desk.admin).get("/admin/reports/workflow/"))
    drawn = {
        words(row.select("td")[1]): [
            (step["data-w-tooltip-content-value"], step.svg["class"][1])
            for step in row.select("td.tasks [data-step-status]")
        ]
        for row in report.select("tbody tr")
    }
    assert drawn == {
        TITLE: [
            ("处室负责人审核: 已通过", "icon-success"),
            ("法规处合法性审核: 已跳过", "icon-arrow-right"),
            ("宣教中心终审: 审核中", "icon-radio-empty"),
        ],
        "浙江省示例行政规范性文件": [
            ("处室负责人审核: 审核中", "icon-radio-empty"),
            ("法规处合法性审核: 未开始", "icon-radio-empty"),
            ("宣教中心终审: 未开始", "icon-radio-empty"),
        ],
    }
