"""What a citizen sees on the home page, news releases, topic collections and the search page."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from home.models import CollectionPage, HomePage, NewsPage, NewsPolicyLink
from policies.models import PolicyIndexPage, Topic
from policies.services import relate
from tests import factories, shared_data
from tests.pages import get_html, section

# One worker runs the module, so the data its tests share is built once.
pytestmark = pytest.mark.xdist_group("test_home_rendering")


def publish_under(parent, page):
    """Add `page` under `parent` as a draft, then publish it the way an editor does."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def news(title="省生态环境厅召开新闻发布会", policies=(), publish=True, **fields):
    fields.setdefault("summary", "介绍大气污染防治办法。")
    page = NewsPage(title=title, **fields)
    for policy in policies:
        page.policy_links.add(NewsPolicyLink(policy=policy))
    news_index = factories.site()[3]
    if not publish:
        page.live = False
        news_index.add_child(instance=page)
        page.save_revision()
        return page
    return publish_under(news_index, page)


def collection(title="大气污染防治专题", topic_name="大气环境", **fields):
    topic = Topic.objects.get(name=topic_name)
    return publish_under(factories.site()[0], CollectionPage(title=title, topic=topic, **fields))


def build_content():
    """Two live documents (one repealed), a draft, interpretations, news and a topic collection."""
    older = factories.policy(
        "浙江省排污许可管理暂行办法", doc_number="浙环发〔2018〕5号", date_published=date(2018, 3, 1)
    )
    doc = factories.policy(
        "浙江省大气污染防治办法",
        doc_number="浙环发〔2020〕12号",
        date_published=date(2020, 6, 10),
        summary="规范本省大气污染防治工作。",
    )
    relate(doc, older, "repeals")
    draft = factories.policy("尚未发布的草稿文件", publish=False)
    infographic = factories.interpretation(
        "infographic", [doc], title="一图读懂大气污染防治办法", images=[factories.image()]
    )
    text = factories.interpretation("text", [doc], title="大气污染防治办法文字解读")
    draft_interpretation = factories.interpretation("text", [doc], title="尚未发布的解读", publish=False)
    release = news(policies=[doc])
    draft_news = news("尚未发布的新闻", publish=False)
    topic = collection(intro="汇集大气污染防治方面的政策文件。")
    return {
        "older": older,
        "doc": doc,
        "draft": draft,
        "infographic": infographic,
        "text": text,
        "draft_interpretation": draft_interpretation,
        "news": release,
        "draft_news": draft_news,
        "collection": topic,
    }


@pytest.fixture(scope="module")
def built_content(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build_content)


@pytest.fixture
def content(built_content):
    return shared_data.fresh(built_content)


class TestHomePage:
    def test_sections_and_links(self, client, content):
        html = get_html(client, "/")
        assert html.count("<h1") == 1
        hero = section(html, '<section class="home-hero"')
        assert 'action="/search/"' in hero and 'name="q"' in hero and 'role="search"' in hero
        policies = section(html, 'aria-labelledby="home-policies"')
        assert f'<a href="{content["doc"].url}">浙江省大气污染防治办法</a>' in policies
        assert "浙环发〔2020〕12号" in policies and "2020-06-10" in policies
        assert '<span class="status-badge status-badge--in_force">有效</span>' in policies
        assert '<span class="status-badge status-badge--repealed">已废止</span>' in policies
        interpretations = section(html, 'aria-labelledby="home-interpretations"')
        assert '<span class="kind-label">一图读懂</span>' in interpretations
        assert f'href="{content["infographic"].url}"' in interpretations
        assert re.search(r"<img [^>]*fill-160x120[^>]*>", interpretations)
        news_part = section(html, 'aria-labelledby="home-news"')
        assert f'href="{content["news"].url}"' in news_part
        collections = section(html, 'aria-labelledby="home-collections"')
        assert f'href="{content["collection"].url}"' in collections and "主题分类：大气环境" in collections
        for link in ['href="/zhengce/"', 'href="/jiedu/"', 'href="/xinwen/"']:
            assert link in html
        assert 'href="/feeds/policies/"' in html and 'href="/feeds/interpretations/"' in html
        assert '<link rel="alternate" type="application/rss+xml"' in html

    @pytest.mark.postgresql
    def test_latest_lists_follow_publication_dates(self, client, content):
        # Brought in after everything else: a 2019 document, its interpretation and a news release.
        old, old_interpretation = factories.back_catalogue()
        old_news = news("2019年新闻发布会", date_published=date(2019, 4, 26))
        html = get_html(client, "/")

        def in_order(part, *pages):
            positions = [part.index(f'href="{page.url}"') for page in pages]
            return positions == sorted(positions)

        policies = section(html, 'aria-labelledby="home-policies"')
        assert in_order(policies, content["doc"], old, content["older"]) and "2019-04-19" in policies
        interpretations = section(html, 'aria-labelledby="home-interpretations"')
        assert in_order(interpretations, content["text"], old_interpretation) and "2019-04-24" in interpretations
        assert in_order(section(html, 'aria-labelledby="home-news"'), content["news"], old_news)
        listing = get_html(client, "/xinwen/")
        assert in_order(listing, content["news"], old_news) and "2019年4月26日" in listing

    @pytest.mark.postgresql
    def test_drafts_are_absent(self, client, content):
        html = get_html(client, "/")
        for title in ["尚未发布的草稿文件", "尚未发布的解读", "尚未发布的新闻"]:
            assert title not in html
        for key in ["draft", "draft_interpretation", "draft_news"]:
            assert client.get(content[key].url).status_code == 404

    def test_empty_site(self, client):
        factories.site()
        html = get_html(client, "/")
        assert "暂无政策文件" in html and "暂无政策解读" in html and "暂无新闻发布" in html
        assert HomePage.objects.count() == 1 and PolicyIndexPage.objects.count() == 1


class TestNews:
    @pytest.mark.postgresql
    def test_index_lists_live_news(self, client, content):
        html = get_html(client, "/xinwen/")
        assert html.count("<h1") == 1
        assert f'href="{content["news"].url}"' in html
        assert "尚未发布的新闻" not in html
        assert client.get("/xinwen/", {"page": "999"}).status_code == 200

    def test_press_conference(self, client, content):
        doc = content["doc"]
        image = factories.image("发布会.png")
        page = news(
            "《浙江省大气污染防治办法》新闻发布会",
            policies=[doc, content["draft"]],
            news_kind="press_conference",
            date_published=date(2020, 6, 11),
            event_time=datetime(2020, 6, 11, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
            place="省生态环境厅新闻发布厅",
            speakers="王厅长 厅长\n\n李处长 大气处处长\n",
            body=[
                {"type": "heading", "value": "发布会要点"},
                {"type": "paragraph", "value": "<p>办法共四条。</p>"},
                {
                    "type": "table",
                    "value": {
                        "data": [["指标", "限值"], ["PM2.5", "35"]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": "空气质量限值",
                    },
                },
                {
                    "type": "figure",
                    "value": {
                        "image": {"image": image.pk, "alt_text": "发布会现场", "decorative": False},
                        "caption": "发布会现场照片",
                    },
                },
            ],
        )
        html = get_html(client, page.url)
        assert html.count("<h1") == 1
        assert '<meta name="ArticleTitle" content="《浙江省大气污染防治办法》新闻发布会">' in html
        assert '<span class="kind-label">新闻发布会</span>' in html
        assert "2020年6月11日 10:00" in html
        assert "省生态环境厅新闻发布厅" in html
        assert "<li>王厅长 厅长</li>" in html and "<li>李处长 大气处处长</li>" in html
        assert "<h2>发布会要点</h2>" in html
        assert "<p>办法共四条。</p>" in html
        assert "<caption>空气质量限值</caption>" in html and '<th scope="col"' in html
        figure = section(html, "<figure>", "</figure>")
        assert 'alt="发布会现场"' in figure and "width-1200" in figure
        assert "<figcaption>发布会现场照片</figcaption>" in figure
        related = section(html, "相关政策文件")
        assert f'<a href="{doc.url}">《浙江省大气污染防治办法》</a>' in related
        assert "尚未发布的草稿文件" not in related


@pytest.mark.postgresql
class TestCollection:
    def test_lists_the_topic_documents(self, client, content):
        water = factories.policy("浙江省河长制工作规定", topic="水环境")
        html = get_html(client, content["collection"].url)
        assert html.count("<h1") == 1
        assert "汇集大气污染防治方面的政策文件。" in html
        assert "主题分类：大气环境" in html
        assert f'href="{content["doc"].url}"' in html
        assert "status-badge--repealed" in html
        assert water.title not in html
        assert "尚未发布的草稿文件" not in html
        assert "共 2 件文件" in html
        assert client.get(content["collection"].url, {"page": "999"}).status_code == 200

    def test_lists_the_interpretations_of_the_topic_documents(self, client, content):
        water = factories.policy("浙江省河长制工作规定", topic="水环境")
        factories.interpretation("text", [water], title="河长制工作规定解读")
        interpretations = section(
            get_html(client, content["collection"].url), 'aria-labelledby="collection-interpretations"'
        )
        assert "相关政策解读</h2>" in interpretations and "共 2 篇解读" in interpretations
        assert f'href="{content["text"].url}"' in interpretations
        assert f'href="{content["infographic"].url}"' in interpretations
        assert "尚未发布的解读" not in interpretations and "河长制工作规定解读" not in interpretations


@pytest.mark.postgresql
class TestSearchPage:
    def test_results(self, client, content):
        html = get_html(client, "/search/", q="大气污染")
        assert "<title>检索：大气污染 - " in html
        assert html.count("<h1") == 1
        assert 'value="大气污染"' in html
        assert re.search(r"找到 \d+ 条结果", html)
        results = section(html, '<ol class="search-results"', "</ol>")
        assert f'href="{content["doc"].url}"' in results
        assert '<span class="kind-label">政策文件</span>' in results
        assert '<span class="kind-label">文字解读</span>' in results
        assert "规范本省<mark>大气污染</mark>防治工作。" in results
        assert "尚未发布的草稿文件" not in results

    def test_news_result_kind(self, client, content):
        html = get_html(client, "/search/", q="新闻发布会")
        results = section(html, '<ol class="search-results"', "</ol>")
        assert '<span class="kind-label">新闻发布</span>' in results
        assert f'href="{content["news"].url}"' in results

    def test_doc_number_query(self, client, content):
        html = get_html(client, "/search/", q="浙环发[2020]12号")
        results = section(html, '<ol class="search-results"', "</ol>")
        assert f'href="{content["doc"].url}"' in results

    def test_snippet_is_truncated(self, client):
        factories.policy("长摘要文件", summary="大气" + "很长的摘要" * 100)
        html = get_html(client, "/search/", q="长摘要文件")
        snippet = re.search(r'<p class="search-hit__snippet">(.*?)</p>', html, re.S).group(1)
        assert len(re.sub(r"</?mark>", "", snippet).strip()) <= 160

    def test_empty_states(self, client, content):
        html = get_html(client, "/search/", q="完全不存在的词语")
        assert "找到 0 条结果" in html
        assert "没有找到与“完全不存在的词语”相关的内容" in html
        assert 'href="/zhengce/"' in html
        blank = get_html(client, "/search/")
        assert "请输入关键词或发文字号进行检索" in blank
        assert get_html(client, "/search/", q="大气", page="999")
