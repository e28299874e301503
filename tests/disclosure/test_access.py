"""Who sees which request, through the real admin views signed in as each role: nothing leaks."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from disclosure.models import DisclosureRequest, EventKind, State
from disclosure.workflow import StepRefused, take_step
from policies.models import Division
from tests import factories, shared_data

pytestmark = pytest.mark.xdist_group("test_disclosure_access")

APPLICANT = "独一无二的申请人王某"  # a name that appears nowhere else, to find leaks


def build_world():
    factories.editorial()
    w = SimpleNamespace()
    w.daqi_division = Division.objects.get(name="大气处")
    w.office = factories.user("office", "办公室")
    w.fagui = factories.user("fagui", "法规处审核")
    w.daqi = factories.user("daqi", "起草处室编辑-大气处")
    w.daqi_head = factories.user("daqi_head", "处室负责人", "起草处室编辑-大气处")
    w.shui = factories.user("shui", "起草处室编辑-水处")
    w.xuanjiao = factories.user("xuanjiao", "宣教中心审核")
    w.request, _code = factories.disclosure_request(submitted_on=date(2026, 2, 9), name=APPLICANT)
    take_step(w.office, w.request, EventKind.ASSIGNED, {"date": date(2026, 2, 10), "division": w.daqi_division})
    w.unassigned, _code = factories.disclosure_request(submitted_on=date(2026, 2, 9), name=APPLICANT)
    return w


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build_world)


@pytest.fixture
def world(built_world):
    return shared_data.fresh(built_world)


def pages(w, item):
    return [
        reverse("disclosure_admin_index"),
        reverse("disclosure_admin_detail", args=[item.pk]),
        reverse("disclosure_admin_export"),
        reverse("wagtailadmin_home"),
    ]


@pytest.mark.parametrize("role", ["office", "fagui", "daqi", "daqi_head"])
def test_the_office_the_legal_division_and_the_assigned_division_see_the_applicant(client, world, role):
    client.force_login(getattr(world, role))
    detail = client.get(reverse("disclosure_admin_detail", args=[world.request.pk]))
    assert detail.status_code == 200 and APPLICANT in detail.content.decode()
    assert ModelLogEntry.objects.filter(
        action="disclosure.viewed", object_id=str(world.request.pk), user=getattr(world, role)
    ).exists()
    listed = client.get(reverse("disclosure_admin_index")).content.decode()
    assert world.request.number in listed
    # Only the office and the legal division see the request no division has yet.
    assert (world.unassigned.number in listed) == (role in ("office", "fagui"))


@pytest.mark.parametrize("role", ["shui", "xuanjiao"])
def test_another_division_and_other_roles_see_nothing(client, world, role):
    client.force_login(getattr(world, role))
    for item in (world.request, world.unassigned):
        assert client.get(reverse("disclosure_admin_detail", args=[item.pk])).status_code in (403, 404, 302)
        for url in pages(world, item):
            response = client.get(url)
            assert APPLICANT not in response.content.decode(), url
            assert item.number not in response.content.decode(), url
    if role == "shui":  # a division member, with no request of theirs: an empty list and an empty export
        export = client.get(reverse("disclosure_admin_export")).content.decode("utf-8-sig")
        assert export.count("\n") == 1
    scan_url = reverse("disclosure_admin_attachment", args=[world.request.pk, 1])
    assert client.get(scan_url).status_code in (403, 404, 302)


def test_only_the_office_registers_and_a_division_cannot_take_the_offices_steps(client, world):
    client.force_login(world.daqi)
    assert client.get(reverse("disclosure_admin_register")).status_code in (302, 403)
    url = reverse("disclosure_admin_step", args=[world.request.pk, EventKind.EXTENDED])
    client.post(
        url,
        {
            f"{EventKind.EXTENDED}-date": "2026-02-20",
            f"{EventKind.EXTENDED}-days": 10,
            f"{EventKind.EXTENDED}-approved_by": "我",
        },
    )
    assert not world.request.events.filter(kind=EventKind.EXTENDED).exists()
    # The division handles its own request: a consultation pauses it.
    url = reverse("disclosure_admin_step", args=[world.request.pk, EventKind.CONSULT_THIRD_PARTY])
    client.post(
        url, {f"{EventKind.CONSULT_THIRD_PARTY}-date": "2026-02-24", f"{EventKind.CONSULT_THIRD_PARTY}-party": "某公司"}
    )
    assert type(world.request).objects.get(pk=world.request.pk).state == State.PAUSED
    # The letter to the third party is addressed to it, never on the applicant's side.
    letter = world.request.letters.get(event__kind=EventKind.CONSULT_THIRD_PARTY)
    assert letter.body.startswith("某公司：") and "__" not in letter.body
    assert ModelLogEntry.objects.filter(action="disclosure.consult_third_party", user=world.daqi).exists()


def test_invalid_steps_are_refused_with_a_message(client, world):
    with pytest.raises(StepRefused, match="不能归档"):
        take_step(world.office, world.request, EventKind.ARCHIVED, {"date": date(2026, 2, 24)})
    with pytest.raises(StepRefused, match="最长不得超过20个工作日"):
        take_step(
            world.office,
            world.request,
            EventKind.EXTENDED,
            {"date": date(2026, 2, 24), "days": 10, "approved_by": "王主任"},
        )
        take_step(
            world.office,
            world.request,
            EventKind.EXTENDED,
            {"date": date(2026, 2, 25), "days": 11, "approved_by": "王主任"},
        )
    with pytest.raises(StepRefused, match="没有权限"):
        take_step(
            world.shui, world.request, EventKind.ANSWERED, {"date": date(2026, 2, 24), "answer_type": "disclosed"}
        )
    # Through the admin: the message is shown and nothing changes.
    client.force_login(world.office)
    url = reverse("disclosure_admin_step", args=[world.request.pk, EventKind.CORRECTION_RECEIVED])
    response = client.post(url, {f"{EventKind.CORRECTION_RECEIVED}-date": "2026-02-24"}, follow=True)
    assert "不能收到补正" in response.content.decode()
    assert not world.request.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists()


def test_an_answer_needs_the_sub_reason_the_annual_report_counts(client, world):
    client.force_login(world.office)
    url = reverse("disclosure_admin_step", args=[world.request.pk, EventKind.ANSWERED])
    prefix = EventKind.ANSWERED
    response = client.post(url, {f"{prefix}-date": "2026-03-02", f"{prefix}-answer_type": "withheld"}, follow=True)
    assert "请选择与答复类型相符的具体情形" in response.content.decode()
    client.post(
        url,
        {
            f"{prefix}-date": "2026-03-02",
            f"{prefix}-answer_type": "withheld",
            f"{prefix}-answer_reason": "withheld_third_party",
        },
    )
    answer = world.request.events.get(kind=EventKind.ANSWERED)
    assert (answer.answer_type, answer.answer_reason) == ("withheld", "withheld_third_party")
    assert type(world.request).objects.get(pk=world.request.pk).state == State.ANSWERED


def test_the_office_registers_a_letter_with_its_scan_and_only_the_allowed_download_it(client, world):
    client.force_login(world.office)
    scan = SimpleUploadedFile("来信.pdf", factories.PDF, content_type="application/pdf")
    response = client.post(
        reverse("disclosure_admin_register"),
        {
            "channel": "letter",
            "submitted_on": "2026-02-05",
            "signed_on": "2026-02-09",
            "applicant_type": "organisation",
            "organisation_type": "public_interest",
            "name": "某环保公益组织",
            "id_document": "统一社会信用代码 53330000000000000X",
            "phone": "0571-88888888",
            "address": "杭州市某路2号",
            "description": "2025年某流域水质监测报告",
            "information_form": "paper",
            "delivery": "post",
            "scans": scan,
        },
    )
    item = DisclosureRequest.objects.get(name="某环保公益组织")
    assert response.status_code == 302 and item.received_on == date(2026, 2, 9)  # signed for (第三十一条)
    attachment = item.attachments.get()
    url = reverse("disclosure_admin_attachment", args=[item.pk, attachment.pk])
    assert client.get(url).status_code == 200
    assert ModelLogEntry.objects.filter(action="disclosure.viewed", object_id=str(item.pk), user=world.office).exists()
    client.force_login(world.daqi)  # not assigned to 大气处
    assert client.get(url).status_code == 404


def test_the_assigned_division_adds_a_scan_another_cannot_and_a_false_pdf_is_refused(client, world):
    url = reverse("disclosure_admin_add_scan", args=[world.request.pk])
    client.force_login(world.shui)
    client.post(url, {"file": SimpleUploadedFile("回函.pdf", factories.PDF), "title": "回函"})
    client.force_login(world.daqi)
    response = client.post(url, {"file": SimpleUploadedFile("假的.pdf", b"MZ not a pdf")}, follow=True)
    assert "文件内容与扩展名不符" in response.content.decode()
    client.post(url, {"file": SimpleUploadedFile("回函.pdf", factories.PDF), "title": "企业回函"})
    assert list(world.request.attachments.values_list("title", flat=True)) == ["企业回函"]
    assert ModelLogEntry.objects.filter(action="disclosure.scan_added", user=world.daqi).exists()
