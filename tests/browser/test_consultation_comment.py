"""A citizen comments on an article of a draft on a phone: from the article's button to the receipt, by keyboard
and touch, without a failing accessibility check; the form gone once the period is over."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import Comment, FeedbackReportPage, build_outcome

from .conftest import PHONE
from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_citizen_comments_on_article_three_on_a_phone(open_browser, axe_script):
    from tests import factories

    consultation = factories.consultation()
    closed = factories.consultation(
        "已截止的办法（征求意见稿）", opens_at=timezone.now() - timedelta(days=40), closes_at=timezone.now()
    )
    # axe-core is injected as an inline script, which the site's CSP refuses (as test_accessibility.py does).
    browsing = open_browser(bypass_csp=True, **PHONE)
    page = browsing.page
    page.goto(consultation.url)
    expect(page.locator(".status-badge")).to_have_text("征求中")
    browsing.screenshot("consultation")
    found = {"consultation": axe_violations(page, axe_script)}

    page.locator("#article-3").get_by_role("link", name="对本条提意见").click()
    page.wait_for_url(f"**/yijian/{consultation.pk}/?tiao=3")
    expect(page.get_by_label("针对")).to_have_value("3")
    browsing.screenshot("form")
    found["form"] = axe_violations(page, axe_script)

    page.get_by_role("button", name="提交意见").click()  # nothing typed: a clear message, focusable, nothing saved
    expect(page.get_by_role("alert")).to_contain_text("请填写意见内容")
    browsing.screenshot("form with an error")
    found["form with an error"] = axe_violations(page, axe_script)
    page.get_by_label("意见内容").fill("建议将第三条中的“七个工作日”改为“五个工作日”，便于公众及早了解项目情况。")
    page.get_by_label("联系方式").fill("13800000000")
    page.get_by_role("button", name="提交意见").click()
    expect(page.locator("main").get_by_role("status")).to_contain_text("回执编号")
    browsing.screenshot("receipt")
    found["receipt"] = axe_violations(page, axe_script)
    comment = Comment.objects.get()
    assert comment.article == 3 and comment.contact == "13800000000"
    expect(page.locator("main").get_by_role("status")).to_contain_text(comment.receipt)

    page.goto(f"/yijian/{closed.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("征求意见已截止")
    expect(page.locator("textarea")).to_have_count(0)
    browsing.screenshot("closed")

    # The outcome at the same address: the report, by article, and the final document.
    answered = factories.comment(closed, "第三条期限太短。", article=3)
    Comment.objects.answer([(answered.pk, 0)], "partly", "期限调整为五个工作日。", "", None)
    factories.comment(closed, "建议增加罚则。", answer="out_of_scope", reason="罚则由上位法规定。")
    report = FeedbackReportPage(title="意见采纳情况反馈", summary="<p>共收到意见两条。</p>", live=False)
    closed.add_child(instance=report)
    report.attach_to(closed)
    report.outcome = build_outcome(closed.comments.all())
    report.save_revision().publish()
    factories.revise(closed, final_policy=factories.policy("浙江省建设项目环境影响评价公众参与办法"))
    page.goto(closed.url)
    expect(page.locator(".status-badge").first).to_have_text("已形成正式文件")
    expect(page.locator("#feedback")).to_contain_text("期限调整为五个工作日。")
    browsing.screenshot("outcome")
    found["outcome"] = axe_violations(page, axe_script)
    report = "\n".join(f"{name}:\n{describe(v)}" for name, v in found.items() if v)
    assert not report, f"Serious or critical accessibility violations:\n{report}"
