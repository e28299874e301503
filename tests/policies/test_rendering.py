"""What a citizen sees on the policy library and on a policy document page."""

import html as htmllib
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from policies.models import ChangeNote, PolicyAttachment
from policies.services import relate
from policies.validity import Validity
from tests import factories, shared_data
from tests.pages import get_html, section

# One worker runs the module, so the data its tests share is built once.
pytestmark = pytest.mark.xdist_group("test_policies_rendering")


def build_library():
    """A document with Q&A and infographic interpretations, and an older document it repeals."""
    older = factories.policy(
        "浙江省排污许可管理暂行办法",
        doc_number="浙环发[2018]5号",
        date_published=date(2018, 3, 1),
        date_effective=date(2018, 4, 1),
    )
    doc = factories.policy(
        "浙江省大气污染防治办法",
        doc_number="浙环发（2020）12号",
        date_written=date(2020, 6, 1),
        date_published=date(2020, 6, 10),
        date_effective=date(2020, 7, 1),
        tags=["大气污染", "排污许可"],
        is_normative=True,
        summary="规范本省大气污染防治工作。",
    )
    relate(doc, older, "repeals", note="自本办法施行之日起废止")
    doc.save_revision().publish()
    doc.refresh_from_db()
    qa = factories.interpretation(
        "qa",
        [doc],
        title="大气污染防治办法问答",
        questions=[("排污单位需要申领许可证吗？", "<p>需要，见第三条。</p>", doc, 3)],
    )
    infographic = factories.interpretation(
        "infographic", [doc], title="一图读懂大气污染防治办法", images=[factories.image()]
    )
    return {"doc": doc, "older": older, "qa": qa, "infographic": infographic}


@pytest.fixture(scope="module")
def built_library(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build_library)


@pytest.fixture
def library(built_library):
    return shared_data.fresh(built_library)


class TestPolicyPage:
    def test_government_meta_tags(self, client, library):
        html = get_html(client, library["doc"].url)
        assert '<meta name="ArticleTitle" content="浙江省大气污染防治办法">' in html
        assert '<meta name="PubDate" content="2020-06-10">' in html
        assert '<meta name="ContentSource" content="浙江省生态环境厅">' in html
        assert '<meta name="ColumnName" content="政策文件">' in html
        assert '<meta name="ColumnType" content="政策文件">' in html
        assert '<meta name="SiteName" content="浙江省生态环境厅">' in html
        assert '<meta name="Keywords" content="' in html
        keywords = re.search(r'<meta name="Keywords" content="([^"]*)">', html).group(1)
        assert set(keywords.split(",")) == {"大气污染", "排污许可"}

    def test_breadcrumb_and_single_h1(self, client, library):
        html = get_html(client, library["doc"].url)
        breadcrumb = section(html, '<nav class="breadcrumb"', "</nav>")
        assert 'href="/"' in breadcrumb and "首页" in breadcrumb
        assert 'href="/zhengce/"' in breadcrumb and "政策文件库" in breadcrumb
        assert '<span aria-current="page">浙江省大气污染防治办法</span>' in breadcrumb
        assert html.count("<h1") == 1

    def test_meta_table_labels_and_values(self, client, library):
        doc = library["doc"]
        html = get_html(client, doc.url)
        table = section(html, '<table class="meta-table">', "</table>")
        for label in [
            "索引号",
            "主题分类",
            "发文机关",
            "成文日期",
            "标题",
            "发文字号",
            "发布日期",
            "施行日期",
            "有效性",
            "起草处室",
            "主题词",
            "行政规范性文件",
        ]:
            assert f'<th scope="row">{label}</th>' in table, label
        assert re.fullmatch(r"\d{9}/2020-\d{5}", doc.index_number)
        assert f"<td>{doc.index_number}</td>" in table
        assert "<td>浙环发〔2020〕12号</td>" in table  # normalised to the 〔〕 form
        assert "<td>大气环境</td>" in table
        assert "<td>大气处</td>" in table
        assert "2020年6月1日" in table and "2020年6月10日" in table and "2020年7月1日" in table
        assert '<span class="status-badge status-badge--in_force">有效</span>' in table
        assert '<td colspan="3">浙江省大气污染防治办法</td>' in table
        assert "<td>是</td>" in table
        assert "废止/失效日期" not in table  # only shown when set
        assert 'class="print-button" data-print>打印本页</button>' in html

    def test_expiry_date_row_and_expired_notice(self, client):
        expired = factories.policy(
            "临时措施", date_effective=date(2020, 1, 1), date_expires=date(2021, 1, 1), doc_number="浙环函〔2020〕1号"
        )
        html = get_html(client, expired.url)
        assert '<th scope="row">废止/失效日期</th>' in html
        assert "2021年1月1日" in html
        assert "status-badge--expired" in html
        assert "本文件已于2021年1月1日失效。" in html

    def test_articles_have_anchors_and_chapters_headings(self, client, library):
        html = get_html(client, library["doc"].url)
        body = html[html.index('<section class="policy-body"') :]
        assert '<h2 class="chapter-heading">第一章 总则</h2>' in body
        assert '<h2 class="chapter-heading">第二章 排污许可</h2>' in body
        for number, label in [(1, "第一条"), (3, "第三条"), (4, "第四条")]:
            assert f'<section class="article" id="article-{number}"' in body
            assert f'<h3 class="article__label" id="article-{number}-label">{label}</h3>' in body
        assert "<p>排污单位应当依法申领排污许可证。</p>" in body

    def test_cited_article_links_back_to_the_answer(self, client, library):
        doc, qa = library["doc"], library["qa"]
        answer = qa.questions.get()
        html = get_html(client, doc.url)
        article = section(html, 'id="article-3"')
        assert 'class="article__citations"' in article
        assert f'href="{qa.url}#qa-{answer.pk}"' in article
        assert "问答：排污单位需要申领许可证吗？" in article
        # Articles nobody cites carry no marker.
        assert "article__citations" not in section(html, 'id="article-1"')

    def test_interpretations_grouped_by_kind(self, client, library):
        html = get_html(client, library["doc"].url)
        part = section(html, 'id="interpretations"', "</main>")
        assert '<h2 id="policy-interpretations">政策解读</h2>' in html
        qa_group = section(part, 'class="kind-group kind-group--qa"')
        infographic_group = section(part, 'class="kind-group kind-group--infographic"')
        assert "<h3" in qa_group and "简明问答</h3>" in qa_group
        assert library["qa"].url in qa_group and "大气污染防治办法问答" in qa_group
        assert "一图读懂</h3>" in infographic_group
        assert library["infographic"].url in infographic_group
        assert '<img class="thumb"' in infographic_group
        assert "<img" not in qa_group
        # Groups follow the order in which the kinds are declared.
        assert part.index("kind-group--qa") < part.index("kind-group--infographic")

    def test_without_interpretations_a_short_note(self, client):
        doc = factories.policy("尚无解读的文件")
        html = get_html(client, doc.url)
        assert "暂无解读" in html
        assert "kind-group" not in html

    def test_repealed_banner_links_the_newer_document(self, client, library):
        older, doc = library["older"], library["doc"]
        older.refresh_from_db()
        assert older.validity == Validity.REPEALED
        html = get_html(client, older.url)
        banner = section(html, 'class="banner banner--danger"', "</div>")
        assert f'<a href="{doc.url}">《浙江省大气污染防治办法》</a>' in banner
        assert "本文件已于2020年7月1日被" in banner
        assert "废止" in banner and "自本办法施行之日起废止" in banner
        assert '<span class="status-badge status-badge--repealed">已废止</span>' in html
        # The newer document lists what it repealed.
        newer_html = get_html(client, doc.url)
        relations = section(newer_html, "本文件修改、废止或代替的文件")
        assert f'<a href="{older.url}">《浙江省排污许可管理暂行办法》</a>' in relations
        assert "banner--danger" not in newer_html

    def test_amended_banner(self, client):
        base = factories.policy("浙江省固体废物污染防治办法", doc_number="浙环发〔2019〕3号")
        amendment = factories.policy(
            "关于修改固体废物污染防治办法的决定", doc_number="浙环发〔2022〕1号", date_effective=date(2022, 3, 1)
        )
        relate(amendment, base, "amends", note="修改第二条")
        amendment.save_revision().publish()
        html = get_html(client, base.url)
        banner = section(html, 'class="banner banner--warning"', "</div>")
        assert f'<a href="{amendment.url}">《关于修改固体废物污染防治办法的决定》</a>修改' in banner
        assert "修改第二条" in banner
        assert "status-badge--amended" in html

    def test_future_repeal_is_not_announced_yet(self, client):
        base = factories.policy("现行文件", doc_number="浙环发〔2019〕4号")
        newer = factories.policy(
            "将来施行的文件", doc_number="浙环发〔2024〕9号", date_effective=timezone.localdate() + timedelta(days=30)
        )
        relate(newer, base, "replaces")
        html = get_html(client, base.url)
        assert "banner--danger" not in html
        assert "status-badge--in_force" in html
        newer_html = get_html(client, newer.url)
        assert "status-badge--not_yet_effective" in newer_html
        assert "起施行" in newer_html

    def test_attachments_and_change_notes(self, client):
        doc = factories.policy("有附件的文件")
        original = Document.objects.create(title="原件扫描", file=ContentFile(b"%PDF-1.4 test", name="yuanjian.pdf"))
        doc.attachments.add(PolicyAttachment(document=original, title="浙江省某办法（原件）"))
        doc.change_notes.add(ChangeNote(date=date(2024, 1, 5), note="更正第二条中的文字错误"))
        doc.save_revision().publish()
        html = get_html(client, doc.url)
        attachments = section(html, 'id="policy-attachments"')
        assert f'href="{original.url}"' in attachments
        assert "浙江省某办法（原件）" in attachments
        assert "PDF" in attachments
        notes = section(html, 'class="change-notes"')
        assert "更新记录" in notes
        assert "2024年1月5日" in notes and "更正第二条中的文字错误" in notes

    def test_user_text_is_escaped(self, client):
        doc = factories.policy("<script>alert(1)</script>办法", summary="<b>摘要</b>")
        html = get_html(client, doc.url)
        assert "<script>alert(1)</script>" not in html
        assert htmllib.escape("<script>alert(1)</script>办法", quote=False) in html


@pytest.mark.postgresql
class TestDisclosureAndDrafts:
    def test_draft_is_absent_and_not_served(self, client, library):
        draft = factories.policy("尚未发布的草稿文件", publish=False)
        assert get_html(client, "/zhengce/").count("尚未发布的草稿文件") == 0
        assert "尚未发布的草稿文件" not in get_html(client, "/")
        assert client.get(draft.url).status_code == 404

    def test_on_request_document_cannot_be_published(self, client):
        page = factories.policy("依申请公开的文件", disclosure="on_request", publish=False)
        with pytest.raises(ValidationError):
            page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live
        assert client.get(page.url).status_code == 404
        assert "依申请公开的文件" not in get_html(client, "/zhengce/")


@pytest.mark.postgresql
class TestPolicyLibrary:
    def test_lists_documents_with_validity_and_count(self, client, library):
        html = get_html(client, "/zhengce/")
        assert html.count("<h1") == 1
        assert "共 2 件文件" in html
        assert f'href="{library["doc"].url}"' in html
        assert f'href="{library["older"].url}"' in html
        assert '<span class="status-badge status-badge--repealed">已废止</span>' in html
        assert '<span class="status-badge status-badge--in_force">有效</span>' in html
        assert "浙环发〔2020〕12号" in html and "浙环发〔2018〕5号" in html

    def test_filter_form_fields_and_actions(self, client, library):
        html = get_html(client, "/zhengce/")
        form = section(html, '<form class="filters"', "</form>")
        assert 'method="get"' in form
        for name, label in [
            ("topic", "主题分类"),
            ("agency", "发文机关"),
            ("division", "起草处室"),
            ("year", "发布年份"),
            ("validity", "有效性"),
            ("normative", "行政规范性文件"),
        ]:
            assert f'<label for="id_{name}">{label}</label>' in form
            assert f'name="{name}"' in form
        assert '<button type="submit">筛选</button>' in form
        assert 'href="/zhengce/">重置</a>' in form

    def test_validity_filter(self, client, library):
        html = get_html(client, "/zhengce/?validity=repealed")
        assert "浙江省排污许可管理暂行办法" in html
        assert f'href="{library["doc"].url}"' not in html
        assert "共 1 件文件" in html
        assert '<option value="repealed" selected>' in html

    def test_year_filter(self, client, library):
        html = get_html(client, "/zhengce/?year=2018")
        assert "浙江省排污许可管理暂行办法" in html
        assert f'href="{library["doc"].url}"' not in html

    def test_a_back_catalogue_is_listed_and_filtered_by_its_own_year(self, client, library):
        old, _interpretation = factories.back_catalogue()  # imported today, after the others
        html = get_html(client, "/zhengce/")
        order = [html.index(f'href="{page.url}"') for page in (library["doc"], old, library["older"])]
        assert order == sorted(order)  # 2020, 2019, 2018
        assert "发布日期：2019年4月19日" in html
        html = get_html(client, "/zhengce/?year=2019")
        assert "共 1 件文件" in html and f'href="{old.url}"' in html
        this_year = get_html(client, f"/zhengce/?year={timezone.localdate().year}")
        assert f'href="{old.url}"' not in this_year

    def test_bad_filter_values_are_ignored(self, client, library):
        html = get_html(client, "/zhengce/?year=abc&validity=nonsense&topic=999999")
        assert "共 2 件文件" in html
        assert "部分筛选条件无效，已忽略。" in html
        assert "部分筛选条件无效" not in get_html(client, "/zhengce/?year=2018")

    def test_no_match_shows_an_empty_state(self, client, library):
        html = get_html(client, "/zhengce/?validity=expired")
        assert "共 0 件文件" in html
        assert "没有符合条件的文件" in html

    def test_out_of_range_page_and_pagination_keeps_filters(self, client, library, monkeypatch):
        from policies.models import PolicyIndexPage

        assert client.get("/zhengce/?page=999").status_code == 200
        assert client.get("/zhengce/?page=abc").status_code == 200
        monkeypatch.setattr(PolicyIndexPage, "page_size", 1)
        html = get_html(client, "/zhengce/?normative=0")
        assert "共 1 件文件" in html  # only the older document is not normative
        html = get_html(client, "/zhengce/?topic=")
        pagination = section(html, '<nav class="pagination"', "</nav>")
        assert 'href="?topic=&amp;page=2"' in pagination
        assert 'rel="next"' in pagination
