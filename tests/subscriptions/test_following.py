"""Following by e-mail, through a real SMTP server on 127.0.0.1 (tests/mail.py): the double opt-in, every trigger of a
followed document (major change, expiry, amendment, new interpretation and its major change, withdrawal; a minor
change tells nobody), the lists (policies, topic, news, interpretation kind, consultations, a followed search),
the daily digest, 涉企 tags, and nothing of a draft in any mail."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.editorial.office import actions
from interpretations.models import InterpretationChangeNote
from policies.models import Agency, ChangeNote, Topic
from subscriptions.fanout import fan_out
from subscriptions.lists import business_key
from subscriptions.models import Delivery, Subscriber
from subscriptions.models.subscribers import due_time
from subscriptions.sending import send_due
from subscriptions.triggers import record_timed
from tests import factories

SECRET = "草稿秘密标题"


def run(now=None):
    record_timed()
    fan_out(now)
    return send_due(now)


def bodies(smtp_server):
    return [message.get_body(("plain",)).get_content() for message in smtp_server.messages]


def link(message, name):
    body = message.get_body(("plain",)).get_content()
    return re.search(rf"http://testserver(/dingyue/youjian/{name}/[^/\s]+/)", body).group(1)


def major_change(page, note, note_model=ChangeNote):
    draft = page.get_latest_revision_as_object()
    draft.change_notes.add(note_model(date=timezone.localdate(), note=note))
    draft.save_revision().publish()


def test_a_followed_document_tells_its_follower_each_change_after_the_confirmation(client, smtp_server):
    followed = factories.policy("浙江省大气污染防治办法")
    response = client.post(
        "/dingyue/youjian/", {"email": "Citizen@Example.com", "list": f"page:{followed.pk}", "frequency": "immediate"}
    )
    assert response.status_code == 200 and "请查收确认邮件" in response.content.decode()
    assert smtp_server.subjects() == ["请确认您的邮件订阅"]
    confirmation = smtp_server.messages[0]
    assert confirmation["To"] == "citizen@example.com"

    # Nothing but the confirmation until confirmed, and what happened before is never sent later.
    factories.amend(followed, "关于修改《浙江省大气污染防治办法》的决定（一）")
    run()
    assert len(smtp_server.messages) == 1

    confirm_path = link(confirmation, "queren")
    assert "确认订阅" in client.get(confirm_path).content.decode()  # a mail scanner's GET confirms nothing
    assert not Subscriber.objects.get().confirmed_at
    assert "订阅成功" in client.post(confirm_path).content.decode()
    assert Subscriber.objects.get().subscriptions.get().confirmed_at

    factories.revise(followed, summary="更正错别字。")  # a minor change
    run()
    assert len(smtp_server.messages) == 1

    major_change(followed, "调整第四条的适用范围。")
    run()
    factories.revise(followed, date_expires=timezone.localdate())
    run()
    followed = type(followed).objects.get(pk=followed.pk)
    draft = followed.get_latest_revision_as_object()
    draft.title = SECRET
    draft.save_revision()  # never published
    factories.amend(followed, "关于修改《浙江省大气污染防治办法》的决定（二）", note="修改第二条")
    interpretation = "《浙江省大气污染防治办法》文字解读"
    text = factories.interpretation("text", [followed], title=interpretation, date_published=timezone.localdate())
    run()
    major_change(text, "补充了第四条的解读。", InterpretationChangeNote)
    run()
    actions.withdraw(followed, factories.user("office", superuser=True), "已由新办法代替。")
    run()
    run()  # again: nobody is told twice

    subjects = smtp_server.subjects()
    assert subjects[1:] == [
        "【订阅提醒】浙江省大气污染防治办法：本文件有重大修改",
        f"【订阅提醒】浙江省大气污染防治办法：本文件已于{timezone.localdate():%Y年%-m月%-d日}失效",
        "【订阅提醒】浙江省大气污染防治办法：本文件已被《关于修改《浙江省大气污染防治办法》的决定（二）》修改",
        "【订阅提醒】浙江省大气污染防治办法：本文件有新的解读：《《浙江省大气污染防治办法》文字解读》（文字解读）",
        "【订阅提醒】浙江省大气污染防治办法：本文件的解读《《浙江省大气污染防治办法》文字解读》（文字解读）有重大修改",
        "【订阅提醒】浙江省大气污染防治办法：本页面已撤回",
    ]
    texts = bodies(smtp_server)
    assert "调整第四条的适用范围。" in texts[1] and "修改第二条" in texts[3] and "补充了第四条的解读。" in texts[5]
    assert "已由新办法代替。" in texts[6]
    assert f"http://testserver{followed.url}" in texts[1]
    assert not any(SECRET in text or SECRET in subject for text, subject in zip(texts, subjects, strict=True))
    notice = smtp_server.messages[1]
    assert re.fullmatch(r"<http://testserver/dingyue/youjian/tuiding/[^>]+/>", str(notice["List-Unsubscribe"]).strip())
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/dingyue/youjian/guanli/" in texts[1]


def publish_business(page, industries, regions=()):
    draft = page.get_latest_revision_as_object()
    draft.is_business = True
    draft.industries = industries
    draft.regions = list(regions)
    draft.save_revision().publish()


# The queue's fan-out: JSON tags, bulk inserts that skip an existing (address, event), the digest's due time.
@pytest.mark.postgresql
def test_lists_digests_and_business_tags_group_what_was_published_and_leave_drafts_out(smtp_server, settings):
    settings.ELASTICSEARCH_URL = ""  # the followed search answers from the database here
    today = timezone.localdate()
    (chemicals, dyeing), (hangzhou, ningbo) = factories.business_tags(["化工", "印染"], ["杭州市", "宁波市"])
    factories.policy("旧文件", date_published=today - timedelta(days=400))
    topic = Topic.objects.get(name="大气环境")
    reader = factories.subscriber(
        "reader@example.com", "policies", f"topic:{topic.pk}", "news", "interpretations", frequency="daily"
    )
    business = factories.subscriber("chem@example.com", business_key([chemicals.pk], [hangzhou.pk]))
    elsewhere = factories.subscriber("ningbo@example.com", business_key([chemicals.pk], [ningbo.pk]))
    qa_reader = factories.subscriber("qa@example.com", "kind:qa", "consultations", "search:q=挥发性有机物")
    agency = Agency.objects.get(name="浙江省生态环境厅")
    weekly = factories.subscriber("weekly@example.com", f"agency:{agency.pk}", frequency="weekly")

    first = factories.policy("化工企业挥发性有机物治理规定", publish=False, date_published=today)
    publish_business(first, [chemicals], [hangzhou])
    second = factories.policy("印染行业废水排放规定", publish=False, date_published=today)
    publish_business(second, [dyeing])
    factories.policy(SECRET, publish=False, date_published=today)  # a draft
    factories.news("召开化工园区整治新闻发布会", date_published=today)
    question = ("适用范围？", "<p>化工企业。</p>", None, None)
    qa = factories.interpretation(
        "qa", [first], title="化工企业治理规定问答", date_published=today, questions=[question], publish=False
    )
    publish_business(qa, [chemicals])
    factories.consultation("化工园区管理办法（征求意见稿）", date_published=today)
    factories.policy("旧文件", date_published=today - timedelta(days=400))  # republished: old news

    run()
    immediate = {message["To"]: [] for message in smtp_server.messages}
    for message in smtp_server.messages:
        immediate[message["To"]].append(" ".join(str(message["Subject"]).split()))
    assert immediate.pop("chem@example.com") == [
        "【订阅提醒】化工企业挥发性有机物治理规定：发布了新的政策文件",
        "【订阅提醒】化工企业治理规定问答：发布了新的政策解读（简明问答）",
    ]
    # 宁波: the document concerns 杭州 only; the Q&A has no region, so it concerns every region.
    assert immediate.pop("ningbo@example.com") == ["【订阅提醒】化工企业治理规定问答：发布了新的政策解读（简明问答）"]
    # The kind, the consultations and the followed search (its word is in the first document's title).
    assert sorted(immediate.pop("qa@example.com")) == sorted(
        [
            "【订阅提醒】化工园区管理办法（征求意见稿）：发布了新的意见征集",
            "【订阅提醒】化工企业挥发性有机物治理规定：发布了新的政策文件",
            "【订阅提醒】化工企业治理规定问答：发布了新的政策解读（简明问答）",
        ]
    )
    assert immediate == {}  # the daily and the weekly readers wait for their digests

    before = len(smtp_server.messages)
    run(due_time("daily") + timedelta(minutes=1))
    digests = [message for message in smtp_server.messages[before:] if message["To"] != "weekly@example.com"]
    assert [message["To"] for message in digests] == ["reader@example.com"]
    assert " ".join(str(digests[0]["Subject"]).split()) == "【订阅每日汇总】共 4 条更新"
    text = digests[0].get_body(("plain",)).get_content()
    published = (
        "化工企业挥发性有机物治理规定",
        "印染行业废水排放规定",
        "召开化工园区整治新闻发布会",
        "化工企业治理规定问答",
    )
    for title in published:
        assert text.count(f"《{title}》") == 1
    assert "旧文件" not in text
    assert digests[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not any(SECRET in body for body in bodies(smtp_server))
    # The agency's weekly reader: one digest on the week's day, the agency's two new documents in it.
    run(due_time("weekly") + timedelta(minutes=1))
    (week,) = [message for message in smtp_server.messages if message["To"] == "weekly@example.com"]
    assert " ".join(str(week["Subject"]).split()) == "【订阅每周汇总】共 2 条更新"
    text = week.get_body(("plain",)).get_content()
    assert "《化工企业挥发性有机物治理规定》" in text and "《印染行业废水排放规定》" in text
    # A followed document unpublished: its follower is told it is gone, in words of the site's own.
    factories.subscriber("follower@example.com", f"page:{second.pk}")
    type(second).objects.get(pk=second.pk).unpublish()
    run()
    (gone,) = [message for message in smtp_server.messages if message["To"] == "follower@example.com"]
    assert " ".join(str(gone["Subject"]).split()) == "【订阅提醒】印染行业废水排放规定：本页面已停止发布"
    followers = [reader, business, elsewhere, qa_reader, weekly]
    assert Delivery.objects.filter(subscriber__in=followers, sent_at=None).count() == 0
