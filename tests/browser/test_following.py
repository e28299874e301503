"""Following a document by e-mail, in a real browser on a phone, with the mails going through a real SMTP server.

A citizen follows a policy from its page (served from the page cache, the form the same for everyone), confirms from
the mail received, the document is amended and the worker sends the notice, and the citizen leaves from the notice's
link. Screenshots at the end states, on the phone and on a desktop.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests import factories

from .conftest import DESKTOP, PHONE
from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "浙江省大气污染防治办法"
AMENDMENT = "关于修改《浙江省大气污染防治办法》的决定"


def link_in(message, name):
    body = message.get_body(("plain",)).get_content()
    return re.search(rf"https?://[^/\s]+(/dingyue/youjian/{name}/\S+/)", body).group(1)


def test_a_citizen_follows_a_document_on_a_phone_and_leaves_from_the_notice(
    open_browser, axe_script, live_server, smtp_server, settings, tmp_path
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # the links in the mails
    followed = factories.policy(TITLE, doc_number="浙环发〔2020〕12号")
    citizen = open_browser(bypass_csp=True, **PHONE)  # bypass_csp: axe-core is injected
    phone = citizen.page

    phone.goto(followed.url)
    form = phone.get_by_role("region", name="关注本文件")
    form.get_by_label("电子邮箱").fill("citizen@example.com")
    form.get_by_label("发送频率").select_option("immediate")
    form.get_by_role("button", name="订阅").click()
    expect(phone.get_by_role("heading", name="请查收确认邮件")).to_be_visible()
    assert smtp_server.subjects() == ["请确认您的邮件订阅"]

    phone.goto(link_in(smtp_server.messages[0], "queren"))
    phone.get_by_role("button", name="确认订阅").click()
    expect(phone.get_by_role("heading", name="订阅成功")).to_be_visible()
    citizen.screenshot("confirmed (phone)")
    phone.get_by_role("link", name="管理我的订阅").click()
    expect(phone.get_by_label("发送频率")).to_have_value("immediate")
    citizen.screenshot("managing the subscription (phone)")
    found = {"manage": axe_violations(phone, axe_script)}

    factories.amend(followed, AMENDMENT, note="修改第三条")
    call_command("send_subscriptions", stdout=tmp_path.joinpath("out").open("w"))
    assert smtp_server.subjects()[1:] == [f"【订阅提醒】{TITLE}：本文件已被《{AMENDMENT}》修改"]
    notice = smtp_server.messages[1]
    assert "修改第三条" in notice.get_body(("plain",)).get_content()

    phone.goto(followed.url)
    phone.reload()  # the browser keeps the page it saw before (Cache-Control); a reload asks the site again
    expect(phone.get_by_role("link", name=f"《{AMENDMENT}》").first).to_be_visible()  # the banner
    citizen.screenshot("amended document with its follow form (phone)")
    phone.set_viewport_size(DESKTOP["viewport"])
    citizen.screenshot("amended document with its follow form (desktop)")
    phone.set_viewport_size(PHONE["viewport"])

    phone.goto(link_in(notice, "tuiding"))
    found["unsubscribe"] = axe_violations(phone, axe_script)
    phone.get_by_role("button", name="确认退订").click()
    expect(phone.get_by_role("heading", name="已退订")).to_be_visible()
    citizen.screenshot("unsubscribed (phone)")
    phone.set_viewport_size(DESKTOP["viewport"])
    citizen.screenshot("unsubscribed (desktop)")

    factories.amend(followed, "关于再次修改《浙江省大气污染防治办法》的决定")
    call_command("send_subscriptions", stdout=tmp_path.joinpath("out").open("w"))
    assert len(smtp_server.messages) == 2  # nothing after leaving
    assert not any(found.values()), "\n".join(f"{name}:\n{describe(v)}" for name, v in found.items() if v)
