"""A policy document's page: the page tree, index numbers, dates, and what a citizen sees of its metadata."""

import html as htmllib
import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from policies.models import PolicyPage
from tests import factories
from tests.pages import get_html, section


def test_page_tree_rules():
    from home.models import HomePage
    from interpretations.models import InterpretationIndexPage, InterpretationPage, QAInterpretationPage
    from policies.models import PolicyIndexPage

    assert PolicyPage.allowed_parent_page_models() == [PolicyIndexPage]
    assert PolicyPage.allowed_subpage_models() == []
    assert PolicyIndexPage.allowed_parent_page_models() == [HomePage]
    assert QAInterpretationPage.allowed_parent_page_models() == [InterpretationIndexPage]
    assert not InterpretationPage.is_creatable
    assert InterpretationPage not in InterpretationIndexPage.creatable_subpage_models()
    assert PolicyPage not in HomePage.allowed_subpage_models()
    home, policy_index, interpretation_index, _ = factories.site()
    assert not PolicyPage.can_create_at(home)
    assert PolicyPage.can_create_at(policy_index)
    assert not PolicyPage.can_create_at(interpretation_index)
    assert not PolicyIndexPage.can_create_at(home)  # max_count = 1, and one exists


@pytest.mark.postgresql
class TestIndexNumbers:
    def test_generated_per_agency_and_year_when_blank(self):
        first = factories.policy("甲", doc_number="浙环发〔2020〕1号", date_written=date(2020, 5, 1))
        second = factories.policy("乙", doc_number="浙环发〔2020〕2号", date_written=date(2020, 6, 1))
        other_year = factories.policy("丙", doc_number="浙环发〔2021〕1号", date_written=date(2021, 1, 4))
        code = first.issuing_agency.code
        assert first.index_number == f"{code}/2020-00001"
        assert second.index_number == f"{code}/2020-00002"
        assert other_year.index_number == f"{code}/2021-00001"

    def test_the_next_follows_the_highest_serial_of_the_year_whatever_else_was_typed(self):
        first = factories.policy("甲", date_written=date(2020, 5, 1))
        prefix = first.index_number.removesuffix("00001")
        for title, typed in (("乙", "00777"), ("丙", "0099a"), ("丁", "123456")):
            page = factories.policy(title, date_written=date(2020, 5, 1))
            page.index_number = prefix + typed
            page.save()
        assert factories.policy("戊", date_written=date(2020, 6, 1)).index_number == f"{prefix}123457"
        PolicyPage.objects.filter(index_number=f"{prefix}123456").update(index_number=f"{prefix}00778-1")
        assert factories.policy("己", date_written=date(2020, 6, 1)).index_number == f"{prefix}123458"

    def test_kept_when_given_and_unique(self):
        page = factories.policy("甲")
        page.index_number = "002482365/2020-00777"
        page.save()
        other = factories.policy("乙")
        other.index_number = "002482365/2020-00777"
        with pytest.raises(ValidationError) as error:
            other.full_clean()
        assert "index_number" in error.value.message_dict

    def test_survive_republishing(self):
        page = factories.policy("甲")
        number = page.index_number
        page.save_revision().publish()
        page.refresh_from_db()
        assert page.index_number == number


def test_expiry_before_commencement_is_refused():
    page = factories.policy("文件", date_effective=date(2024, 1, 1))
    page.date_expires = date(2023, 1, 1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "date_expires" in error.value.message_dict


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

    def test_user_text_is_escaped(self, client):
        doc = factories.policy("<script>alert(1)</script>办法", summary="<b>摘要</b>")
        html = get_html(client, doc.url)
        assert "<script>alert(1)</script>" not in html
        assert htmllib.escape("<script>alert(1)</script>办法", quote=False) in html
