"""The public application form and the status page: refusals, the code shown once, the attempts limited."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from disclosure.models import AlreadySubmitted, DisclosureRequest, State
from disclosure.models.requests import code_for_submission

pytestmark = pytest.mark.django_db

VALID = {
    "applicant_type": "person",
    "name": "张三",
    "id_document": "居民身份证 330102199001011234",
    "phone": "0571-87654321",
    "email": "zhangsan@example.com",
    "description": "2025年全省重点排污单位名录",
    "information_form": "electronic",
    "delivery": "email",
}


def test_the_form_is_served_to_everyone_and_never_cached(client):
    response = client.get(reverse("disclosure_apply"))
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert 'name="description"' in response.content.decode()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"phone": ""}, "请填写联系电话"),
        ({"phone": "abc"}, "请填写有效的电话号码"),
        ({"applicant_type": "organisation"}, "法人或其他组织请选择组织类型。"),
        ({"delivery": "post"}, "选择邮寄的，请填写通信地址。"),
        ({"delivery": "email", "email": ""}, "选择以电子邮件获取信息的，请填写电子邮箱。"),
        ({"description": "文件"}, "请更具体地描述所需的政府信息"),
        ({"information_form": "fax"}, "请从列出的选项中选择。"),
        ({"website": "http://spam.example"}, "提交失败，请重试。"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(client, changes, message):
    response = client.post(reverse("disclosure_apply"), {**VALID, **changes})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "提交未成功" in page
    assert 'value="张三"' in page  # what was typed is kept
    assert not DisclosureRequest.objects.exists()


def test_a_valid_application_is_saved_and_its_code_opens_the_status_page(client):
    response = client.post(reverse("disclosure_apply"), VALID)
    assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"]
    item = DisclosureRequest.objects.get()
    code = response.context["code"]
    page = response.content.decode()
    assert item.number in page and code in page
    assert (item.channel, item.state, item.received_on) == ("online", State.REGISTERED, None)  # 第三十一条: 待确认
    assert code not in item.secret_hash and item.check_secret_code(code.lower())

    status = client.post(reverse("disclosure_status"), {"number": item.number, "code": code})
    assert status.status_code == 200 and "登记" in status.content.decode()
    assert "no-store" in status.headers["Cache-Control"]


def test_a_wrong_code_or_an_unknown_number_reveals_nothing(client):
    client.post(reverse("disclosure_apply"), VALID)
    item = DisclosureRequest.objects.get()
    wrong = client.post(reverse("disclosure_status"), {"number": item.number, "code": "AAAAAAAAAA"})
    unknown = client.post(reverse("disclosure_status"), {"number": "YSQ-2026-9999", "code": "AAAAAAAAAA"})
    for response in (wrong, unknown):
        page = response.content.decode()
        assert response.status_code == 400 and "申请编号或查询码不正确。" in page
        assert "张三" not in page and "当前状态" not in page and "重点排污单位" not in page
    # The same page either way (but for the form's token, which differs on every page): nothing tells them apart.
    assert without_token(wrong) == without_token(unknown).replace("YSQ-2026-9999", item.number)


def without_token(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


@override_settings(ZHENGCE_DISCLOSURE_STATUS_ATTEMPTS=(3, 900))
def test_attempts_from_one_client_are_limited_across_numbers():
    from tests import factories

    item, code = factories.disclosure_request()
    client = Client(REMOTE_ADDR="203.0.113.7")
    for number in ("YSQ-2026-9997", "YSQ-2026-9998", "YSQ-2026-9999"):
        assert client.post(reverse("disclosure_status"), {"number": number, "code": "WRONGCODE2"}).status_code == 400
    # The right code for a number never tried: refused all the same, by the client's count.
    blocked = client.post(reverse("disclosure_status"), {"number": item.number, "code": code})
    assert blocked.status_code == 429 and "当前状态" not in blocked.content.decode()
    # Another client still gets in with the code.
    other = Client(REMOTE_ADDR="203.0.113.8").post(reverse("disclosure_status"), {"number": item.number, "code": code})
    assert other.status_code == 200 and "当前状态" in other.content.decode()


@override_settings(ZHENGCE_DISCLOSURE_STATUS_ATTEMPTS=(3, 900))
def test_attempts_at_a_number_are_limited_but_never_lock_out_the_browser_that_sent_it(client):
    response = client.post(reverse("disclosure_apply"), VALID)
    item, code = DisclosureRequest.objects.get(), response.context["code"]
    # Guessers from three addresses spend the number's attempts.
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        Client(REMOTE_ADDR=address).post(reverse("disclosure_status"), {"number": item.number, "code": "WRONGCODE2"})
    # A fourth address with the right code waits: the number is limited wherever it was not opened before.
    blocked = Client(REMOTE_ADDR="203.0.113.4").post(
        reverse("disclosure_status"), {"number": item.number, "code": code}
    )
    assert blocked.status_code == 429 and "提交过于频繁" in blocked.content.decode()
    assert "当前状态" not in blocked.content.decode()
    # The applicant's own browser (it sent the request: a signed cookie names it) still gets in.
    cookie = response.cookies["zhengce_ysq"]
    assert cookie["httponly"] and cookie["path"] == "/yishenqing/"
    opened = client.post(reverse("disclosure_status"), {"number": item.number, "code": code})
    assert opened.status_code == 200 and "当前状态" in opened.content.decode()
    # A forged cookie is worth nothing.
    forger = Client(REMOTE_ADDR="203.0.113.5")
    forger.cookies["zhengce_ysq"] = item.number
    assert forger.post(reverse("disclosure_status"), {"number": item.number, "code": code}).status_code == 429


def test_a_form_posted_twice_makes_one_request_and_shows_the_same_number_and_code_both_times(client):
    key = client_key(client)
    first = client.post(reverse("disclosure_apply"), {**VALID, "submission": key})
    second = client.post(reverse("disclosure_apply"), {**VALID, "submission": key})
    item = DisclosureRequest.objects.get()
    assert first.status_code == second.status_code == 200
    assert first.context["code"] == second.context["code"] and item.check_secret_code(second.context["code"])
    assert item.number in second.content.decode() and key not in item.submission_digest
    # Another form (another key) is another request; a mangled key is no key at all.
    client.post(reverse("disclosure_apply"), {**VALID, "submission": client_key(client)})
    client.post(reverse("disclosure_apply"), {**VALID, "submission": "<script>"})
    assert DisclosureRequest.objects.count() == 3


def test_a_second_post_that_races_the_first_is_answered_with_the_first_request():
    from tests import factories

    first, code = factories.disclosure_request(channel="online", submission="k" * 32)
    # The view looked before the first was saved: the unique key refuses the second save, which names the first.
    with pytest.raises(AlreadySubmitted) as raised:
        factories.disclosure_request(channel="online", submission="k" * 32)
    assert raised.value.request == first and DisclosureRequest.objects.count() == 1
    assert first.check_secret_code(code) and code == code_for_submission("k" * 32)


def client_key(client):
    page = client.get(reverse("disclosure_apply")).content.decode()
    return re.search(r'name="submission" value="([^"]+)"', page).group(1)


@override_settings(ZHENGCE_DISCLOSURE_SUBMISSIONS=(2, 3600))
def test_submissions_from_one_client_are_limited(client):
    for _submission in range(2):
        assert client.post(reverse("disclosure_apply"), VALID).status_code == 200
    refused = client.post(reverse("disclosure_apply"), VALID)
    assert refused.status_code == 429 and "提交过于频繁" in refused.content.decode()
    assert DisclosureRequest.objects.count() == 2


def test_an_error_is_tied_to_its_field_for_screen_readers(client):
    bad = {**VALID, "phone": "abc", "email": "zhangsan@", "information_form": "", "purpose": "研究"}
    page = client.post(reverse("disclosure_apply"), bad).content.decode()
    assert "<title>提交未成功：政府信息公开申请" in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="id_phone_error"' in page
    assert '<p class="form-error" id="id_phone_error">' in page
    assert '<a href="#id_phone">' in page  # the summary links to the field
    assert "请填写有效的电子邮箱，如 name@example.com。" in page
    # A choice of several: a fieldset described by its error, the summary linking to its first option.
    assert '<fieldset aria-describedby="id_information_form_error">' in page
    assert '<a href="#id_information_form_0">' in page and 'id="id_information_form_0"' in page
    # What was typed and chosen is kept.
    assert 'value="person" id="id_applicant_type_0" required checked' in page
    assert "研究</textarea>" in page and 'value="0571-87654321"' not in page and 'value="abc"' in page


def test_the_form_groups_the_organisations_fields_and_keeps_the_trap_out_of_reach(client):
    page = client.get(reverse("disclosure_apply")).content.decode()
    assert "<legend>申请人类型" in page  # the applicant type: a fieldset of radio buttons
    organisation = page.split("<legend>申请人为法人或其他组织的，请填写</legend>")[1].split("</fieldset>")[0]
    for name in ("organisation_type", "legal_representative", "contact_person"):
        assert f'name="{name}"' in organisation
    assert 'name="website" tabindex="-1" autocomplete="off"' in page
    assert "选择以电子邮件获取信息的必填" in page and "选择邮寄的必填" in page
    assert "<form" in page and "<script" not in page.split("<form")[1].split("</form>")[0]  # no script in the form
