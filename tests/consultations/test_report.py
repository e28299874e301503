"""The feedback report (意见采纳情况反馈): blocked while a comment is unanswered, reviewed like any page, published on
the consultation's own page; then the final document and the consultation link to each other.

Driven through the admin as each role: the division editor writes and submits, the head and the publicity center
approve through Wagtail's workflow action URL (what the dashboard's buttons post to).
"""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from consultations.models import Answer, Comment, ConsultationPage, FeedbackReportPage, Status
from tests import factories

pytestmark = pytest.mark.postgresql

SUMMARY = json.dumps(
    {
        "blocks": [
            {"key": "a1", "type": "unstyled", "text": "共收到意见三条，采纳一条。", "depth": 0}
            | {"inlineStyleRanges": [], "entityRanges": []}
        ],
        "entityMap": {},
    }
)


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def reload(page):
    return Page.objects.get(pk=page.pk).specific


def approve(user, page, **data):
    state = reload(page).current_workflow_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/"
    response = as_user(user).post(url, data)
    assert response.status_code == 302, response.content.decode()[:1000]


def create_form(client, consultation):
    url = f"/admin/pages/add/consultations/feedbackreportpage/{consultation.pk}/"
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update({"title": "意见采纳情况反馈", "summary": SUMMARY})
    return url, data


def test_the_report_is_blocked_until_every_comment_is_answered_then_reviewed_and_published(
    django_capture_on_commit_callbacks,
):
    factories.editorial()
    editor = factories.user("daqi_editor", "起草处室编辑-大气处")
    head = factories.user("daqi_head", "处室负责人", "起草处室编辑-大气处")
    publicity = factories.user("xuanjiao", "宣教中心审核")
    now = timezone.now()
    consultation = factories.consultation(opens_at=now - timedelta(days=31), closes_at=now - timedelta(hours=1))
    first = factories.comment(consultation, "第三条期限太短。", article=3)
    second = factories.comment(consultation, "第三条应延长。", article=3)
    third = factories.comment(consultation, "建议增加罚则。", name="张三", contact="zhang@example.com")
    client = as_user(editor)
    # The consultations section has the review of documents (a consultation opens only through it, as its report).
    assert consultation.get_workflow().name == "政策文件与解读审核"
    index = consultation.get_parent()
    tester = index.permissions_for_user(editor)
    assert tester.can_add_subpage() and not consultation.permissions_for_user(editor).can_publish()
    assert not consultation.permissions_for_user(factories.user("shui", "起草处室编辑-水处")).can_edit()

    url, data = create_form(client, consultation)
    refused = client.post(url, {**data, "action-submit": "1"})
    assert refused.status_code == 200
    assert "还有 3 条意见未答复" in refused.content.decode()
    assert not FeedbackReportPage.objects.exists()

    Comment.objects.answer(
        [(first.pk, 0), (second.pk, 0)], Answer.PARTLY_ADOPTED, "期限改为五个工作日。", "内部", editor
    )
    Comment.objects.answer([(third.pk, 0)], Answer.OUT_OF_SCOPE, "罚则由上位法规定。", "不要公开这句", editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    report = FeedbackReportPage.objects.get()
    assert report.workflow_in_progress and not report.live
    assert report.consultation_id == consultation.pk and report.division_id == consultation.division_id
    # In review, the answers are locked.
    locked = client.post(
        f"/admin/consultations/comments/answer/{third.pk}/",
        {"comment": f"{third.pk}:1", "answer": Answer.ADOPTED},
    )
    assert "答复已锁定" in locked.content.decode()
    assert Comment.objects.get(pk=third.pk).answer == Answer.OUT_OF_SCOPE
    # Not published yet: the page says the comments are being considered.
    assert "意见正在整理中" in Client().get(consultation.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        approve(head, report)
        approve(publicity, report)
    report = reload(report)
    assert report.live
    assert reload(consultation).status == Status.ANSWERED
    html = Client().get(consultation.url).content.decode()
    assert 'id="feedback"' in html and "共收到意见三条，采纳一条。" in html
    assert "共收到意见 3 条" in html and "期限改为五个工作日。" in html and "（2 条意见）" in html
    assert "罚则由上位法规定。" in html
    # Internal notes, names and contacts, and the comments' own text stay internal.
    for private in ("不要公开这句", "内部", "张三", "zhang@example.com", "建议增加罚则。"):
        assert private not in html
    # The report's own address leads to the consultation's page.
    assert Client().get(report.url)["Location"] == consultation.url + "#feedback"
    # The outcome is what review approved: counts per answer and per article.
    counts = {row["answer"]: row["count"] for row in report.outcome["counts"]}
    assert counts == {"adopted": 0, "partly": 2, "not_adopted": 0, "out_of_scope": 1}
    assert [(group["label"], group["total"]) for group in report.outcome["articles"]] == [
        ("草案全文", 1),
        ("第三条", 2),
    ]


def test_the_report_is_added_only_once_and_only_after_the_close():
    factories.site()
    open_consultation = factories.consultation()
    assert not FeedbackReportPage.can_create_at(open_consultation)
    now = timezone.now()
    closed = factories.consultation("已截止", opens_at=now - timedelta(days=31), closes_at=now - timedelta(minutes=1))
    assert FeedbackReportPage.can_create_at(closed)
    closed.add_child(instance=FeedbackReportPage(title="反馈", summary="<p>说明</p>", live=False))
    assert not FeedbackReportPage.can_create_at(reload(closed))


def test_the_final_document_and_the_consultation_link_to_each_other():
    now = timezone.now()
    consultation = factories.consultation(opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=5))
    final = factories.policy("浙江省建设项目环境影响评价公众参与办法", doc_number="浙环发〔2026〕8号", publish=False)
    consultation = factories.revise(consultation, final_policy=final)
    # Not published yet: no link, and the status is still the period's.
    assert reload(consultation).status == Status.CLOSED
    assert "已形成正式文件" not in Client().get(consultation.url).content.decode()
    final.save_revision().publish()
    assert reload(consultation).status == Status.ADOPTED
    assert ConsultationPage.objects.with_status().get(pk=consultation.pk).status_code == Status.ADOPTED
    html = Client().get(consultation.url).content.decode()
    assert "已形成正式文件" in html and f'href="{reload(final).url}"' in html
    policy_html = Client().get(reload(final).url).content.decode()
    assert f'href="{consultation.url}"' in policy_html and "公开征求了意见" in policy_html


def test_the_consultation_admin_links_to_its_comments_and_its_report():
    factories.editorial()
    editor = factories.user("daqi_editor", "起草处室编辑-大气处")
    now = timezone.now()
    closed = factories.consultation(opens_at=now - timedelta(days=31), closes_at=now - timedelta(minutes=1))
    html = as_user(editor).get(f"/admin/pages/{closed.pk}/edit/").content.decode()
    assert f"/admin/consultations/comments/?consultation={closed.pk}" in html
    assert f"/admin/pages/add/consultations/feedbackreportpage/{closed.pk}/" in html
