"""The site shell around every page: footer and identification, 网站地图, 联系我们, 订阅, favicon, the home page's
example document number, and the designed 404 under DEBUG."""

from datetime import date

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import Site

from home.models import SiteSettings
from tests import factories
from tests.pages import get_html, section


def site_settings(**values):
    factories.site()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings


@pytest.mark.django_db
class TestFooter:
    def test_links_and_identification_from_the_site_settings(self, client):
        mark = factories.image("党政机关标识.png", size=(55, 64), collection=factories.public_collection())
        site_settings(
            site_code="3300000001",
            icp_number="浙ICP备12345678号",
            police_record_number="浙公网安备 33010602000001号",
            party_government_url="https://bszs.conac.cn/sitename?method=show&id=1",
            party_government_image=mark,
        )
        footer = section(get_html(client, "/"), '<footer class="site-footer"', "</footer>")
        for href, text in (("/ditu/", "网站地图"), ("/lianxi/", "联系我们"), ("/dingyue/", "订阅")):
            assert f'<a href="{href}">{text}</a>' in footer
        assert "网站标识码：3300000001" in footer
        assert '<a href="https://beian.miit.gov.cn/" rel="noopener">浙ICP备12345678号</a>' in footer
        assert (
            '<a href="https://beian.mps.gov.cn/#/query/webSearch?code=33010602000001" rel="noopener">'
            "浙公网安备 33010602000001号</a>"
        ) in footer
        assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=1"' in footer
        image_url = footer.split('alt="党政机关网站标识"')[0].rsplit('src="', 1)[1].split('"')[0]
        assert client.get(image_url).status_code == 200  # in 公开资料: a citizen may see it

    def test_blank_identification_shows_nothing_empty(self, client):
        site_settings(site_code="", icp_number="", police_record_number="")
        footer = section(get_html(client, "/"), '<footer class="site-footer"', "</footer>")
        assert "网站标识码" not in footer and "beian" not in footer and "党政机关网站标识" not in footer
        assert '<a href="/ditu/">网站地图</a>' in footer

    def test_a_favicon_is_linked_and_shipped(self, client):
        html = get_html(client, "/")
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
        assert finders.find("favicon.svg")


@pytest.mark.django_db
class TestInformationPages:
    def test_the_site_map_lists_sections_topics_kinds_and_collections(self, client):
        factories.policy()  # files its topic, 大气环境
        factories.collection("大气污染防治专题")
        html = get_html(client, "/ditu/")
        site_map = section(html, '<ul class="site-map">', "</main>")
        for href in ("/zhengce/", "/jiedu/", "/xinwen/", "/search/", "/dingyue/", "/lianxi/"):
            assert f'href="{href}"' in site_map
        assert ">大气环境</a>" in site_map and "/zhengce/?topic=" in site_map
        assert 'href="/jiedu/?kind=qa">简明问答</a>' in site_map
        assert ">大气污染防治专题</a>" in site_map

    def test_contact_shows_what_the_settings_hold(self, client):
        site_settings(address="杭州市示例路1号", postcode="310000", phone="0571-00000000", email="ban@sthjt.example")
        html = get_html(client, "/lianxi/")
        assert "<h1>联系我们</h1>" in html
        assert "杭州市示例路1号（邮编 310000）" in html and "0571-00000000" in html
        assert '<a href="mailto:ban@sthjt.example">ban@sthjt.example</a>' in html

    def test_subscribe_explains_the_feeds_in_chinese(self, client):
        response = client.get("/dingyue/")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
        html = response.content.decode()
        assert "<h1>订阅</h1>" in html and "如何订阅" in html
        for path in (
            "/feeds/policies/",
            "/feeds/policies/atom/",
            "/feeds/interpretations/",
            "/feeds/interpretations/atom/",
        ):
            assert f"<code>http://testserver{path}</code>" in html
        home = get_html(client, "/")
        assert 'href="/dingyue/">订阅</a>' in section(home, 'aria-labelledby="home-policies"')


@pytest.mark.postgresql
@pytest.mark.django_db
def test_the_home_pages_example_is_a_document_that_exists(client):
    factories.site()
    html = get_html(client, "/")
    assert 'placeholder="输入关键词或发文字号"' in html
    factories.policy("浙江省大气污染防治办法", doc_number="浙环发〔2019〕8号", date_published=date(2019, 1, 2))
    factories.policy("较新的文件", doc_number="浙环函〔2021〕33号", date_published=date(2021, 3, 4))
    factories.policy("未发布的文件", doc_number="浙环发〔2024〕1号", date_published=date(2024, 1, 1), publish=False)
    html = get_html(client, "/")
    assert 'placeholder="输入关键词或发文字号，如：排污许可、浙环函〔2021〕33号"' in html


@pytest.mark.django_db
class TestNotFoundUnderDebug:
    @pytest.mark.parametrize("path", ["/no-such-page/", "/zhengce/no-such-document/", "/no-such-file.txt"])
    def test_the_designed_404_not_the_debug_page(self, client, settings, path):
        factories.site()
        settings.DEBUG = True
        response = client.get(path)
        assert response.status_code == 404
        html = response.content.decode()
        assert "<h1>页面不存在</h1>" in html and "URLconf" not in html

    def test_a_missing_slash_is_still_added(self, client, settings):
        factories.site()
        settings.DEBUG = True
        response = client.get("/zhengce")
        assert response.status_code == 301 and response["Location"] == "/zhengce/"
