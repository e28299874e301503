"""Search on the real Elasticsearch node as the site changes: synonyms, relations, unpublishing, drift, rebuilds,
and ranking on libraries built for one test."""

import datetime

import pytest
from django.core.management import call_command

from cms.editorial.office import actions
from cms.editorial.roles.groups import PUBLICITY_GROUP
from cms.search import engine, indexing
from cms.search.models import PendingIndexChange, SynonymGroup
from policies.services import relate
from policies.validity import RelationKind
from tests import factories

from .elasticsearch_library import build_library, run, titles


@pytest.fixture
def library(search_engine):
    pages = build_library()
    search_engine()
    return pages


def test_synonyms_edited_in_the_admin_apply_without_reindex(library, client):
    SynonymGroup.objects.all().delete()  # without the starter groups (cms/search/migrations/0005)
    # 环评 itself is a word of the permits document now (its topic 环评与排污许可): EIA is written nowhere.
    assert "关于进一步规范排污许可证管理的通知" not in titles("EIA")
    factories.editorial()
    client.force_login(factories.user("publicity", PUBLICITY_GROUP))  # the publicity center keeps synonyms
    synonyms = "/admin/snippets/cms_search/synonymgroup/"
    assert client.post(synonyms + "add/", {"terms": "EIA、环境影响评价", "note": ""}).status_code == 302
    assert "关于进一步规范排污许可证管理的通知" in titles("EIA")  # no reindex in between
    group = SynonymGroup.objects.get()
    assert client.post(f"{synonyms}delete/{group.pk}/").status_code == 302
    assert "关于进一步规范排污许可证管理的通知" not in titles("EIA")


def test_repealed_documents_rank_below_those_in_force(library):
    old = factories.policy(
        "浙江省大气污染防治旧办法",
        body_text="第一条 为了防治大气污染，改善环境空气质量，制定本办法。",
        date_published=datetime.date(2024, 1, 1),
    )
    relate(library["air"], old, RelationKind.REPEALS)
    library_search = indexing
    library_search.sync_pages([old.pk, library["air"].pk])
    found = titles("大气污染防治")
    assert found.index("浙江省大气污染防治办法") < found.index("浙江省大气污染防治旧办法")
    statuses = {hit.title: hit.status for hit in run("大气污染防治").hits}
    assert statuses["浙江省大气污染防治旧办法"] == "repealed"
    assert [h.title for h in run("大气污染防治", status="repealed").hits] == ["浙江省大气污染防治旧办法"]


@pytest.mark.postgresql
def test_unpublishing_withdrawing_and_deleting_remove_from_the_index(library, search_engine):
    editor = factories.user("office", superuser=True)
    library["water"].unpublish()
    actions.withdraw(library["permits"], editor, "已被新文件取代")
    library["qa"].delete()
    search_engine()
    remaining = titles("")
    assert "浙江省河长制工作规定" not in remaining
    assert "关于进一步规范排污许可证管理的通知" not in remaining
    assert "排污许可十问十答" not in remaining
    assert "浙江省大气污染防治办法" in remaining


@pytest.mark.postgresql
def test_search_check_reports_and_fixes_drift(library, capsys):
    es = engine.client()
    es.delete(index=engine.alias_name(), id=library["air"].pk, refresh=True)
    with pytest.raises(Exception, match="不一致"):
        call_command("search_check")
    assert "索引中缺少：1" in capsys.readouterr().out
    call_command("search_check", "--fix")
    call_command("search_check")
    assert "索引与网站一致" in capsys.readouterr().out


@pytest.mark.postgresql
def test_rebuild_swaps_the_alias_while_search_keeps_answering(library, monkeypatch):
    es = engine.client()
    before = engine.indexes_behind(es, engine.alias_name())
    answers = []
    original = indexing._rebuild_batches

    def batches_while_searching(index):
        for batch in original(index):
            answers.append(titles("大气"))  # searched while the new index is being filled
            yield batch

    monkeypatch.setattr(indexing, "_rebuild_batches", batches_while_searching)
    call_command("search_reindex", verbosity=0)
    after = engine.indexes_behind(es, engine.alias_name())
    assert after != before and len(after) == 1
    assert not es.indices.exists(index=before[0])
    assert answers and all(found and found[0] == "浙江省大气污染防治办法" for found in answers)
    assert titles("大气")[0] == "浙江省大气污染防治办法"
    assert not PendingIndexChange.objects.exists()


@pytest.mark.postgresql
def test_every_interpretation_kind_and_news_is_indexed(search_engine):
    from home.models import NewsPage

    document = factories.policy("浙江省海洋生态保护办法", body_text="第一条 保护海洋生态。")
    for kind in ("text", "qa", "infographic", "expert", "media", "leader"):
        factories.interpretation(kind, [document], title=f"海洋生态保护办法{kind}解读")
    news = NewsPage(title="海洋生态保护办法新闻发布会", summary="介绍海洋生态保护办法。")
    factories.site()[3].add_child(instance=news)
    search_engine()
    results = run("海洋生态保护")
    kinds = {value.value: value.count for value in results.facets["kind"]}
    assert kinds == {"policy": 1, "text": 1, "qa": 1, "infographic": 1, "expert": 1, "media": 1, "leader": 1, "news": 1}
    labels = {hit.kind: hit.kind_label for hit in results.hits}
    assert labels["infographic"] == "一图读懂" and labels["news"] == "新闻发布" and labels["policy"] == "政策文件"
    # An interpretation is found under the topic and agency of the document it interprets.
    interpreted = run("", topic="大气环境", kind="leader")
    assert [hit.title for hit in interpreted.hits] == ["海洋生态保护办法leader解读"]


def test_title_ranks_above_summary_above_body(search_engine):
    # Every document has each field, as in a real library, so no field's statistics are special.
    factories.policy("关于秸秆综合利用的通知", summary="部署相关工作。", body_text="第一条 做好相关工作。")
    factories.policy("关于农业面源污染治理的通知", summary="推进秸秆综合利用。", body_text="第一条 做好相关工作。")
    factories.policy("关于农村环境整治的通知", summary="部署相关工作。", body_text="第一条 推进秸秆综合利用。")
    search_engine()
    assert titles("秸秆综合利用") == ["关于秸秆综合利用的通知", "关于农业面源污染治理的通知", "关于农村环境整治的通知"]


def test_key_words_find_the_title_and_a_question_finds_the_body_that_answers_it(search_engine, settings):
    settings.ZHENGCE_SEARCH_SEMANTIC = False  # the words alone decide, as for a citizen without the model
    factories.policy("关于疫情防控期间企业复工的通知", body_text="各企业应当做好防护工作，有序复工。")
    factories.policy(
        "关于稳定就业的若干措施",
        body_text="疫情防控期间，对不裁员或少裁员的参保企业，返还其上年度实际缴纳失业保险费的50%。",
    )
    search_engine()
    # Key words name a document: its title counts most.
    assert titles("疫情防控")[0] == "关于疫情防控期间企业复工的通知"
    # A question asks what a text says: the body that answers it beats a title that shares a word.
    assert titles("疫情防控期间不裁员的企业可以返还什么费用？")[0] == "关于稳定就业的若干措施"


def test_recent_ranks_above_old_at_equal_relevance(search_engine):
    body = "第一条 加强饮用水水源保护。"
    factories.policy("饮用水水源保护工作通知（一）", body_text=body, date_published=datetime.date(2012, 5, 1))
    factories.policy("饮用水水源保护工作通知（二）", body_text=body, date_published=datetime.date(2025, 5, 1))
    search_engine()
    assert titles("饮用水水源保护") == ["饮用水水源保护工作通知（二）", "饮用水水源保护工作通知（一）"]


@pytest.mark.postgresql
def test_a_back_catalogue_is_indexed_with_its_publication_date(library, search_engine):
    old, old_interpretation = factories.back_catalogue()  # brought in last, published in 2019
    search_engine()
    results = run("挥发性有机物污染防治实施方案")
    assert results.engine == "elasticsearch"
    published = {hit.title: hit.published for hit in results.hits}
    assert published[old.title] == datetime.date(2019, 4, 19)
    assert published[old_interpretation.title] == datetime.date(2019, 4, 24)
    assert ("2019", 3) in [(v.value, v.count) for v in run("").facets["year"]]  # with 浙江省河长制工作规定
    newest = titles("", sort="newest")
    assert newest.index("排污许可十问十答") < newest.index("浙江省大气污染防治办法") < newest.index(old.title)
