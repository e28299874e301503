"""谁起草、谁解读 in a real browser: a division editor writes a Q&A interpretation of a live document in the
Wagtail admin and submits it; the division head and the publicity center approve it from their dashboards;
a visitor then finds it on the document's page.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import Page

from tests import factories

from .conftest import DESKTOP, PHONE

# A live server needs committed data; the serialized rollback restores what migrations created (the page
# tree's root, the root collection) after each test flushes the database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POLICY = "浙江省大气污染防治办法"
TITLE = "大气污染防治办法排污许可问答"
QUESTION = "哪些单位需要申领排污许可证？"
ANSWER = "排污单位应当依法申领排污许可证。"
WORKFLOW = "政策文件与解读审核"


@pytest.fixture
def desk():
    """The roles, the review workflow, one account per step (password "pw"), and a live document of 大气处."""
    factories.editorial()
    factories.user("daqi_editor", "起草处室编辑-大气处")
    factories.user("daqi_head", "处室负责人", "起草处室编辑-大气处")
    factories.user("xuanjiao", "宣教中心审核")
    factories.policy("浙江省水污染防治办法", division="水处", topic="水环境")
    return factories.policy(POLICY, doc_number="浙环发〔2020〕12号", division="大气处")


def sign_in(browsing, username):
    page = browsing.page
    page.goto("/admin/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("button", name=username)).to_be_visible()


def sign_out(browsing, username):
    page = browsing.page
    page.get_by_role("button", name=username).click()  # the account menu at the foot of the sidebar
    page.get_by_role("button", name="注销").click()
    expect(page.get_by_role("button", name="登录")).to_be_visible()


def choose_policy(page, opener, title):
    """Open a page chooser with `opener`, find the document by searching its title, and choose it."""
    opener.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox").fill(title[3:7])
    dialog.get_by_role("link", name=title).click()
    expect(dialog).to_be_hidden()


def awaiting_review(page):
    """The interpretation's row in the dashboard's list of what awaits the signed-in reviewer."""
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))


def approve_from_dashboard(browsing, action, comment, step):
    """Take the approving `action` on the interpretation from the dashboard, with a comment."""
    page = browsing.page
    page.goto("/admin/")
    row = awaiting_review(page)
    expect(row).to_be_visible()
    browsing.screenshot(f"{step} dashboard")
    row.get_by_role("button", name="操作").click()
    row.get_by_role("button", name=action).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("审核意见").fill(comment)
    browsing.screenshot(f"{step} approval")
    dialog.get_by_role("button", name=action).click()
    expect(dialog).to_be_hidden()
    page.wait_for_load_state()
    expect(awaiting_review(page)).to_have_count(0)
    browsing.screenshot(f"{step} approved")


def test_an_interpretation_goes_from_the_editor_through_review_to_the_public(open_browser, desk):
    browsing = open_browser(**DESKTOP)
    page = browsing.page

    # The division editor drafts a Q&A of the live document, citing its 第三条, and submits it for review.
    sign_in(browsing, "daqi_editor")
    browsing.screenshot("editor dashboard")
    page.goto(f"/admin/pages/{factories.site()[2].pk}/")  # 政策解读 in the page explorer
    page.get_by_role("link", name="添加子页面").click()
    browsing.screenshot("editor chooses the kind")
    page.get_by_role("link", name="简明问答", exact=True).click()
    page.get_by_placeholder("页面标题*").fill(TITLE)
    interpreted = page.get_by_role("region", name="所解读的政策文件 1")
    choose_policy(page, interpreted.get_by_role("button", name="选择一个页面 (政策文件)"), POLICY)
    page.get_by_label("摘要").fill("用问答说明申领排污许可证的要求。")
    qa = page.get_by_role("region", name="问答 1")
    qa.get_by_label("问题").fill(QUESTION)
    # Draftail's editing area has no accessible name of its own; it is the textbox of the answer field.
    qa.locator("[data-contentpath=answer]").get_by_role("textbox").press_sequentially(ANSWER)
    choose_policy(page, qa.get_by_role("button", name="选择一个页面 (政策文件)"), POLICY)
    qa.get_by_label("引用的条号").fill("3")
    browsing.screenshot("editor fills in the interpretation")
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name=f"提交给{WORKFLOW}").click()
    expect(page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))).to_contain_text("审核中")
    browsing.screenshot("editor submitted")
    sign_out(browsing, "daqi_editor")

    # Nothing of it is public while it is in review.
    visitor = open_browser(**DESKTOP)
    visitor.page.goto(desk.url)
    expect(visitor.page.locator("#interpretations")).not_to_contain_text(TITLE)

    # 处室负责人审核; then (an interpretation needs no legality review) 宣教中心终审, which publishes it.
    sign_in(browsing, "daqi_head")
    approve_from_dashboard(browsing, "审核通过并填写意见", "同意。", "head")
    sign_out(browsing, "daqi_head")
    sign_in(browsing, "xuanjiao")
    approve_from_dashboard(browsing, "审核通过并发布", "同意发布。", "publicity center")
    sign_out(browsing, "xuanjiao")

    # Another visitor (the first one's browser may reuse the page it saw for a minute, as its Cache-Control
    # allows) finds it on the document's page under 简明问答; its answer cites 第三条 of the document.
    reader = open_browser(**PHONE).page
    reader.goto(desk.url)
    reader.locator(".kind-group--qa").get_by_role("link", name=TITLE).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.get_by_role("heading", level=2, name=re.compile(QUESTION))).to_be_visible()
    citation = reader.get_by_role("link", name=f"依据：《{POLICY}》第三条")
    expect(citation).to_have_attribute("href", f"{desk.url}#article-3")
    browsing.screenshot("visitor reads the published interpretation", reader)


# --- known defects of the admin, found by these tests ----------------------------------------------------------


def submitted_interpretation(policy, approved_by_head=False):
    """A Q&A of `policy` drafted and submitted by the division editor (approved by its head if asked)."""
    users = get_user_model().objects
    interpretation = factories.interpretation(
        "qa", [policy], title=TITLE, publish=False, division=policy.division, questions=[(QUESTION, ANSWER, policy, 3)]
    )
    editor = users.get(username="daqi_editor")
    interpretation.save_revision(user=editor)
    interpretation.get_workflow().start(interpretation, editor)
    if approved_by_head:
        state = Page.objects.get(pk=interpretation.pk).specific.current_workflow_task_state
        state.task.specific.on_action(state, users.get(username="daqi_head"), "approve")
    return Page.objects.get(pk=interpretation.pk).specific


def test_a_reviewer_approves_from_the_edit_view(open_browser, desk):
    """The notification e-mail links to the edit view: approving there must work as on the dashboard."""
    from cms.editorial.models.tasks import PublicationReviewTask

    interpretation = submitted_interpretation(desk)
    browsing = open_browser(**DESKTOP)
    page = browsing.page
    sign_in(browsing, "daqi_head")
    page.goto(f"/admin/pages/{interpretation.pk}/edit/")
    browsing.screenshot("head edit view")
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name="审核通过", exact=True).click()
    page.wait_for_load_state()
    browsing.screenshot("head approved")
    assert page.get_by_text("没有权限").count() == 0
    assert isinstance(Page.objects.get(pk=interpretation.pk).specific.current_workflow_task, PublicationReviewTask)


def test_the_final_approval_dialog_works_on_the_dashboard(open_browser, desk):
    submitted_interpretation(desk, approved_by_head=True)
    browsing = open_browser(**DESKTOP)
    page = browsing.page
    sign_in(browsing, "xuanjiao")
    row = awaiting_review(page)
    row.get_by_role("button", name="操作").click()
    row.get_by_role("button", name="审核通过并发布").click()
    expect(page.get_by_role("dialog").get_by_label("发布时间")).to_be_visible()
    browsing.screenshot("publicity center approval dialog")
    assert not browsing.errors, browsing.errors


def test_a_sent_back_page_says_who_when_and_why_at_the_top_of_its_edit_view(open_browser, desk):
    """The division editor opens what the publicity center sent back: the reason is the first thing they read."""
    interpretation = submitted_interpretation(desk, approved_by_head=True)
    state = Page.objects.get(pk=interpretation.pk).specific.current_workflow_task_state
    reason = "请在第二问的答案中写明申领期限。"
    state.task.specific.on_action(state, get_user_model().objects.get(username="xuanjiao"), "reject", comment=reason)

    for size, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        browsing = open_browser(**size)
        page = browsing.page
        page.goto("/admin/")
        page.get_by_label("用户名").fill("daqi_editor")
        page.get_by_placeholder("输入密码").fill("pw")
        page.get_by_role("button", name="登录").click()
        expect(page).to_have_url(re.compile(r"/admin/$"))
        page.goto(f"/admin/pages/{interpretation.pk}/edit/")
        notice = page.get_by_role("region", name="已退回修改")
        expect(notice).to_contain_text("xuanjiao 于")
        expect(notice).to_contain_text("在“宣教中心终审”一步退回修改")
        expect(notice).to_contain_text(reason)
        expect(notice).to_be_in_viewport()
        browsing.screenshot(f"sent back edit view {name}")

    # The review's timeline (状态 → 查看详情): the legality step an interpretation skips says so.
    page.set_viewport_size(DESKTOP["viewport"])
    page.locator("[data-side-panel-toggle=status]").click()
    sent_back = page.locator("[data-editorial-status-sent-back]")
    expect(sent_back.get_by_role("heading")).to_have_text("状态：已退回修改")
    expect(sent_back).to_contain_text("xuanjiao 于")
    browsing.screenshot("sent back status panel")
    page.get_by_role("button", name="查看详情").click()
    expect(page.get_by_role("dialog")).to_contain_text("xuanjiao 于")
    timeline = page.get_by_role("dialog").locator("ol.workflow-timeline")
    skipped = timeline.locator("[data-step-status=skipped]")
    expect(skipped).to_contain_text("法规处合法性审核")
    expect(skipped).to_contain_text("已跳过")
    expect(skipped).to_contain_text("非行政规范性文件，无需合法性审核")
    expect(timeline.locator("[data-step-status=rejected]")).to_contain_text(reason)
    browsing.screenshot("sent back timeline")


def test_a_document_starts_its_interpretation_from_its_edit_view(open_browser, desk):
    browsing = open_browser(**DESKTOP)
    page = browsing.page
    sign_in(browsing, "daqi_editor")
    page.goto(f"/admin/pages/{desk.pk}/edit/")
    offer = page.get_by_role("navigation", name="为本文件添加解读")
    kinds = ["文字解读", "简明问答", "一图读懂", "专家解读", "音视频解读", "领导解读"]
    expect(offer.get_by_role("link")).to_have_text(kinds)
    browsing.screenshot("document edit view offers the kinds")
    offer.get_by_role("link", name="简明问答").click()
    expect(page.get_by_role("region", name="所解读的政策文件 1")).to_contain_text(POLICY)
    expect(page.get_by_role("region", name="解读信息")).to_contain_text("大气处")
    browsing.screenshot("new Q&A already linked to the document")
