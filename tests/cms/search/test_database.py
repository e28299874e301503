"""The database fallback search: Chinese words, document numbers, any input (no Elasticsearch involved)."""

from datetime import date

import pytest

from cms.search import db_query
from cms.search.db_query import DatabaseQuery
from cms.search.params import SearchParams
from core.segmentation import index_words, query_words
from tests import factories, shared_data

from .hostile import HOSTILE_QUERIES

# The database search backend: full-text search on Chinese, SQLite FTS5 or PostgreSQL's.
pytestmark = [pytest.mark.postgresql, pytest.mark.xdist_group("test_search_database")]


def build_library():
    air = factories.policy(
        "浙江省大气污染防治条例实施办法",
        doc_number="浙环发〔2020〕12号",
        body_text="第一条 为了改善大气环境质量，制定本办法。\n\n第二条 重污染天气应当及时预警。",
    )
    permits = factories.policy(
        "关于进一步规范排污许可证管理的通知",
        doc_number="浙环发〔2021〕7号",
        topic="环评与排污许可",
        body_text="第一条 排污单位应当持证排污。\n\n第二条 环评文件与许可衔接。",
    )
    water = factories.policy(
        "浙江省河长制工作规定",
        doc_number="浙环办〔2019〕3号",
        topic="水环境",
        body_text="第一条 全面推行河长制。",
    )
    draft = factories.policy("大气环境草稿文件", publish=False, body_text="第一条 大气草稿。")
    qa = factories.interpretation(
        "qa", [permits], title="排污许可十问十答", questions=[("排污许可证怎么办理？", "<p>见第一条。</p>", permits, 1)]
    )
    return {"air": air, "permits": permits, "water": water, "draft": draft, "qa": qa}


@pytest.fixture(scope="module")
def built_library(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build_library)


@pytest.fixture
def library(built_library):
    return shared_data.fresh(built_library)


def titles(query):
    return [hit.title for hit in DatabaseQuery(SearchParams(q=query)).run().hits]


def test_segmentation_keeps_domain_terms_whole():
    assert query_words("排污许可") == ["排污许可"]
    assert query_words("环评") == ["环评"]
    words = index_words("关于进一步规范排污许可证管理的通知")
    assert {"排污许可证", "排污许可", "排污", "许可"} <= set(words)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("大气", "浙江省大气污染防治条例实施办法"),
        ("排污许可", "关于进一步规范排污许可证管理的通知"),
        ("环评", "关于进一步规范排污许可证管理的通知"),
        ("河长制", "浙江省河长制工作规定"),
        ("重污染天气", "浙江省大气污染防治条例实施办法"),
    ],
)
def test_chinese_words_find_documents_on_the_database(library, query, expected):
    assert expected in titles(query)


def test_interpretations_are_found_too(library):
    assert "排污许可十问十答" in titles("排污许可")


@pytest.mark.parametrize("query", ["浙环发〔2020〕12号", "浙环发[2020]12号", "浙环发2020年12号", "浙环发(2020)12号"])
def test_document_number_in_any_form_finds_that_document_first(library, query):
    assert titles(query)[0] == "浙江省大气污染防治条例实施办法"


def test_drafts_are_never_found(library):
    assert "大气环境草稿文件" not in titles("大气")
    assert "大气环境草稿文件" not in titles("草稿")


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_input_gives_a_normal_results_page(client, library, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_search_page_shows_results(client, library):
    response = client.get("/search/", {"q": "大气"})
    assert response.status_code == 200
    assert "浙江省大气污染防治条例实施办法" in response.content.decode()
    assert client.get("/search/", {"q": "大气", "page": "999"}).status_code == 200
    assert client.get("/search/").status_code == 200


def test_a_title_match_ranks_above_a_body_match(library):
    factories.policy("关于加强执法检查的通知", body_text="第一条 检查中发现的大气问题应当整改。")
    found = titles("大气")
    assert found.index("浙江省大气污染防治条例实施办法") < found.index("关于加强执法检查的通知")


def test_a_back_catalogue_is_dated_filed_and_browsed_by_its_publication_date(library, monkeypatch):
    old, old_interpretation = factories.back_catalogue()  # brought in last, published in 2019
    results = DatabaseQuery(SearchParams(q="挥发性有机物")).run()
    assert {hit.title: hit.published for hit in results.hits} == {
        old.title: date(2019, 4, 19),
        old_interpretation.title: date(2019, 4, 24),
    }
    assert [(v.value, v.count) for v in results.facets["year"]] == [("2019", 2)]
    # Browsing without a query looks at the newest pages by publication date, not the latest to go live.
    monkeypatch.setattr(db_query, "CANDIDATES", 2)
    newest = DatabaseQuery(SearchParams(sort="newest")).run()
    assert [hit.title for hit in newest.hits][0] == "排污许可十问十答"
    assert old.title not in [hit.title for hit in newest.hits]
    assert old_interpretation.title not in [hit.title for hit in newest.hits]


def test_a_topic_name_counts_as_a_word_of_the_document(library):
    # 浙江省河长制工作规定 says nothing of 水环境 but is filed under that topic.
    assert "浙江省河长制工作规定" in titles("水环境")


def test_the_starter_synonyms_ship_with_the_site_and_apply(library):
    from cms.search.models import SynonymGroup

    groups = {str(group) for group in SynonymGroup.objects.all()}
    assert {"环评、环境影响评价", "排污证、排污许可证", "蓝天保卫战、大气污染防治"} <= groups
    assert len(groups) >= 30
    # 排污证 is written nowhere; its full name is.
    assert "关于进一步规范排污许可证管理的通知" in titles("排污证")
    assert "浙江省大气污染防治条例实施办法" in titles("蓝天保卫战")


def test_a_question_is_ranked_by_its_rare_words_on_either_database(library):
    # Every document holds 第一条; only one holds 河长制.
    assert titles("请问第一条里河长制是怎么规定的")[0] == "浙江省河长制工作规定"


def test_the_word_index_follows_unpublishing(library):
    from cms.search.models import SearchTermPage

    water = library["water"]
    assert SearchTermPage.objects.filter(page_id=water.pk).exists()
    water.unpublish()
    assert not SearchTermPage.objects.filter(page_id=water.pk).exists()
    assert "浙江省河长制工作规定" not in titles("河长制")


def test_a_typo_gets_did_you_mean_from_the_indexed_words(library):
    assert DatabaseQuery(SearchParams(q="大汽污染")).run().suggestion == "大气污染"
    assert DatabaseQuery(SearchParams(q="大气污染")).run().suggestion == ""


def test_did_you_mean_shows_on_the_search_page_without_elasticsearch(client, library):
    content = client.get("/search/", {"q": "大汽污染"}).content.decode()
    assert "您是不是要找：" in content and "大气污染</a>" in content


def test_the_starter_synonyms_migration_keeps_staff_groups_and_runs_twice_unchanged(library):
    from importlib import import_module

    from django.apps import apps

    from cms.search.models import SynonymGroup

    starter = import_module("cms.search.migrations.0005_starter_synonyms")
    SynonymGroup.objects.all().delete()
    mine = SynonymGroup.objects.create(terms="环评、环评文件", note="处室自定")
    starter.add_starter_groups(apps, None)
    count = SynonymGroup.objects.count()
    starter.add_starter_groups(apps, None)
    assert SynonymGroup.objects.count() == count == len(starter.STARTER_GROUPS)  # 环评's starter group skipped
    mine.refresh_from_db()
    assert (mine.terms, mine.note) == ("环评、环评文件", "处室自定")
    assert not SynonymGroup.objects.filter(terms="环评、环境影响评价").exists()


def test_the_word_index_is_rebuilt_by_its_command(library):
    from django.core.management import call_command

    from cms.search.models import SearchTermPage

    SearchTermPage.objects.all().delete()
    assert titles("河长制") == []
    call_command("search_index_words", verbosity=0)
    assert titles("河长制") == ["浙江省河长制工作规定"]


def test_migrate_builds_the_word_index_of_a_site_that_has_pages_without_it(library):
    from django.core.management import call_command

    from cms.search.models import SearchTerm, SearchTermPage
    from cms.search.registry import document_classes

    # A site upgraded to the word index has pages and no words: the database search would find nothing.
    SearchTermPage.objects.all().delete()
    SearchTerm.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert SearchTermPage.objects.count() == sum(cls.indexable().count() for cls in document_classes())
    assert DatabaseQuery(SearchParams(q="大气")).run().count
    built = SearchTerm.objects.count()
    call_command("migrate", verbosity=0)  # built already: left alone
    assert SearchTerm.objects.count() == built
