"""Answer letters (告知书): issued from the template current at the step, kept as sent, downloadable as PDF and DOCX."""

import io
from datetime import date
from types import SimpleNamespace

import pytest
from django.core import signing
from django.urls import reverse
from docx import Document
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from disclosure.models import EventKind, Letter, LetterKind, LetterTemplate
from disclosure.views.public import LETTER_SALT
from disclosure.workflow import take_step
from policies.models import Division
from tests import factories, shared_data

pytestmark = pytest.mark.xdist_group("test_disclosure_letters")

# What the handler typed, with markup and a control character that must reach the files as plain text.
NOTE = "涉及企业商业秘密<b>&amp;</b>\x07的部分不予公开。"
REMEDIES = "可以自收到本告知书之日起六十日内向浙江省人民政府申请行政复议"
LAWSUIT = "六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）"


def build_world():
    factories.editorial()
    w = SimpleNamespace()
    w.office = factories.user("office", "办公室")
    w.daqi = factories.user("daqi", "起草处室编辑-大气处")
    w.shui = factories.user("shui", "起草处室编辑-水处")
    w.request, w.code = factories.disclosure_request(submitted_on=date(2026, 2, 9), name="王某")
    take_step(
        w.office,
        w.request,
        EventKind.ASSIGNED,
        {"date": date(2026, 2, 10), "division": Division.objects.get(name="大气处")},
    )
    take_step(
        w.daqi,
        w.request,
        EventKind.ANSWERED,
        {"date": date(2026, 3, 2), "answer_type": "withheld", "answer_reason": "withheld_third_party", "note": NOTE},
    )
    w.unanswered, w.unanswered_code = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    return w


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build_world)


@pytest.fixture
def world(built_world):
    return shared_data.fresh(built_world)


def flat(text):
    # pypdf reads the two-byte codes of fpdf2's CJK font one byte at a time and puts a NUL before each character
    # (PDF viewers read the text as it is, pdfium's extraction too): compare without NULs and whitespace.
    return "".join(text.replace("\x00", "").split())


def test_every_kind_has_a_default_template_that_passes_its_own_checks():
    templates = {template.kind: template for template in LetterTemplate.objects.all()}
    assert set(templates) == set(LetterKind.values)
    for template in templates.values():
        template.full_clean()
        assert template.legal_basis.startswith("《中华人民共和国政府信息公开条例》第")


def test_the_answer_letter_is_kept_as_sent_and_reads_as_chinese_in_the_pdf(client, world):
    letter = Letter.objects.get(request=world.request)
    assert letter.kind == "withheld" and letter.legal_basis == "《中华人民共和国政府信息公开条例》第十五条"
    assert "王某" in letter.body and "保护第三方合法权益" in letter.body and "\x07" not in letter.body
    # A later edit of the template changes no letter already sent.
    LetterTemplate.objects.filter(kind="withheld").update(body="新的措辞 {申请编号} 行政复议 行政诉讼")
    letter.refresh_from_db()
    assert "新的措辞" not in letter.body

    client.force_login(world.daqi)
    response = client.get(reverse("disclosure_admin_letter_pdf", args=[world.request.pk, "answered"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f'filename="{world.request.number}-answered.pdf"' in response["Content-Disposition"]
    text = flat("".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages))
    for expected in (world.request.number, "不予公开", REMEDIES, LAWSUIT, "第十五条", "<b>&amp;</b>"):
        assert flat(expected) in text
    assert ModelLogEntry.objects.filter(
        action="disclosure.letter_downloaded", object_id=str(world.request.pk), user=world.daqi
    ).exists()


def test_the_docx_for_staff_and_for_the_applicant_and_nobody_else(client, world):
    client.force_login(world.office)
    response = client.get(reverse("disclosure_admin_letter_docx", args=[world.request.pk, "answered"]))
    assert response.status_code == 200
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs)
    for expected in (world.request.number, "不予公开", REMEDIES, LAWSUIT, NOTE.replace("\x07", "")):
        assert expected in text

    client.force_login(world.shui)  # another division: as if the request did not exist
    assert client.get(reverse("disclosure_admin_letter_docx", args=[world.request.pk, "answered"])).status_code == 404
    client.logout()

    status = client.post(reverse("disclosure_status"), {"number": world.request.number, "code": world.code})
    page = status.content.decode()
    assert "政府信息公开申请答复告知书" in page
    token = status.context["letters"][0][1]
    download = client.get(reverse("disclosure_letter_docx", args=[token]))
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert "no-store" in download["Cache-Control"]
    assert ModelLogEntry.objects.filter(
        action="disclosure.letter_downloaded", object_id=str(world.request.pk), user=None, data__by="applicant"
    ).exists()


def test_no_answer_no_letter_and_a_clear_message_never_a_500(client, world):
    client.force_login(world.office)
    response = client.get(reverse("disclosure_admin_letter_pdf", args=[world.unanswered.pk, "answered"]))
    assert response.status_code == 404 and "这件申请尚未答复，还没有答复告知书。" in response.content.decode()
    client.logout()
    status = client.post(
        reverse("disclosure_status"), {"number": world.unanswered.number, "code": world.unanswered_code}
    )
    assert "答复后可在此下载告知书。" in status.content.decode() and not status.context["letters"]

    answered = Letter.objects.get(request=world.request)
    for token, message in (
        ("not-a-token", "下载链接已失效"),
        (signing.dumps([world.unanswered.pk, answered.pk], salt=LETTER_SALT), "没有找到这份告知书。"),
    ):
        response = client.get(reverse("disclosure_letter_pdf", args=[token]))
        assert response.status_code == 404 and message in response.content.decode()


def test_a_template_with_an_unknown_placeholder_or_without_the_remedies_is_refused(client, world):
    template = LetterTemplate.objects.get(kind="disclosed")
    client.force_login(world.office)
    url = reverse("wagtailsnippets_disclosure_lettertemplate:edit", args=[template.pk])
    assert client.get(url).status_code == 200
    for body, message in (
        ("{申请人}：{身份证号} 行政复议 行政诉讼", "未知的占位符：{身份证号}。"),
        ("{申请人}：予以公开。", "正文缺少“行政复议”“行政诉讼”。"),
    ):
        response = client.post(url, {"title": template.title, "body": body, "legal_basis": template.legal_basis})
        assert message in response.content.decode()
        template.refresh_from_db()
        assert template.body != body
    client.post(url, {"title": template.title, "body": "{申请人}：行政复议、行政诉讼。", "legal_basis": "第三十六条"})
    template.refresh_from_db()
    assert template.body == "{申请人}：行政复议、行政诉讼。"


def test_the_notices_state_the_period_and_the_new_deadline(world):
    item, _code = factories.disclosure_request(submitted_on=date(2026, 2, 2))
    take_step(None, item, EventKind.CORRECTION_REQUESTED, {"date": date(2026, 2, 5), "due_date": date(2026, 2, 27)})
    take_step(None, item, EventKind.CORRECTION_RECEIVED, {"date": date(2026, 2, 13)})
    take_step(
        None, item, EventKind.ASSIGNED, {"date": date(2026, 2, 13), "division": Division.objects.get(name="水处")}
    )
    take_step(None, item, EventKind.EXTENDED, {"date": date(2026, 3, 10), "days": 10, "approved_by": "办公室主任"})
    correction, extension = item.letters.order_by("pk")
    assert "请于2026年2月27日前提交补正" in correction.body and correction.legal_basis.endswith("第三十条")
    # 20 working days from the correction (2026-03-19, tests/disclosure/test_workflow.py), then 10 more.
    assert "答复期限延长10个工作日，本机关将于2026年4月2日前作出答复" in extension.body
