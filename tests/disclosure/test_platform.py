"""The 政府信息公开 platform (/xxgk/): its columns made by the setup command, the guide's rules taken from the clock,
the form and the office's settings, and the home page's links to it."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from disclosure import clock, guide
from disclosure.models import (
    AnnualReportIndexPage,
    DisclosureGuidePage,
    DisclosureOffice,
    DisclosurePlatformPage,
    DisclosureSectionLink,
    DisclosureSectionPage,
)
from tests import factories

pytestmark = pytest.mark.django_db


def setup_platform():
    out = io.StringIO()
    call_command("setup_disclosure_platform", stdout=out)
    return out.getvalue()


def test_the_command_builds_the_four_columns_once_and_home_links_them(client):
    factories.site()
    first, second = setup_platform(), setup_platform()
    assert first.count("新建") == 5 and "已存在" in second
    root = DisclosurePlatformPage.objects.get()
    assert root.url == "/xxgk/"
    columns = [page.title for page in root.get_children()]
    assert columns == ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"]

    home = client.get("/").content.decode()
    assert '<section class="home-platform"' in home and '<a href="/xxgk/fdzdgknr/">法定主动公开内容</a>' in home
    navigation = home.split('aria-label="主导航"')[1].split("</nav>")[0]
    assert '<a href="/xxgk/">政府信息公开</a>' in navigation  # the name 国办公开办函〔2019〕61号 gives it
    platform = client.get("/xxgk/").content.decode()
    assert all(title in platform for title in columns) and 'href="/yishenqing/"' in platform
    proactive = client.get("/xxgk/fdzdgknr/").content.decode()
    assert 'href="/zhengce/?normative=1"' in proactive and 'href="/zhengqiu/"' in proactive
    rules = client.get("/xxgk/zhidu/").content.decode()
    assert 'href="/xxgk/zhinan/"' in rules and "国务院令第711号" in rules

    # The 年报 column is the annual reports' index.
    assert AnnualReportIndexPage.objects.get().get_parent().specific == root
    # A column takes any child page and lists it once it is live, also when the column was cached before the child
    # existed (disclosure/platform_cache.py).
    reports = DisclosureSectionPage.objects.get(slug="zhidu")
    assert "2025年度报告" not in client.get(reports.url).content.decode()
    child = reports.add_child(instance=Page(title="2025年度报告", slug="2025", live=False))  # a type of another app
    assert "2025年度报告" not in client.get(reports.url).content.decode()
    child.save_revision().publish()
    assert "2025年度报告" in client.get(reports.url).content.decode()


def test_a_link_to_a_page_that_is_not_live_falls_back_to_its_address_or_is_left_out(client):
    factories.site()
    setup_platform()
    section = DisclosureSectionPage.objects.get(slug="fdzdgknr")
    draft = section.add_child(instance=DisclosureSectionPage(title="草稿栏目", slug="draft", live=False))
    DisclosureSectionLink.objects.create(section=section, title="未发布的页面", page=draft)
    DisclosureSectionLink.objects.create(section=section, title="有地址的链接", page=draft, url="/jiedu/")
    html = client.get(section.url).content.decode()
    assert "未发布的页面" not in html and "/xxgk/fdzdgknr/draft/" not in html
    assert '<a href="/jiedu/">有地址的链接</a>' in html


def test_the_guide_states_the_clocks_limits_the_forms_fields_the_fees_and_the_office(client, monkeypatch):
    factories.site()
    setup_platform()
    office = DisclosureOffice.for_site(Site.objects.get(is_default_site=True))
    html = client.get("/xxgk/zhinan/").content.decode()
    assert "联系方式尚未公布" in html
    for text in (
        f"自收到申请之日起 {clock.ANSWER_DAYS} 个工作日内答复（《条例》第三十三条第一款）",
        f"最长不超过 {clock.EXTENSION_DAYS} 个工作日（《条例》第三十三条第一款）",
        f"自收到申请之日起 {clock.CORRECTION_NOTICE_DAYS} 个工作日内一次性告知",
        f"{clock.CONSULTATION_DAYS} 个工作日内提出意见（《条例》第三十二条）",
        "不收取费用（《条例》第四十二条）",
        "（国办函〔2020〕109号）",
        "第三十一条第三项",
        "第五十一条",
        'href="/yishenqing/"',
        'href="/yishenqing/chaxun/"',
    ):
        assert text in html, text
    for field in guide.application_fields():
        assert f'<th scope="row">{field.label}</th>' in html
    assert "请勿填写" not in html  # the robots' trap is no field of the guide

    office.name, office.phone, office.fax, office.postcode = "厅办公室", "0571-1111", "0571-2222", "310012"
    office.save()
    html = client.get("/xxgk/zhinan/").content.decode()
    assert "<dd>0571-1111</dd>" in html and "将申请书传真至 0571-2222" in html and "<dd>310012</dd>" in html

    # The numbers come from the clock's constants, never a copy of them.
    monkeypatch.setattr(guide, "ANSWER_DAYS", 99)
    DisclosureGuidePage.objects.get().save_revision().publish()
    assert "自收到申请之日起 99 个工作日内答复" in client.get("/xxgk/zhinan/").content.decode()
    assert "自收到申请之日起99个工作日内答复" in client.get("/yishenqing/").content.decode()
