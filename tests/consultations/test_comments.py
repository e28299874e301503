"""A citizen's comment: the form beside each article, the close-time boundary by the server's clock, and every
refusal (after the close, too frequent, the hidden field, the same text again, too long), none of which saves."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from consultations.models import Comment
from tests import factories, shared_data

# The duplicate window and the closing second are compared as each database stores datetimes.
pytestmark = [pytest.mark.xdist_group("consultation_comments"), pytest.mark.postgresql]


def build():
    now = timezone.now()
    return {
        "open": factories.consultation(),
        "closed": factories.consultation(
            "已截止的征求意见稿", opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=1)
        ),
    }


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build)


@pytest.fixture
def pages(built):
    return shared_data.fresh(built)


def form_url(page):
    return f"/yijian/{page.pk}/"


def post(page, client=None, address="10.1.1.1", **data):
    fields = {"article": "", "text": "建议明确公开期限。", "name": "", "contact": "", "website": ""}
    fields.update(data)
    return (client or Client()).post(form_url(page), fields, REMOTE_ADDR=address)


def test_each_article_has_a_comment_link_and_the_cached_page_no_form(pages):
    page = pages["open"]
    html = Client().get(page.url).content.decode()
    assert f'href="/yijian/{page.pk}/?tiao=3"' in html
    assert len(re.findall(rf"/yijian/{page.pk}/\?tiao=\d", html)) == 4
    assert "征求中" in html
    # Served to everyone from the page cache: no form, no CSRF token on it.
    assert "csrfmiddlewaretoken" not in html and "<form" not in html.replace('<form class="search-box"', "")


def test_the_form_preselects_the_article_and_carries_a_csrf_token(pages):
    response = Client().get(form_url(pages["open"]) + "?tiao=3")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<option value="3" selected>第三条</option>', html)
    assert 'name="csrfmiddlewaretoken"' in html
    assert "不会公开" in html  # the privacy notice
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_a_comment_is_saved_before_its_receipt_and_csrf_is_checked(pages):
    page = pages["open"]
    client = Client(enforce_csrf_checks=True)
    assert post(page, client, article="3").status_code == 403  # no token: refused, nothing saved
    assert not Comment.objects.exists()
    html = client.get(form_url(page)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = post(page, client, article="3", name="李四", contact="13800000000", csrfmiddlewaretoken=token)
    assert response.status_code == 200
    comment = Comment.objects.get()
    assert (comment.article, comment.name, comment.contact) == (3, "李四", "13800000000")
    assert f"回执编号：{comment.receipt}" in response.content.decode()
    assert re.fullmatch(r"YJ\d{8}-[2-9A-HJKMNP-Z]{6}", comment.receipt)


def test_one_second_before_the_close_is_accepted_at_the_close_refused(pages):
    page = pages["open"]
    with time_machine.travel(page.closes_at - timedelta(seconds=1), tick=False):
        assert post(page, text="最后一秒的意见").status_code == 200
    for moment in (page.closes_at, page.closes_at + timedelta(seconds=1)):
        with time_machine.travel(moment, tick=False):
            response = post(page, text=f"迟到的意见 {moment}")
            assert response.status_code == 403
            assert "已于" in response.content.decode() and "没有保存" in response.content.decode()
            # The form is gone too.
            form = Client().get(form_url(page))
            assert "<textarea" not in form.content.decode() and "征求意见已截止" in form.content.decode()
            assert "对本条提意见" not in Client().get(page.url).content.decode()
    assert list(Comment.objects.values_list("text", flat=True)) == ["最后一秒的意见"]


def test_a_closed_consultation_refuses_and_saves_nothing(pages):
    response = post(pages["closed"])
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_hidden_field_filled_in_is_refused(pages):
    response = post(pages["open"], website="http://spam.example/")
    assert response.status_code == 400
    assert "未能完成" in response.content.decode()
    assert not Comment.objects.exists()


def test_too_many_comments_from_one_client_are_refused(pages, settings):
    settings.ZHENGCE_CONSULTATION_COMMENT_RATE = (2, 600)
    page = pages["open"]
    assert [post(page, text=f"第{n}条意见").status_code for n in range(2)] == [200, 200]
    refused = post(page, text="第三条意见")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "过于频繁" in refused.content.decode()
    assert post(page, text="另一位市民的意见", address="10.1.1.2").status_code == 200
    assert Comment.objects.count() == 3


def test_the_same_text_from_the_same_client_is_refused_within_the_window(pages, settings):
    page = pages["open"]
    assert post(page, text="建议 增加 听证程序").status_code == 200
    again = post(page, text="建议增加听证程序。".replace("。", ""))  # same words, spacing aside
    assert again.status_code == 409
    assert "相同内容" in again.content.decode()
    assert post(page, text="建议增加听证程序", address="10.1.1.9").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(seconds=settings.ZHENGCE_CONSULTATION_DUPLICATE_WINDOW + 60)):
        assert post(page, text="建议增加听证程序").status_code == 200
    assert Comment.objects.count() == 3


def test_length_limits_and_empty_text_are_refused_with_a_message(pages, settings):
    settings.ZHENGCE_CONSULTATION_COMMENT_MAX_LENGTH = 20
    page = pages["open"]
    too_long = post(page, text="长" * 21)
    assert too_long.status_code == 400 and "不能超过 20 字（现有 21 字）" in too_long.content.decode()
    assert "请填写意见内容" in post(page, text="   ").content.decode()
    assert post(page, name="名" * 51).status_code == 400
    assert post(page, article="99").status_code == 400  # not an article of this draft
    assert not Comment.objects.exists()


def test_name_and_contact_required_when_the_department_says_so(pages, settings):
    settings.ZHENGCE_CONSULTATION_REQUIRE_CONTACT = True
    page = pages["open"]
    refused = post(page)
    assert refused.status_code == 400 and "请填写姓名" in refused.content.decode()
    assert post(page, name="王五", contact="wang@example.com").status_code == 200


def test_what_a_citizen_types_is_escaped_everywhere(pages, settings, client):
    settings.ZHENGCE_CONSULTATION_PUBLISH_COMMENTS = "moderated"
    page = pages["open"]
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = post(page, text=attack, name=attack[:50])
    html = response.content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "<img src=x" not in html
    # An invalid post echoes what was typed, escaped too.
    echoed = post(page, text=attack, website="filled").content.decode() + post(page, text=attack * 200).content.decode()
    assert "<script>alert" not in echoed
    # Published after moderation: on the page, escaped, without name or contact.
    Comment.objects.update(moderation="approved")
    factories.revise(page)  # a new render
    html = client.get(page.url).content.decode()
    assert "&lt;script&gt;alert" in html and "<script>alert" not in html


def test_comments_are_not_published_one_by_one_by_default(pages, client):
    page = pages["open"]
    factories.comment(page, text="不应公开的意见", moderation="approved")
    assert "不应公开的意见" not in client.get(page.url).content.decode()


def test_the_page_stays_in_the_page_cache_and_the_form_never_enters_it(pages):
    page = pages["open"]
    visitor = Client()
    assert visitor.get(page.url)["X-Page-Cache"] == "miss"
    assert visitor.get(page.url)["X-Page-Cache"] == "hit"
    for _ in range(2):
        form = visitor.get(form_url(page) + "?tiao=3")
        assert form.get("X-Page-Cache") != "hit" and "csrfmiddlewaretoken" in form.content.decode()
    # Posting a comment changes nothing the cached page shows.
    assert post(page).status_code == 200
    assert visitor.get(page.url)["X-Page-Cache"] == "hit"
