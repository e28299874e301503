"""Sharing (issue 16, 2): share metadata and images of published pages only, and the publicity center's exports from
the approved revision, logged, with the 新媒体发布记录 in the 解读情况 report."""

import csv
import io
import re
from datetime import date

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image
from wagtail.models import PageLogEntry

from cms.editorial.roles.groups import PUBLICITY_GROUP
from core.sharing import ShareCard
from sharing.drawing import date_text
from sharing.exports.weibo import weibo_text
from sharing.models import PublicationRecord
from tests import factories, shared_data

pytestmark = pytest.mark.xdist_group("sharing")

LONG_SENTENCE = "本办法明确了重污染天气应急响应的启动条件、响应措施和解除程序，企业应当按照要求落实减排措施。"


def build():
    factories.editorial()
    document = factories.policy(doc_number="浙环发〔2026〕3号", summary="规定大气污染防治的责任和措施。")
    text = factories.interpretation(
        "text",
        [document],
        title="《浙江省大气污染防治办法》文字解读",
        summary="一图看懂办法要点。",
        sections=[
            (
                "section",
                {
                    "kind": "main",
                    "heading": "",
                    "body": f'<p class="x">已审核的正文。<a href="/zhengce/">政策文件库</a></p><p>{LONG_SENTENCE}</p>',
                },
            )
        ],
    )
    # A later draft, not reviewed: nothing of it may go out.
    factories.revise(text, publish=False, title="草稿标题", summary="草稿摘要未经审核")
    figure = factories.image("现场.png", size=(900, 500))
    news = factories.news(
        title="省生态环境厅召开重污染天气应对新闻发布会",
        date_published=date(2026, 3, 5),
        body=[
            {"type": "heading", "value": "发布会要点"},
            {"type": "paragraph", "value": f"<p>{LONG_SENTENCE * 60}</p>"},
            {
                "type": "table",
                "value": {"data": [["指标", "限值"], ["PM2.5", "35"]], "first_row_is_table_header": True},
            },
            {
                "type": "figure",
                "value": {
                    "image": {"image": figure.pk, "alt_text": "发布会现场", "decorative": False},
                    "caption": "发布会现场",
                },
            },
        ],
    )
    pictures = [factories.image("图解一.png", size=(700, 1000)), factories.image("图解二.png", size=(700, 900))]
    infographic = factories.interpretation("infographic", [document], title="一图读懂大气污染防治办法", images=pictures)
    draft = factories.interpretation("text", [document], title="尚未发布的解读", publish=False)
    return {
        "document": document,
        "text": text,
        "news": news,
        "infographic": infographic,
        "draft": draft,
        "center": factories.user("center", PUBLICITY_GROUP),
        "editor": factories.user("editor", "起草处室编辑-大气处"),
    }


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build)


@pytest.fixture
def data(built):
    return shared_data.fresh(built)


def meta(html):
    return dict(re.findall(r'<meta (?:property|name|itemprop)="([^"]+)" content="([^"]*)">', html))


def decode_qr(png):
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return [result.text for result in results]


def test_published_pages_have_share_metadata_and_drafts_none(client, data):
    for page, kind in ((data["document"], "article"), (data["text"], "article"), (data["news"], "article")):
        tags = meta(client.get(page.url).content.decode())
        assert tags["og:title"] == tags["twitter:title"] == tags["name"] == page.title
        assert tags["og:url"] == page.full_url and page.full_url.startswith("http://")
        assert tags["og:type"] == kind and tags["og:site_name"] == "浙江省生态环境厅"
        assert tags["og:image"] == f"http://localhost/fenxiang/{page.pk}.png?v={page.live_revision_id}"
        assert tags["og:image:width"] == "1200" and tags["og:image:height"] == "630"
        assert tags["twitter:card"] == "summary_large_image" and tags["image"] == tags["og:image"]
    assert meta(client.get(data["document"].url).content.decode())["og:description"] == "规定大气污染防治的责任和措施。"
    # A view that is not a page shares the site, with the home page's card.
    site_map = meta(client.get("/ditu/").content.decode())
    assert site_map["og:url"] == "http://localhost/ditu/" and site_map["og:title"] == "浙江省生态环境厅"
    assert site_map["og:image"] == f"http://localhost/fenxiang/{factories.site()[0].pk}.png"
    # The live summary, never the draft's.
    assert meta(client.get(data["text"].url).content.decode())["og:description"] == "一图看懂办法要点。"
    # A draft's preview (as the editor sees it) says nothing to share, and its image is not served.
    preview = data["draft"].get_latest_revision_as_object().make_preview_request()
    assert "尚未发布的解读" in preview.content.decode() and "og:" not in preview.content.decode()
    assert client.get(f"/fenxiang/{data['draft'].pk}.png").status_code == 404


def test_share_image_is_a_card_whose_qr_opens_the_page_and_follows_publication(client, data):
    page = data["text"]
    response = client.get(f"/fenxiang/{page.pk}.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    first = response.content
    assert Image.open(io.BytesIO(first)).size == (1200, 630)
    assert decode_qr(first) == [page.full_url]
    # Kept by the page cache under the page's tags, and dropped when the page is published again.
    assert client.get(f"/fenxiang/{page.pk}.png")["X-Page-Cache"] == "hit"

    factories.revise(page, title="《浙江省大气污染防治办法》政策解读（修订）")
    response = client.get(f"/fenxiang/{page.pk}.png")
    assert response["X-Page-Cache"] == "miss" and response.content != first
    assert decode_qr(response.content) == [page.full_url]

    page.unpublish()
    assert client.get(f"/fenxiang/{page.pk}.png").status_code == 404


def test_wechat_article_comes_from_the_live_revision_clean_and_absolute(client, data):
    client.force_login(data["center"])
    html = client.get(f"/admin/newmedia/pages/{data['text'].pk}/wechat/?download=1").content.decode()
    assert "已审核的正文" in html and "一图看懂办法要点" in html
    assert f"浙江省生态环境厅　{date_text(data['text'].date_published)}" in html
    assert "草稿" not in html
    assert "class=" not in html and "<script" not in html
    assert '<a href="http://localhost/zhengce/"' in html
    assert f'href="{data["text"].full_url}"' in html
    assert f'src="http://localhost/fenxiang/{data["text"].pk}.png?v=' in html

    news = client.get(f"/admin/newmedia/pages/{data['news'].pk}/wechat/?download=1").content.decode()
    assert re.search(r'<img src="http://localhost/media/images/[^"]+" alt="发布会现场"', news)
    assert "发布会现场</p>" in news and "发布会要点</h2>" in news
    assert re.search(r'<th style="[^"]+">指标</th>', news) and "class=" not in news

    logged = PageLogEntry.objects.filter(action="sharing.export", page=data["text"]).get()
    assert logged.user == data["center"] and logged.data == {
        "format": "wechat",
        "revision": data["text"].live_revision_id,
    }
    history = client.get(f"/admin/pages/{data['text'].pk}/history/").content.decode()
    assert "导出新媒体稿件" in history


def test_weibo_text_fits_with_the_link_cut_at_a_sentence(client, data):
    client.force_login(data["center"])
    response = client.get(f"/admin/newmedia/pages/{data['news'].pk}/weibo/")
    text = response.context["text"]
    assert len(text) <= 2000 and text.startswith("【省生态环境厅召开重污染天气应对新闻发布会】")
    assert text.endswith(f"。…… 全文：{data['news'].full_url}")
    short = weibo_text(ShareCard("标题", "新闻发布"), [], "http://localhost/x/")
    assert short == "【标题】 全文：http://localhost/x/"


def test_poster_stacks_the_infographic_with_its_qr(client, data):
    client.force_login(data["center"])
    response = client.get(f"/admin/newmedia/pages/{data['infographic'].pk}/poster.png")
    assert response["Content-Type"] == "image/png"
    poster = Image.open(io.BytesIO(response.content))
    assert poster.width == 1080 and poster.height > 1080 * (1000 / 700 + 900 / 700)
    assert decode_qr(response.content) == [data["infographic"].full_url]
    assert PageLogEntry.objects.filter(action="sharing.export", page=data["infographic"]).count() == 1
    # Neither the poster of a page without images nor any export of a draft.
    assert client.get(f"/admin/newmedia/pages/{data['text'].pk}/poster.png").status_code == 404
    assert client.get(f"/admin/newmedia/pages/{data['draft'].pk}/wechat/").status_code == 404


def test_exports_need_the_publicity_permission(client, data):
    client.force_login(data["editor"])
    page = data["text"].pk
    for url in ("", "wechat/", "weibo/"):
        assert client.get(f"/admin/newmedia/pages/{page}/{url}").status_code == 403
    assert client.post(f"/admin/newmedia/pages/{page}/", {"platform": "wechat"}).status_code == 403
    assert not PageLogEntry.objects.filter(action="sharing.export").exists()


@pytest.mark.postgresql
def test_publication_records_reach_the_interpretation_report_and_its_csv(client, data):
    client.force_login(data["center"])
    url = f"/admin/newmedia/pages/{data['text'].pk}/"
    refused = client.post(url, {"platform": "other", "posted_at": "2026-03-06 10:00", "url": ""})
    assert "请填写平台名称" in refused.content.decode() and not PublicationRecord.objects.exists()
    link = "https://mp.weixin.qq.com/s/abc"
    response = client.post(url, {"platform": "wechat", "posted_at": "2026-03-06 10:00", "url": link})
    assert response.status_code == 302
    record = PublicationRecord.objects.get()
    assert record.entered_by == data["center"] and timezone.localtime(record.posted_at).hour == 10
    assert "微信公众号" in client.get(url).content.decode()
    edit = client.get(f"/admin/pages/{data['text'].pk}/edit/").content.decode()
    assert "新媒体发布记录" in edit and "微信公众号 · 2026-03-06 10:00" in edit and link in edit

    report = client.get("/admin/reports/interpretations/", {"year": 2026}).content.decode()
    assert "新媒体发布" in report and link in report and "微信公众号" in report
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/admin/reports/interpretations/", {"year": 2026, "export": "csv"}).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    heading = rows[0]
    (row,) = [row for row in rows if row[0] == "新媒体发布"]
    assert dict(zip(heading, row, strict=True)) == {
        **dict.fromkeys(heading, ""),
        "部分": "新媒体发布",
        "名称": data["text"].title,
        "解读形式": "文字解读",
        "新媒体平台": "微信公众号",
        "新媒体发布时间": "2026-03-06 10:00",
        "新媒体链接": link,
        "录入人": "center",
    }
