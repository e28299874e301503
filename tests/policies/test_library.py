"""The policy library (/zhengce/): the list of documents, its filters and pagination."""

import pytest
from django.utils import timezone

from tests import factories
from tests.pages import get_html, section


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


@pytest.mark.postgresql
class TestKeywordSortAndYears:
    def test_the_year_list_offers_only_years_with_documents(self, client, library):
        form = section(get_html(client, "/zhengce/"), '<form class="filters"', "</form>")
        year_select = section(form, '<select name="year"', "</select>")
        assert '<option value="2020">2020</option>' in year_select
        assert '<option value="2018">2018</option>' in year_select
        assert year_select.count("<option") == 3  # 全部, 2020, 2018
        html = get_html(client, "/zhengce/?year=2019")  # a year without documents finds none
        assert "共 0 件文件" in html and "部分筛选条件无效" not in html

    def test_a_keyword_finds_documents_by_their_words_and_number(self, client, library):
        html = get_html(client, "/zhengce/", q="排污许可")
        assert "共 2 件文件" in html  # the older one by its title, the newer by its body and tags
        html = get_html(client, "/zhengce/", q="大气污染防治")
        assert "共 1 件文件" in html and f'href="{library["doc"].url}"' in html
        html = get_html(client, "/zhengce/", q="浙环发[2018]5号")
        assert "共 1 件文件" in html and f'href="{library["older"].url}"' in html
        html = get_html(client, "/zhengce/", q="没有这个词")
        assert "共 0 件文件" in html
        assert 'value="没有这个词"' in html  # the box keeps the keyword

    def test_sort_newest_oldest_and_by_relevance(self, client, library):
        def order(**params):
            html = get_html(client, "/zhengce/", **params)
            found = {key: html.find(f'href="{library[key].url}"') for key in ("doc", "older")}
            return sorted((position, key) for key, position in found.items() if position >= 0)

        assert [key for _position, key in order()] == ["doc", "older"]
        assert [key for _position, key in order(sort="oldest")] == ["older", "doc"]
        # 排污许可 is in the older document's title, which weighs more than the newer one's body and tags.
        assert [key for _position, key in order(q="排污许可")] == ["older", "doc"]
        assert [key for _position, key in order(q="排污许可", sort="newest")] == ["doc", "older"]
        assert [key for _position, key in order(sort="relevance")] == ["doc", "older"]  # no keyword: newest
        form = section(get_html(client, "/zhengce/", q="排污许可"), '<form class="filters"', "</form>")
        assert 'name="q"' in form and '<label for="id_q">关键词</label>' in form
        assert '<option value="relevance">相关度（需输入关键词）</option>' in form
