"""Search on the real Elasticsearch node: Chinese matching, articles, synonyms, numbers, facets, ranking."""

import datetime

import pytest
from django.core.management import call_command
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cms.editorial.office import actions
from cms.editorial.roles.groups import PUBLICITY_GROUP
from cms.search import engine, indexing
from cms.search.models import PendingIndexChange, SynonymGroup
from cms.search.params import SearchParams
from cms.search.service import autocomplete, search
from policies.services import relate
from policies.validity import RelationKind
from tests import factories

from .hostile import HOSTILE_QUERIES

AIR_BODY = (
    "第一条 为了防治大气污染，改善环境空气质量，制定本办法。\n\n"
    "第二条 本办法适用于本省行政区域内的大气污染防治。\n\n"
    "第十二条 重点排污单位应当安装挥发性有机物自动监测设备，并与生态环境主管部门联网。"
)


@pytest.fixture
def library(search_engine):
    air = factories.policy(
        "浙江省大气污染防治办法",
        doc_number="浙环发〔2020〕12号",
        body_text=AIR_BODY,
        date_published=datetime.date(2020, 6, 10),
    )
    permits = factories.policy(
        "关于进一步规范排污许可证管理的通知",
        doc_number="浙环发〔2021〕7号",
        topic="环评与排污许可",
        agency="浙江省人民政府办公厅",
        body_text="第一条 排污单位应当持证排污。\n\n第二条 建设项目环境影响评价文件与排污许可衔接。",
        date_published=datetime.date(2021, 3, 1),
    )
    water = factories.policy(
        "浙江省河长制工作规定",
        doc_number="浙环办〔2019〕3号",
        topic="水环境",
        body_text="第一条 全面推行河长制，保护水资源。",
        date_published=datetime.date(2019, 1, 5),
    )
    draft = factories.policy("大气环境草稿文件", publish=False, body_text="第一条 大气草稿不得公开。")
    qa = factories.interpretation(
        "qa",
        [permits],
        title="排污许可十问十答",
        questions=[("排污许可证怎么办理？", "<p>依照第一条持证排污。</p>", permits, 1)],
    )
    search_engine()
    return {"air": air, "permits": permits, "water": water, "draft": draft, "qa": qa}


def run(q="", **params):
    return search(SearchParams(q=q, **params))


def titles(q="", **params):
    results = run(q, **params)
    assert results.engine == "elasticsearch"
    return [hit.title for hit in results.promoted + results.hits]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("水", "浙江省河长制工作规定"),  # one character
        ("大气", "浙江省大气污染防治办法"),  # two
        ("规范排污", "关于进一步规范排污许可证管理的通知"),  # four
        ("河长制", "浙江省河长制工作规定"),
        ("挥发性有机物自动监测", "浙江省大气污染防治办法"),
    ],
)
def test_chinese_queries_of_one_two_and_four_characters(library, query, expected):
    assert titles(query)[0] == expected


@pytest.mark.postgresql
def test_drafts_are_never_indexed(library):
    assert "大气环境草稿文件" not in titles("草稿")
    es = engine.client()
    assert not es.exists(index=engine.alias_name(), id=library["draft"].pk)


def test_an_article_hit_names_the_article_and_links_to_its_anchor(library):
    hit = run("挥发性有机物自动监测设备").hits[0]
    assert hit.article == "第十二条"
    assert hit.article_url == f"{library['air'].url}#article-12"
    assert "<mark>" in hit.snippet and "自动监测设备" in hit.snippet.replace("<mark>", "").replace("</mark>", "")


def test_a_question_of_a_qa_is_a_hit_of_its_own(library):
    hit = next(h for h in run("排污许可证怎么办理").hits if h.kind == "qa")
    assert hit.article == "排污许可证怎么办理？"
    assert "#qa-" in hit.article_url


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


@pytest.mark.parametrize("query", ["浙环发〔2020〕12号", "浙环发[2020]12号", "浙环发2020年12号", "浙环发（2020）12号"])
def test_a_document_number_in_any_form_finds_that_document_first(library, query):
    assert titles(query)[0] == "浙江省大气污染防治办法"


def test_facet_counts_ignore_their_own_filter(library):
    results = run("排污", kind="policy")
    kinds = {value.value: value.count for value in results.facets["kind"]}
    assert kinds["policy"] >= 1 and kinds["qa"] == 1  # the kind filter does not narrow the kind counts
    assert all(hit.kind == "policy" for hit in results.hits)
    topics = {value.value: value.count for value in results.facets["topic"]}
    assert "qa" not in {hit.kind for hit in results.hits}
    assert sum(topics.values()) == results.count  # other facets count what the filter leaves
    agency = run("", agency="浙江省人民政府办公厅")
    assert [hit.title for hit in agency.hits] == ["排污许可十问十答", "关于进一步规范排污许可证管理的通知"] or {
        hit.title for hit in agency.hits
    } == {"排污许可十问十答", "关于进一步规范排污许可证管理的通知"}
    years = {value.value: value.count for value in run("").facets["year"]}
    assert years["2019"] == 1 and years["2020"] == 1


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


def test_staff_picks_come_first(library):
    query = Query.get("水")
    SearchPromotion.objects.create(query=query, page=library["permits"], description="办事指南", sort_order=0)
    results = run("水")
    assert results.promoted[0].title == "关于进一步规范排污许可证管理的通知"
    assert results.promoted[0].promoted
    assert library["permits"].pk not in [hit.id for hit in results.hits]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_input_is_a_normal_results_page(library, client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    data = client.get("/api/search/", {"q": query}).json()
    assert data["engine"] == "elasticsearch"


def test_api_returns_the_contract(library, client):
    data = client.get("/api/search/", {"q": "挥发性有机物自动监测设备", "sort": "newest", "page": "1"}).json()
    assert set(data) >= {"count", "results", "facets", "suggestion"}
    first = data["results"][0]
    assert set(first) == {"id", "title", "url", "kind", "snippet", "article", "published", "status"}
    assert first["article"] == "第十二条" and first["url"].endswith("#article-12")
    assert first["status"] == "in_force" and first["published"] == "2020-06-10"
    assert set(data["facets"]) == {"kind", "topic", "agency", "year", "status"}
    assert client.get("/api/search/", {"page": "x", "year": "abc", "sort": "bogus"}).status_code == 200


def test_sort_by_date(library):
    assert titles("", sort="oldest", kind="policy")[0] == "浙江省河长制工作规定"
    newest = run("", sort="newest", kind="policy").hits
    assert [h.published for h in newest] == sorted([h.published for h in newest], reverse=True)


def test_a_misspelt_query_gets_a_suggestion(library):
    assert run("大汽污染").suggestion == "大气污染"


def test_a_short_query_matching_nothing_is_not_padded_with_noise(library):
    # Relaxed after no strict match, a query still needs a real word: the 5 of PM2.5 is not one.
    assert run("PM2.5").count == 0
    assert run("浙环发〔2020〕99号").hits[0].doc_number.startswith("浙环发")


def test_titles_complete_from_any_word(library):
    assert ("浙江省河长制工作规定", library["water"].url) in autocomplete("河长制")
    assert autocomplete("浙江省大气")[0][0] == "浙江省大气污染防治办法"


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


def test_the_topic_a_document_is_filed_under_counts_as_its_words(library):
    # 浙江省河长制工作规定 says nothing of 水环境 but is filed under that topic (the `related` field).
    assert "浙江省河长制工作规定" in titles("水环境")
