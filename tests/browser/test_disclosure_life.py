"""A request for disclosure (依申请公开) from the public form to the answer letter, in real browsers.

A citizen applies on a phone and keeps the number and the code; the office confirms the request and assigns it
to the air division; the division answers 予以公开; the citizen opens the status page with the code and downloads
the answer letter, a PDF with the request's number in it.
"""

import io
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect
from pypdf import PdfReader

from disclosure.models import DisclosureRequest, State
from tests import factories

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DESCRIPTION = "2025年全省重点排污单位名录及其自行监测方案"
HOW = "该信息已制作为电子文本，随本告知书以电子邮件发送至您留下的邮箱。"


def signed_in(open_browser, base_url, username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    browsing = open_browser(**DESKTOP)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    browsing.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
    return browsing


def take_step(page, label, fill=lambda step: None):
    """Open the step `label` on the request's admin page, fill it in, take it and see it recorded."""
    step = page.locator("details").filter(has=page.locator("summary strong", has_text=re.compile(f"^{label}$")))
    step.locator("summary").click()
    fill(step)
    step.get_by_role("button", name=label).click()
    expect(page.locator(".messages")).to_contain_text(f"已记录：{label}")


def flat(text):
    # pypdf puts a NUL before each character of fpdf2's two-byte CJK codes (tests/disclosure/test_letters.py).
    return "".join(text.replace("\x00", "").split())


def test_a_request_from_the_public_form_to_the_answer_letter(open_browser, live_server):
    factories.editorial()
    factories.user("office", "办公室")
    factories.user("daqi", "起草处室编辑-大气处")

    # 1. A citizen applies on a phone and gets the number and the code.
    citizen = open_browser(**PHONE)
    phone = citizen.page
    phone.goto("/yishenqing/")
    phone.get_by_label("自然人").check()
    phone.get_by_label("姓名或名称").fill("张三")
    phone.get_by_label("身份证明").fill("居民身份证 330102199001011234")
    phone.get_by_label("联系电话").fill("13800000000")
    phone.get_by_label("电子邮箱").fill("zhangsan@example.com")
    phone.get_by_label("所需政府信息的名称、文号或特征描述").fill(DESCRIPTION)
    phone.get_by_label("电子文本").check()
    phone.get_by_label("电子邮件").check()
    citizen.screenshot("phone form filled in")
    phone.get_by_role("button", name="提交申请").click()
    receipt = phone.locator(".disclosure-receipt")
    expect(receipt).to_contain_text("申请编号")
    number, code = (text.strip() for text in receipt.locator(".disclosure-code").all_inner_texts())
    item = DisclosureRequest.objects.get(number=number)
    assert item.description == DESCRIPTION and item.check_secret_code(code)

    # 2. The office confirms the request with the applicant and assigns it to the air division.
    office = signed_in(open_browser, live_server.url, "office")
    office.page.goto("/admin/disclosure/")
    office.page.get_by_role("link", name=number).click()
    take_step(office.page, "确认收到申请")
    take_step(office.page, "分办", lambda step: step.get_by_label("承办处室").select_option(label="大气处"))

    # 3. The division answers: 予以公开.
    division = signed_in(open_browser, live_server.url, "daqi")
    division.page.goto(f"/admin/disclosure/{item.pk}/")

    def answer(step):
        step.get_by_label("答复类型").select_option(label="予以公开")
        step.get_by_label("说明").fill(HOW)

    take_step(division.page, "答复", answer)
    expect(division.page.locator("#letters")).to_contain_text("政府信息公开申请答复告知书")
    item.refresh_from_db()
    assert item.state == State.ANSWERED

    # 4. The citizen opens the status page with the code and downloads the answer letter.
    def open_status(page):
        page.goto("/yishenqing/chaxun/")
        page.get_by_label("申请编号").fill(number)
        page.get_by_label("查询码").fill(code.lower())  # as typed by hand: the code is read without case
        page.get_by_role("button", name="查询").click()
        expect(page.locator(".disclosure-status")).to_contain_text("已答复")

    open_status(phone)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="下载 PDF").click()
    assert download.value.suggested_filename == f"{number}-answered.pdf"
    letter = download.value.path().read_bytes()
    assert letter.startswith(b"%PDF")
    text = flat("".join(page.extract_text() for page in PdfReader(io.BytesIO(letter)).pages))
    for expected in (number, "予以公开", "张三", HOW, "六十日内向浙江省人民政府申请行政复议"):
        assert flat(expected) in text
    citizen.screenshot("phone status page with the letter")

    reader = open_browser(**DESKTOP)
    open_status(reader.page)
    expect(reader.page.locator(".disclosure-letters")).to_contain_text("政府信息公开申请答复告知书")
    reader.screenshot("desktop status page with the letter")
    reader.page.goto("/yishenqing/")
    reader.screenshot("desktop form")
