"""The whole life of a public consultation (意见征集) in real browsers, at one address from opening to outcome.

A division editor drafts the consultation in the admin and submits it; the division head and the publicity center
approve it, which opens it; a citizen comments on 第三条 on a phone; the period closes by the server's clock; the
division answers the comment and writes the feedback report, which passes the same review and appears on the
consultation's page; the final document is published and the two pages link to each other. The public pages are
served through the page cache throughout, as citizens get them.

The division head approves through the admin's review action without a browser (tests/browser/test_editorial.py
walks that dialog); the publicity center's approvals, which open the consultation and publish its report, are walked.
Screenshots are taken at the states a citizen or the division ends up seeing, not at every step.
"""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Page

from consultations.models import Comment, ConsultationPage
from tests import factories

from .conftest import DESKTOP, PHONE
from .test_accessibility import axe_violations, describe
from .test_editorial import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "浙江省建设项目环境影响评价公众参与办法（征求意见稿）"
ARTICLES = (
    (1, "为了规范建设项目环境影响评价公众参与，制定本办法。"),
    (2, "本办法适用于本省行政区域内应当编制环境影响报告书的建设项目。"),
    (3, "建设单位应当在确定环境影响报告书编制单位后七个工作日内，公开建设项目基本情况。"),
)
COMMENT = "建议将第三条中的“七个工作日”改为“五个工作日”，便于公众及早了解项目情况。"
REASON = "已将公开期限改为五个工作日；其余表述保持不变。"
REPORT = f"关于《{TITLE}》意见采纳情况的反馈"


@pytest.fixture
def desk():
    """The roles and the review workflow, one account per step (password "pw"), the consultations section."""
    factories.editorial()
    factories.consultation_index()
    factories.user("daqi_editor", "起草处室编辑-大气处")
    factories.user("daqi_head", "处室负责人", "起草处室编辑-大气处")
    factories.user("xuanjiao", "宣教中心审核")


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def approve_from_dashboard(browsing, title, action):
    page = browsing.page
    page.goto("/admin/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=title))
    row.get_by_role("button", name="操作").click()
    row.get_by_role("button", name=action).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("审核意见").fill("同意。")
    dialog.get_by_role("button", name=action).click()
    expect(dialog).to_be_hidden()
    page.wait_for_load_state()
    expect(page.get_by_role("row").filter(has=page.get_by_role("link", name=title))).to_have_count(0)


class Desk:
    """Browsers of the staff, each already signed in (the sign-in form is walked once, by the division editor)."""

    def __init__(self, open_browser, base_url):
        self.open_browser = open_browser
        self.base_url = base_url

    def signed_in(self, username):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        browsing = self.open_browser(**DESKTOP)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        browsing.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": self.base_url}])
        return browsing

    def review(self, title):
        """The division head's approval (the admin's review action, posted), then the publicity center's in its
        browser, from the dashboard, which publishes."""
        page = Page.objects.get(title=title)
        state = page.current_workflow_task_state
        head = Client()
        head.force_login(get_user_model().objects.get(username="daqi_head"))
        response = head.post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {"comment": "同意。"})
        assert response.status_code == 302 and Page.objects.get(pk=page.pk).current_workflow_task_state != state
        approve_from_dashboard(self.signed_in("xuanjiao"), title, "审核通过并发布")


def add_article(page, number, text):
    body = page.locator("[data-contentpath=body]")
    numbers = body.get_by_label("条号")
    before = numbers.count()
    body.get_by_role("button", name="插入内容块").last.click()
    page.get_by_role("option", name="条", exact=True).click()
    # The editor builds the new block a moment after the click: until it is there, "the last" is the previous one.
    expect(numbers).to_have_count(before + 1)
    numbers.nth(before).fill(str(number))
    body.get_by_label("条文").nth(before).fill(text)


def test_a_consultation_from_the_draft_to_the_final_document(open_browser, axe_script, desk, live_server, time_machine):
    staff = Desk(open_browser, live_server.url)
    opens_at = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=1)
    closes_at = opens_at + timedelta(days=30)
    editor = open_browser(**DESKTOP)
    page = editor.page

    # 1. The division drafts the consultation and submits it for review.
    sign_in(editor, "daqi_editor")
    section = factories.consultation_index()
    page.goto(f"/admin/pages/add/consultations/consultationpage/{section.pk}/")
    page.get_by_placeholder("页面标题*").fill(TITLE)
    for label, moment in (("开始时间", opens_at), ("截止时间", closes_at)):
        page.get_by_label(label).fill(local(moment))
        page.keyboard.press("Escape")  # the date picker's pop-up
    page.get_by_role("textbox", name="摘要").fill("规范建设项目环评公众参与的方式和期限。")
    for number, text in ARTICLES:
        add_article(page, number, text)
    # The editor builds each new block a moment after its button: submitting before the last is whole would send it
    # half filled in.
    numbers = page.locator("[data-contentpath=body]").get_by_label("条号")
    for index, (number, text) in enumerate(ARTICLES):
        expect(numbers.nth(index)).to_have_value(str(number))
        expect(page.locator("[data-contentpath=body]").get_by_label("条文").nth(index)).to_have_value(text)
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name=re.compile("^提交给")).click()
    expect(page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))).to_contain_text("审核中")
    consultation = ConsultationPage.objects.get(title=TITLE)
    assert not consultation.live

    # 2. The head and the publicity center approve it: it opens.
    staff.review(TITLE)

    # 3. A citizen finds it on the home page and comments on 第三条 on a phone: by the article's button, past a clear
    # message for an empty comment, to the receipt; axe-core finds nothing serious on the way (it is injected as an
    # inline script, which the site's CSP refuses, as in test_accessibility.py).
    citizen = open_browser(bypass_csp=True, **PHONE)
    phone = citizen.page
    phone.goto("/")
    open_now = phone.get_by_role("region", name="正在征求意见")
    expect(open_now).to_contain_text(TITLE)
    open_now.get_by_role("link", name=TITLE).click()
    expect(phone.locator(".consultation__status")).to_have_text("征求中")
    citizen.screenshot("consultation open")
    found = {"consultation": axe_violations(phone, axe_script)}
    phone.locator("#article-3").get_by_role("link", name="对本条提意见").click()
    expect(phone.get_by_label("针对")).to_have_value("3")
    phone.get_by_role("button", name="提交意见").click()  # nothing typed: a clear message, nothing saved
    expect(phone.get_by_role("alert")).to_contain_text("请填写意见内容")
    found["form with an error"] = axe_violations(phone, axe_script)
    phone.get_by_label("意见内容").fill(COMMENT)
    phone.get_by_role("button", name="提交意见").click()
    expect(phone.locator("main").get_by_role("status")).to_contain_text("回执编号")
    citizen.screenshot("receipt")
    found["receipt"] = axe_violations(phone, axe_script)
    assert Comment.objects.get().article == 3
    report = "\n".join(f"{name}:\n{describe(violations)}" for name, violations in found.items() if violations)
    assert not report, f"Serious or critical accessibility violations:\n{report}"

    # 4. The period closes by the server's clock: the page (from the site's page cache) says so, without the call to
    # comment, and the form is gone. Another citizen's phone: a browser may reuse the page it saw for a minute, as its
    # Cache-Control allows.
    time_machine.move_to(closes_at + timedelta(minutes=1))
    citizen = open_browser(**PHONE)
    phone = citizen.page
    phone.goto(consultation.url)
    expect(phone.locator(".consultation__status")).to_have_text("已截止·意见整理中")
    expect(phone.get_by_role("link", name="对本条提意见")).to_have_count(0)
    citizen.screenshot("consultation closed")
    phone.goto(f"/yijian/{consultation.pk}/?tiao=3")
    expect(phone.get_by_role("heading", level=1)).to_have_text("征求意见已截止")
    expect(phone.locator("textarea")).to_have_count(0)

    # 5. The division answers the comment and writes the feedback report, which it submits.
    editor = staff.signed_in("daqi_editor")
    page = editor.page
    page.goto("/admin/consultations/comments/")
    page.get_by_role("link", name=Comment.objects.get().receipt).click()
    page.get_by_label("部分采纳").check()
    page.get_by_label("理由").fill(REASON)
    editor.screenshot("division answers")
    page.get_by_role("button", name="保存答复").click()
    expect(page.get_by_role("row").filter(has_text=Comment.objects.get().receipt)).to_contain_text("部分采纳")
    page.goto(f"/admin/pages/add/consultations/feedbackreportpage/{consultation.pk}/")
    page.get_by_role("textbox", name="标题").fill(REPORT)
    page.locator("[data-contentpath=summary]").get_by_role("textbox").press_sequentially(
        "共收到意见 1 条，部分采纳 1 条。"
    )
    # Draftail writes its field a moment after the typing: submitting before that would send it empty.
    expect(page.locator("input[name=summary]")).to_have_value(re.compile("部分采纳 1 条"))
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name=re.compile("^提交给")).click()
    expect(page.get_by_role("row").filter(has=page.get_by_role("link", name=REPORT))).to_contain_text("审核中")

    # 6. The report passes review and appears on the consultation's page.
    staff.review(REPORT)
    reader = open_browser(**DESKTOP)
    desktop = reader.page
    desktop.goto(consultation.url)
    expect(desktop.locator(".consultation__status")).to_have_text("已反馈")
    feedback = desktop.locator("#feedback")
    expect(feedback).to_contain_text("第三条")
    expect(feedback).to_contain_text(REASON)
    expect(feedback).not_to_contain_text(COMMENT)
    reader.screenshot("report published")

    # 7. The final document is published and named on the consultation, and links back to it.
    final = factories.policy(
        "浙江省建设项目环境影响评价公众参与办法", doc_number="浙环发〔2027〕3号", date_published=timezone.localdate()
    )
    factories.revise(ConsultationPage.objects.get(pk=consultation.pk), final_policy=final)
    citizen = open_browser(**PHONE)
    phone = citizen.page
    phone.goto(consultation.url)
    expect(phone.locator(".consultation__status")).to_have_text("已形成正式文件")
    citizen.screenshot("consultation with its final document")
    phone.locator("#final-document").get_by_role("link").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(final.title)
    back = phone.get_by_role("link", name=re.compile(re.escape(TITLE)))
    expect(back).to_have_attribute("href", consultation.url)

    # 8. The publicity center reads the year's figures in Reports → 意见征集情况.
    reports = staff.signed_in("xuanjiao")
    reports.page.goto(f"/admin/reports/consultations/?year={timezone.localdate(opens_at).year}")
    row = reports.page.locator(f"tr[data-consultation='{consultation.pk}']")
    expect(row).to_contain_text("已形成正式文件")
    expect(row.locator("td").nth(5)).to_have_text("100.0%")
    reports.screenshot("consultation report")
