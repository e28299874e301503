"""The division answers every comment: reasons, several at once, no silent overwrite, filters, CSV, and who may."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from consultations.models import Answer, Comment, StaleAnswer
from tests import factories, shared_data

# Optimistic locking is an UPDATE ... WHERE version = seen, on each database.
pytestmark = [pytest.mark.xdist_group("consultation_answers"), pytest.mark.postgresql]

INDEX = "/admin/consultations/comments/"


def answer_url(comment):
    return f"{INDEX}answer/{comment.pk}/"


def build():
    factories.editorial()
    now = timezone.now()
    closed = dict(opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=1))
    daqi = factories.consultation("大气处的征求意见稿", division="大气处", **closed)
    shui = factories.consultation("水处的征求意见稿", division="水处", **closed)
    return {
        "daqi": daqi,
        "shui": shui,
        "open": factories.consultation("尚在征求中的草案", division="大气处"),
        "comments": [
            factories.comment(daqi, "第三条期限太短。", article=3, name="张三", contact="13900000000"),
            factories.comment(daqi, "第三条应当延长到十个工作日。", article=3),
            factories.comment(daqi, "建议整体增加罚则。"),
            factories.comment(shui, "水处草案的意见。", article=1),
        ],
        "users": {
            "editor": factories.user("daqi_editor", "起草处室编辑-大气处"),
            "head": factories.user("daqi_head", "处室负责人", "起草处室编辑-大气处"),
            "shui_editor": factories.user("shui_editor", "起草处室编辑-水处"),
            "legal": factories.user("fagui", "法规处审核"),
            "publicity": factories.user("xuanjiao", "宣教中心审核"),
            "office": factories.user("office", "办公室"),
        },
    }


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build)


@pytest.fixture
def data(built):
    return shared_data.fresh(built)


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def answer(client, comment, version=0, **fields):
    values = {"comment": f"{comment.pk}:{version}", "answer": Answer.ADOPTED, "reason": "", "internal_note": ""}
    values.update(fields)
    return client.post(answer_url(comment), values)


def test_a_reason_is_required_unless_adopted(data):
    comment = data["comments"][0]
    client = as_user(data["users"]["editor"])
    for choice in (Answer.PARTLY_ADOPTED, Answer.NOT_ADOPTED, Answer.OUT_OF_SCOPE):
        refused = answer(client, comment, answer=choice, reason="  ")
        assert refused.status_code == 200 and "必须填写理由" in refused.content.decode()
    assert Comment.objects.get(pk=comment.pk).answer == ""
    assert answer(client, comment, answer=Answer.ADOPTED).status_code == 302
    saved = Comment.objects.get(pk=comment.pk)
    assert (saved.answer, saved.version, saved.answered_by) == (Answer.ADOPTED, 1, data["users"]["editor"])
    with pytest.raises(ValueError):  # and the model refuses any other path
        Comment.objects.answer([(comment.pk, 1)], Answer.NOT_ADOPTED, "", "", None)


def test_two_staff_answering_at_once_do_not_overwrite_each_other(data):
    comment = data["comments"][1]
    first, second = as_user(data["users"]["editor"]), as_user(data["users"]["head"])
    # Both opened the form at version 0; the head saves first.
    assert answer(second, comment, answer=Answer.NOT_ADOPTED, reason="与上位法不一致。").status_code == 302
    late = answer(first, comment, answer=Answer.ADOPTED)
    html = late.content.decode()
    assert late.status_code == 200
    assert "未保存" in html and comment.receipt in html and "daqi_head" in html and "不采纳" in html
    saved = Comment.objects.get(pk=comment.pk)
    assert (saved.answer, saved.reason, saved.version) == (Answer.NOT_ADOPTED, "与上位法不一致。", 1)
    # The form now carries the current version: saving again is a deliberate overwrite.
    assert f'value="{comment.pk}:1"' in html
    assert answer(first, comment, version=1, answer=Answer.ADOPTED).status_code == 302
    assert Comment.objects.get(pk=comment.pk).answer == Answer.ADOPTED


def test_a_stale_version_writes_nothing_of_a_group(data):
    a, b = data["comments"][0], data["comments"][1]
    Comment.objects.filter(pk=b.pk).update(version=5)
    with pytest.raises(StaleAnswer) as raised:
        Comment.objects.answer([(a.pk, 0), (b.pk, 0)], Answer.ADOPTED, "", "", None)
    assert raised.value.comment.pk == b.pk
    assert Comment.objects.get(pk=a.pk).answer == ""  # all or none


def test_similar_comments_are_answered_together_with_an_internal_note(data):
    a, b, whole = data["comments"][:3]
    client = as_user(data["users"]["editor"])
    page = client.get(f"{INDEX}answer/?id={a.pk}&id={b.pk}&id={whole.pk}").content.decode()
    assert page.count('name="comment"') == 3 and "张三" in page and "13900000000" in page
    response = client.post(
        f"{INDEX}answer/?id={a.pk}&id={b.pk}&id={whole.pk}",
        {
            "comment": [f"{a.pk}:0", f"{b.pk}:0"],  # the third is unticked
            "answer": Answer.PARTLY_ADOPTED,
            "reason": "期限调整为五个工作日。",
            "internal_note": "与法规处沟通过",
        },
    )
    assert response.status_code == 302
    answered = Comment.objects.filter(pk__in=[a.pk, b.pk])
    assert {(c.answer, c.reason, c.internal_note) for c in answered} == {
        (Answer.PARTLY_ADOPTED, "期限调整为五个工作日。", "与法规处沟通过")
    }
    assert Comment.objects.get(pk=whole.pk).answer == ""


def test_the_listing_filters_by_article_status_and_answer(data):
    a, b, whole, _shui = data["comments"]
    Comment.objects.answer([(a.pk, 0)], Answer.NOT_ADOPTED, "理由", "", None)
    client = as_user(data["users"]["office"])

    def listed(query):
        html = client.get(INDEX + query).content.decode()
        return {c.receipt for c in data["comments"] if c.receipt in html}

    assert listed(f"?consultation={data['daqi'].pk}&article=3") == {a.receipt, b.receipt}
    assert listed(f"?consultation={data['daqi'].pk}&article=0") == {whole.receipt}
    assert listed(f"?consultation={data['daqi'].pk}&state=unanswered") == {b.receipt, whole.receipt}
    assert listed("?answer=not_adopted") == {a.receipt}
    group = client.get(f"?consultation={data['daqi'].pk}&state=unanswered".join([INDEX, ""])).content.decode()
    assert "一并答复筛选出的待答复意见" in group


def test_csv_export_has_every_field_staff_need(data):
    a = data["comments"][0]
    Comment.objects.answer([(a.pk, 0)], Answer.NOT_ADOPTED, "超出本办法范围", "内部", data["users"]["editor"])
    response = as_user(data["users"]["editor"]).get(INDEX + "?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    row = next(r for r in rows if r["回执编号"] == a.receipt)
    assert row["条"] == "第三条" and row["联系方式"] == "13900000000" and row["答复"] == "不采纳"
    assert row["理由"] == "超出本办法范围" and row["内部备注"] == "内部" and row["答复人"] == "daqi_editor"
    assert {r["征求意见"] for r in rows} == {"大气处的征求意见稿"}  # the editor's own division only


def test_a_comment_typed_as_a_formula_is_exported_as_text(data):
    formula = factories.comment(data["daqi"], '=HYPERLINK("http://evil.example","点击")')
    response = as_user(data["users"]["office"]).get(INDEX + "?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert next(r for r in rows if r["回执编号"] == formula.receipt)["意见内容"] == "'" + formula.text


def test_permissions_per_role(data):
    users, daqi_comment, shui_comment = data["users"], data["comments"][0], data["comments"][3]
    # The owning division answers; another division neither sees nor answers; the legality reviewers neither.
    assert as_user(users["editor"]).get(answer_url(daqi_comment)).status_code == 200
    assert as_user(users["head"]).get(answer_url(daqi_comment)).status_code == 200
    other = as_user(users["shui_editor"])
    assert daqi_comment.receipt not in other.get(INDEX).content.decode()
    assert other.get(answer_url(daqi_comment)).status_code == 404
    assert answer(other, daqi_comment).status_code == 404
    assert shui_comment.receipt in other.get(INDEX).content.decode()
    legal = as_user(users["legal"])
    assert legal.get(INDEX).status_code in (302, 403)
    assert legal.get(answer_url(daqi_comment)).status_code == 404
    # The office and the publicity center act on every division.
    for role in ("office", "publicity"):
        client = as_user(users[role])
        assert shui_comment.receipt in client.get(INDEX).content.decode()
        assert answer(client, shui_comment, version=Comment.objects.get(pk=shui_comment.pk).version).status_code == 302
    assert Comment.objects.filter(answer="").exclude(consultation=data["shui"]).count() == 3
    # Nobody adds or deletes a comment.
    assert as_user(users["office"]).get(INDEX + "new/").status_code == 404
    assert Client().get(INDEX).status_code == 302  # signed out: to the sign-in page


def test_comments_are_answered_only_after_the_close(data):
    comment = factories.comment(data["open"], "征求中的意见")
    response = answer(as_user(data["users"]["editor"]), comment)
    assert response.status_code == 200 and "尚未截止" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).answer == ""
