"""What a citizen sees on the interpretation pages of every kind and on the interpretation list."""

import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from interpretations.snippets import Person
from tests import factories
from tests.pages import get_html, section


@pytest.fixture
def doc():
    return factories.policy("浙江省大气污染防治办法", doc_number="浙环发〔2020〕12号", date_published=date(2020, 6, 10))


def assert_common_parts(html, page, doc, kind_label):
    """Every interpretation page: meta tags, breadcrumb, one h1, kind label and the interpreted document."""
    assert f'<meta name="ArticleTitle" content="{page.title}">' in html
    assert '<meta name="ColumnName" content="政策解读">' in html
    assert f'<meta name="PubDate" content="{page.date_published:%Y-%m-%d}">' in html
    assert '<a href="/jiedu/">政策解读</a>' in section(html, '<nav class="breadcrumb"', "</nav>")
    assert html.count("<h1") == 1
    assert f'<span class="kind-label">{kind_label}</span>' in html
    assert 'class="print-button"' in html
    cards = section(html, 'id="policies"')
    assert "解读的政策文件" in cards
    assert f'<a href="{doc.url}">浙江省大气污染防治办法</a>' in cards
    assert "浙环发〔2020〕12号" in cards
    assert "浙江省生态环境厅" in cards
    assert "2020年6月10日" in cards


class TestKinds:
    def test_text(self, client, doc):
        page = factories.interpretation(
            "text",
            [doc],
            title="大气污染防治办法文字解读",
            sections=[
                ("section", {"kind": "background", "heading": "", "body": "<p>出台背景说明。</p>"}),
                ("section", {"kind": "main", "heading": "办法的五项重点", "body": "<p>重点内容。</p>"}),
                ("section", {"kind": "innovation", "heading": "", "body": "<p>创新做法。</p>"}),
            ],
        )
        html = get_html(client, page.url)
        assert_common_parts(html, page, doc, "文字解读")
        assert '<section class="section-block">' in html
        assert "<h2>背景依据</h2>" in html  # the kind's label when no heading is given
        assert "<h2>办法的五项重点</h2>" in html
        assert "<h2>创新举措</h2>" in html
        assert "<p>出台背景说明。</p>" in html

    def test_qa_links_the_cited_article(self, client, doc):
        page = factories.interpretation(
            "qa",
            [doc],
            title="大气污染防治办法问答",
            questions=[
                ("排污单位需要申领许可证吗？", "<p>需要，见第三条。</p>", doc, 3),
                ("办法何时施行？", "<p>自发布之日起施行。</p>", None, None),
            ],
        )
        first, second = page.questions.order_by("sort_order")
        html = get_html(client, page.url)
        assert_common_parts(html, page, doc, "简明问答")
        qa_list = section(html, '<ol class="qa-list">', "</ol>")
        assert f'<li class="qa-item" id="qa-{first.pk}">' in qa_list
        assert f'<li class="qa-item" id="qa-{second.pk}">' in qa_list
        assert '<h2 class="qa-item__question">1. 排污单位需要申领许可证吗？</h2>' in qa_list
        cite = f'<a class="qa-item__cite" href="{doc.url}#article-3">依据：《浙江省大气污染防治办法》第三条</a>'
        assert cite in qa_list
        # The 第三条 mention inside the answer links to the article too.
        assert f'<a href="{doc.url}#article-3">第三条</a>' in qa_list
        # An answer citing nothing has no citation link.
        assert "qa-item__cite" not in qa_list[qa_list.index(f'id="qa-{second.pk}"') :]
        # Both directions: the document marks article 3 with a link back to the answer.
        policy_html = get_html(client, doc.url)
        assert f'href="{page.url}#qa-{first.pk}"' in section(policy_html, 'id="article-3"')

    def test_qa_malformed_article_numbers_are_left_as_text(self, client, doc):
        # The document has articles 1 to 4; 第二〇二四条 once read as 4, 第十十条 as 20.
        answer = "<p>见第三条、第二〇二四条和第十十条。</p>"
        page = factories.interpretation("qa", [doc], title="条文号写错的问答", questions=[("问题？", answer, doc, 3)])
        qa_list = section(get_html(client, page.url), '<ol class="qa-list">', "</ol>")
        assert f'<a href="{doc.url}#article-3">第三条</a>、第二〇二四条和第十十条。' in qa_list
        assert "#article-4" not in qa_list and "#article-20" not in qa_list

    @pytest.mark.postgresql
    def test_qa_citation_of_a_draft_document_is_not_linked(self, client, doc):
        draft = factories.policy("尚未发布的文件", publish=False)
        page = factories.interpretation(
            "qa", [doc], title="引用草稿的问答", questions=[("问题？", "<p>见第三条。</p>", draft, 3)]
        )
        html = get_html(client, page.url)
        assert "qa-item__cite" not in html
        assert draft.url not in html

    def test_infographic(self, client, doc):
        page = factories.interpretation(
            "infographic",
            [doc],
            title="一图读懂大气污染防治办法",
            images=[factories.image("图一.png", (1600, 1200)), factories.image("图二.png", (600, 400))],
        )
        html = get_html(client, page.url)
        assert_common_parts(html, page, doc, "一图读懂")
        figures = re.findall(r'<figure class="infographic">.*?</figure>', html, re.S)
        assert len(figures) == 2
        first = figures[0]
        assert re.search(r'srcset="[^"]+width-640[^"]* 640w, [^"]+width-1400[^"]* 1400w"', first)
        assert 'alt="一图读懂大气污染防治办法（图1，文字版见下方）"' in first
        assert 'alt="一图读懂大气污染防治办法（图2，文字版见下方）"' in figures[1]
        text = section(html, 'id="text-alternative"')
        assert "<h2" in text and "文字版</h2>" in text
        assert "图解文字版：排污许可要点。" in text
        assert 'href="#text-alternative"' in html

    def test_infographic_caption_is_the_alt_text(self, client, doc):
        page = factories.interpretation("infographic", [doc], title="图解", images=[factories.image()])
        item = page.images.get()
        item.caption = "排污许可办理流程"
        item.save()
        html = get_html(client, page.url)
        assert 'alt="排污许可办理流程（文字版见下方）"' in html
        assert "<figcaption>排污许可办理流程</figcaption>" in html

    def test_expert(self, client, doc):
        expert = factories.person("李教授", Person.Role.EXPERT, affiliation="浙江大学", position="环境学院教授")
        page = factories.interpretation("expert", [doc], title="专家谈大气办法", interpreter=expert)
        html = get_html(client, page.url)
        assert_common_parts(html, page, doc, "专家解读")
        assert "解读专家" in html
        assert "<strong>李教授</strong>，浙江大学 环境学院教授" in html
        assert "<p>专家认为该办法切实可行。</p>" in html

    def test_media_embed(self, client, doc):
        page = factories.interpretation("media", [doc], title="访谈视频", duration="12:30")
        html = get_html(client, page.url)
        assert_common_parts(html, page, doc, "音视频解读")
        assert 'href="https://example.org/video/1"' in html
        assert "在新窗口观看" in html
        assert "<iframe" not in html
        assert "时长：12:30" in html
        transcript = section(html, '<section class="transcript"')
        assert "文字实录</h2>" in transcript and "<p>访谈实录。</p>" in transcript

    @pytest.mark.parametrize("filename, tag", [("fangtan.mp3", "audio"), ("fangtan.mp4", "video")])
    def test_media_file(self, client, doc, filename, tag):
        media = Document.objects.create(title="访谈", file=ContentFile(b"0" * 16, name=filename))
        page = factories.interpretation("media", [doc], title=f"访谈{tag}", embed_url="", media_file=media)
        html = get_html(client, page.url)
        assert f"<{tag} controls" in html
        assert f'<source src="{media.url}">' in html
        assert "在新窗口观看" not in html

    def test_leader(self, client, doc):
        leader = factories.person("王厅长", Person.Role.FIRST_INTERPRETER, position="厅长")
        page = factories.interpretation(
            "leader", [doc], title="厅长解读大气办法", interpreter=leader, occasion="press_conference"
        )
        html = get_html(client, page.url)
        assert_common_parts(html, page, doc, "领导解读")
        assert "<strong>王厅长</strong> 厅长" in html
        assert "解读场合：新闻发布会" in html
        assert "<p>厅长解读。</p>" in html
        assert "解读人：王厅长（浙江省生态环境厅 厅长）" in html

    def test_after_implementation_badge_and_division(self, client, doc):
        page = factories.interpretation("text", [doc], title="施行一年回头看", after_implementation=True)
        html = get_html(client, page.url)
        assert '<span class="kind-label">施行后解读</span>' in html
        plain = factories.interpretation("text", [doc], title="普通解读")
        assert "施行后解读" not in get_html(client, plain.url)

    @pytest.mark.postgresql
    def test_policy_cards_only_show_live_documents(self, client, doc):
        draft = factories.policy("尚未发布的文件", publish=False)
        page = factories.interpretation("text", [doc, draft], title="两份文件的解读")
        html = get_html(client, page.url)
        assert doc.url in html
        assert "尚未发布的文件" not in html


@pytest.mark.postgresql
class TestIndex:
    @pytest.fixture
    def interpretations(self, doc):
        return {
            "qa": factories.interpretation(
                "qa", [doc], title="问答一则", questions=[("问？", "<p>答。</p>", None, None)]
            ),
            "infographic": factories.interpretation("infographic", [doc], title="图解一则", images=[factories.image()]),
            "text": factories.interpretation("text", [doc], title="文字解读一则"),
            "draft": factories.interpretation("text", [doc], title="草稿解读", publish=False),
        }

    def test_lists_live_interpretations_with_kind_and_thumbnail(self, client, interpretations):
        html = get_html(client, "/jiedu/")
        assert html.count("<h1") == 1
        assert "共 3 篇解读" in html
        for key in ("qa", "infographic", "text"):
            assert f'href="{interpretations[key].url}"' in html
        assert "草稿解读" not in html
        assert '<span class="kind-label">一图读懂</span>' in html
        assert re.search(r'<img [^>]*class="thumb"', html)

    def test_lists_by_publication_date(self, client, interpretations):
        _old, old_interpretation = factories.back_catalogue()  # brought in last, published in 2019
        html = get_html(client, "/jiedu/")
        assert html.index(f'href="{interpretations["qa"].url}"') < html.index(f'href="{old_interpretation.url}"')
        assert '<time datetime="2019-04-24">2019年4月24日</time>' in html

    def test_kind_filter(self, client, interpretations):
        html = get_html(client, "/jiedu/?kind=qa")
        assert "问答一则" in html
        assert "图解一则" not in html and "文字解读一则" not in html
        filters = section(html, '<ul class="tag-list">', "</ul>")
        assert '<a href="?kind=qa" aria-current="page"><strong>简明问答</strong></a>' in filters
        for label in ["文字解读", "一图读懂", "专家解读", "音视频解读", "领导解读"]:
            assert label in filters

    def test_unknown_kind_and_page_are_ignored(self, client, interpretations):
        html = get_html(client, "/jiedu/?kind=nonsense&page=999")
        assert "共 3 篇解读" in html

    def test_draft_is_not_served(self, client, interpretations):
        assert client.get(interpretations["draft"].url).status_code == 404
