"""Relations and validity (有效性): the rule, the same in SQL, and the banners and badges that show it."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from policies.models import PolicyPage
from policies.services import relate
from policies.validity import Validity, derive_validity
from tests import factories
from tests.pages import get_html, section


class TestValidity:
    TODAY = date(2024, 6, 1)

    @pytest.mark.parametrize(
        "facts, expected",
        [
            ({}, Validity.IN_FORCE),
            ({"effective": date(2025, 1, 1)}, Validity.NOT_YET_EFFECTIVE),
            ({"effective": date(2024, 6, 1)}, Validity.IN_FORCE),
            ({"expires": date(2024, 6, 1)}, Validity.EXPIRED),
            ({"expires": date(2024, 6, 2)}, Validity.IN_FORCE),
            ({"declared_expired": True}, Validity.EXPIRED),
            ({"amended": True}, Validity.AMENDED),
            ({"repealed": True, "amended": True}, Validity.REPEALED),
            ({"repealed": True, "expires": date(2020, 1, 1)}, Validity.REPEALED),
            ({"effective": date(2025, 1, 1), "amended": True}, Validity.NOT_YET_EFFECTIVE),
        ],
    )
    def test_derivation(self, facts, expected):
        arguments = {
            "today": self.TODAY,
            "effective": None,
            "expires": None,
            "declared_expired": False,
            "repealed": False,
            "amended": False,
        }
        assert derive_validity(**{**arguments, **facts}) == expected

    @pytest.mark.postgresql
    def test_dates_and_relations_on_real_pages_agree_with_sql(self):
        today = timezone.localdate()
        in_force = factories.policy("有效文件")
        future = factories.policy("未施行文件", date_effective=today + timedelta(days=30))
        expired = factories.policy("已失效文件", date_expires=today - timedelta(days=1))
        declared = factories.policy("宣布失效文件", expiry_declared=True)
        repealed = factories.policy("被废止文件")
        amended = factories.policy("被修改文件")
        replaced = factories.policy("被代替文件")
        pending = factories.policy("待废止文件")
        newer = factories.policy("新文件")
        relate(newer, repealed, "repeals")
        relate(newer, amended, "amends", "修改第二条")
        relate(newer, replaced, "replaces")
        later = factories.policy("明年施行的新文件", date_effective=today + timedelta(days=365))
        relate(later, pending, "repeals")
        draft = factories.policy("草稿新文件", publish=False)
        relate(draft, in_force, "repeals")

        expected = {
            in_force: Validity.IN_FORCE,
            future: Validity.NOT_YET_EFFECTIVE,
            expired: Validity.EXPIRED,
            declared: Validity.EXPIRED,
            repealed: Validity.REPEALED,
            amended: Validity.AMENDED,
            replaced: Validity.REPEALED,
            pending: Validity.IN_FORCE,  # the repealing document is not in force yet
            newer: Validity.IN_FORCE,
        }
        annotated = {p.pk: p.validity_code for p in PolicyPage.objects.with_validity()}
        for page, validity in expected.items():
            fresh = PolicyPage.objects.get(pk=page.pk)
            assert fresh.validity == validity, page.title
            assert annotated[page.pk] == validity.value, page.title
        assert set(PolicyPage.objects.in_force().values_list("pk", flat=True)) >= {in_force.pk, amended.pk, newer.pk}
        assert repealed.pk not in PolicyPage.objects.in_force().values_list("pk", flat=True)
        assert fresh.validity_label == "有效"

    @pytest.mark.postgresql
    def test_repealed_document_names_the_newer_one(self):
        older = factories.policy("旧办法")
        newer = factories.policy("新办法")
        relate(newer, older, "repeals", "全文废止")
        older = PolicyPage.objects.get(pk=older.pk)
        assert older.repealing_relation().source == newer
        assert [r.target for r in PolicyPage.objects.get(pk=newer.pk).live_relations()] == [older]


class TestPolicyPage:
    def test_expiry_date_row_and_expired_notice(self, client):
        expired = factories.policy(
            "临时措施", date_effective=date(2020, 1, 1), date_expires=date(2021, 1, 1), doc_number="浙环函〔2020〕1号"
        )
        html = get_html(client, expired.url)
        assert '<th scope="row">废止/失效日期</th>' in html
        assert "2021年1月1日" in html
        assert "status-badge--expired" in html
        assert "本文件已于2021年1月1日失效。" in html

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
        assert '修改<a href="#article-2">第二条</a>' in banner  # the banner's article is a link to it
        assert "status-badge--amended" in html
        # The amended article carries a mark naming the amending document, the others none.
        article = section(html, 'id="article-2"')
        mark = section(article, '<p class="article__amended', "</p>")
        assert f'本条已于2022年3月1日被<a href="{amendment.url}">《关于修改固体废物污染防治办法的决定》</a>修改' in mark
        assert "article__amended" not in section(html, 'id="article-3"')
        # The amending document's list links the article of the document it amends.
        relations = section(get_html(client, amendment.url), "本文件修改、废止或代替的文件")
        assert f'修改<a href="{base.url}#article-2">第二条</a>' in relations

    def test_a_note_naming_no_article_of_the_document_stays_text(self, client):
        base = factories.policy("浙江省固体废物污染防治办法", doc_number="浙环发〔2019〕3号")
        amendment = factories.policy("关于修改的决定", doc_number="浙环发〔2022〕2号")
        relate(amendment, base, "amends", note="修改第九十九条、第十十条<b>")
        html = get_html(client, base.url)
        banner = section(html, 'class="banner banner--warning"', "</div>")
        assert "修改第九十九条、第十十条&lt;b&gt;" in banner
        assert "article__amended" not in html

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
