"""The subscriber's links without signing in (one-click unsubscribe of RFC 8058 by the List-Unsubscribe header, the
link in the mail, the management page, deleting everything), the limits on subscribing, and who among the staff
sees the addresses."""

import re

from django.test import Client

from core.following import Notice
from subscriptions.fanout import fan_out
from subscriptions.models import Event, Subscriber
from subscriptions.sending import send_due
from subscriptions.triggers import record
from tests import factories


def notify(key, *lists):
    record(Notice(key=key, title=f"标题{key}", url="/zhengce/x/", what="发布了新的政策文件", lists=lists))
    fan_out()
    send_due()


def path_of(url):
    return re.sub(r"^<?http://testserver", "", url.strip()).rstrip(">")


def test_unsubscribe_by_the_header_and_by_the_link_and_manage_everything_without_signing_in(smtp_server):
    follower = factories.subscriber("follower@example.com", "news", "policies", "consultations")
    browser = Client(enforce_csrf_checks=True)  # a mail program's POST carries no cookie and no token

    notify("n1", "news")
    header = smtp_server.messages[-1]["List-Unsubscribe"]
    response = browser.post(
        path_of(str(header)), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200 and "已退订" in response.content.decode()
    assert sorted(follower.subscriptions.values_list("list_key", flat=True)) == ["consultations", "policies"]

    notify("n2", "policies")
    body = smtp_server.messages[-1].get_body(("plain",)).get_content()
    unsubscribe = path_of(re.search(r"http://testserver/dingyue/youjian/tuiding/\S+", body).group(0))
    assert "确认退订" in browser.get(unsubscribe).content.decode()  # a link scanner's GET leaves it alone
    assert follower.subscriptions.count() == 2
    browser.post(unsubscribe)
    assert list(follower.subscriptions.values_list("list_key", flat=True)) == ["consultations"]

    manage = path_of(re.search(r"http://testserver/dingyue/youjian/guanli/\S+", body).group(0))
    page = browser.get(manage).content.decode()
    assert "follower@example.com" in page and "新的意见征集" in page
    subscription = follower.subscriptions.get()
    browser.post(manage, {"action": "save", f"frequency-{subscription.pk}": "weekly"})
    subscription.refresh_from_db()
    assert subscription.frequency == "weekly"
    assert browser.post(manage, {"action": "delete_all"}).status_code == 200
    assert not Subscriber.objects.filter(email="follower@example.com").exists()
    assert Event.objects.filter(key__in=["n1", "n2"]).count() == 2  # what happened stays; nothing of the address

    assert browser.get(manage).status_code == 404
    assert browser.get(manage[:-5] + "xxxx/").status_code == 404  # a forged token


def test_subscribing_is_limited_per_address_and_per_client_and_refuses_bad_input(client, smtp_server, settings):
    settings.ZHENGCE_SUBSCRIPTION_ADDRESS_RATE = (2, 3600)
    settings.ZHENGCE_SUBSCRIPTION_CLIENT_RATE = (4, 3600)
    settings.ZHENGCE_SUBSCRIPTION_MAX_LISTS = 3

    def subscribe(email, list_key, ip="203.0.113.5", **extra):
        data = {"email": email, "list": list_key, "frequency": "daily", **extra}
        return client.post("/dingyue/youjian/", data, REMOTE_ADDR=ip)

    assert subscribe("one@example.com", "news").status_code == 200
    assert subscribe("one@example.com", "policies").status_code == 200
    refused = subscribe("one@example.com", "consultations")
    assert refused.status_code == 429 and "确认邮件发送过于频繁" in refused.content.decode()
    assert int(refused.headers["Retry-After"]) > 0
    assert [message["To"] for message in smtp_server.messages] == ["one@example.com"] * 2
    assert "新闻发布" in smtp_server.messages[1].get_body(("plain",)).get_content()  # all pending lists, once more

    capped = subscribe("one@example.com", "interpretations")
    assert capped.status_code == 400 and "最多订阅 3 项" in capped.content.decode()

    bad = subscribe("not-an-address", "news")
    assert bad.status_code == 400 and "请填写正确的电子邮箱" in bad.content.decode()
    assert subscribe("two@example.com", "page:999999").status_code == 404
    assert subscribe("robot@example.com", "news", website="http://spam.example").status_code == 400
    many = subscribe("three@example.com", "news")  # the client's 5th well-formed post within the hour
    assert many.status_code == 429 and "订阅请求过于频繁" in many.content.decode()
    assert subscribe("three@example.com", "news", ip="203.0.113.9").status_code == 200
    assert len(smtp_server.messages) == 3

    # Without a script or a page of its own: the form alone at the follow address, and the businesses' page.
    alone = client.get("/dingyue/youjian/?list=news").content.decode()
    assert "订阅：新闻发布" in alone and 'name="list" value="news"' in alone
    (chemicals,), (hangzhou,) = factories.business_tags(["化工"], ["杭州市"])
    assert "化工" in client.get("/dingyue/youjian/qiye/").content.decode()
    business = {"email": "firm@example.com", "frequency": "weekly", "industries": [chemicals.pk]}
    nothing = client.post("/dingyue/youjian/qiye/", {**business, "industries": []}, REMOTE_ADDR="203.0.113.10")
    assert nothing.status_code == 400 and "请至少选择一个行业或地区" in nothing.content.decode()
    taken = client.post("/dingyue/youjian/qiye/", {**business, "regions": [hangzhou.pk]}, REMOTE_ADDR="203.0.113.10")
    assert taken.status_code == 200
    assert (
        Subscriber.objects.get(email="firm@example.com").subscriptions.get().label == "涉企政策：行业 化工；地区 杭州市"
    )
    assert not Subscriber.objects.filter(email__in=["robot@example.com", "not-an-address"]).exists()


def test_only_the_office_sees_the_addresses_and_the_publicity_center_sees_the_counts(client):
    factories.editorial()
    factories.subscriber("private@example.com", "news")
    factories.user("office", "办公室")
    factories.user("publicity", "宣教中心审核")

    client.login(username="publicity", password="pw")
    refused = client.get("/admin/subscriptions/addresses/")
    assert refused.status_code in (302, 403) and "private@example.com" not in refused.content.decode()
    report = client.get("/admin/reports/subscriptions/")
    assert report.status_code == 200 and "新闻发布" in report.content.decode()
    assert "private@example.com" not in report.content.decode()

    client.login(username="office", password="pw")
    assert "private@example.com" in client.get("/admin/subscriptions/addresses/").content.decode()
