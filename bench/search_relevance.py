"""Measure known-item relevance of site search on the government Q&A corpus.

    .venv/bin/python bench/search_relevance.py [--reuse-db] [--prefix P] [--variants] [--limit N] [--latency N]

Every answer of ../shared/corpus/govqa.jsonl becomes a policy document titled 政务问答第N号 (so the title
never gives the question away); each question is then searched and the rank of its own answer noted.
Measured: Elasticsearch lexical only, Elasticsearch with questions re-ranked by meaning (the site's path,
ElasticsearchQuery.run()), and the database fallback (DatabaseQuery).
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "govqa.jsonl"
DEFAULT_DB = "/tmp/bench-qa.sqlite3"
PREFIX = "bench-qa"
TOP = 10
# The plain BM25 over jieba tokens measured on the same questions, the bar both paths are held to.
BASELINE = {"MRR@10": 0.668, "Recall@10": 0.876}
TARGETS = {"elasticsearch lexical": 0.75, "elasticsearch hybrid": 0.75, "database": 0.5}
LATENCY_WARMUP_ROUNDS = 1


def setup(database, es_url, prefix=PREFIX):
    """Point Django at the benchmark database and index, then start it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = prefix
    # Repeated queries would be answered by the full-page cache: the latency measured is the search path's.
    os.environ["PAGE_CACHE"] = "off"
    # Unset while the pages are built, so their saves do not write to any index one by one.
    os.environ.pop("ELASTICSEARCH_URL", None)
    import django

    django.setup()
    from django.conf import settings

    # Every request comes from this one process: per-client limits would answer 429 and measure the limiter.
    settings.ZHENGCE_RATE_LIMITS = {}
    from django.conf import settings

    settings.ELASTICSEARCH_URL = ""
    return es_url


def source_id(record):
    return f"govqa-{record['id']}"


def load_records(limit=None):
    with CORPUS.open(encoding="utf-8") as file:
        records = [json.loads(line) for line in file if line.strip()]
    return records[:limit] if limit else records


def build_database(records, reuse):
    """Create the pages through save_policy, unless --reuse-db finds them all already."""
    from django.core.management import call_command
    from wagtail.search import index as search_index

    from home.site_tree import ensure_site_tree
    from policies.management.commands.import_policies import one_search_update_per_page
    from policies.models import PolicyPage
    from policies.services import PolicyData, save_policy

    call_command("migrate", verbosity=0)
    wanted = {source_id(r) for r in records}
    present = set(PolicyPage.objects.filter(source_id__in=wanted).values_list("source_id", flat=True))
    if reuse and present == wanted:
        print(f"database: reusing {len(present)} pages")
        return 0.0
    policy_index = ensure_site_tree()[1]
    started = time.perf_counter()
    # The importer's own way: one Wagtail search-index update per page instead of one per save.
    with one_search_update_per_page():
        for done, record in enumerate(records, 1):
            title = f"政务问答第{record['id']}号"
            data = PolicyData(title=title, source_id=source_id(record), body_text=record["answer"])
            page, action = save_policy(policy_index, data)
            if action != "unchanged":
                search_index.insert_or_update_object(PolicyPage.objects.get(pk=page.pk))
            if done % 250 == 0:
                print(f"  {done}/{len(records)} pages, {done / (time.perf_counter() - started):.1f}/s", flush=True)
    elapsed = time.perf_counter() - started
    print(f"database: {len(records)} pages saved in {elapsed:.1f}s ({len(records) / elapsed:.1f}/s)")
    return elapsed


def page_ids_by_record(records):
    from policies.models import PolicyPage

    by_source = dict(PolicyPage.objects.filter(source_id__startswith="govqa-").values_list("source_id", "pk"))
    return {r["id"]: by_source[source_id(r)] for r in records}


def es_top_ids(es, query):
    """Return the page ids of the first page of Elasticsearch results, relaxing as run() does when none match."""
    response = es.search(body=query.search().to_dict(), index=_alias())
    if query.strict and not response["hits"]["total"]["value"]:
        query.strict = False
        response = es.search(body=query.search().to_dict(), index=_alias())
    return [hit["_source"]["page_id"] for hit in response["hits"]["hits"]]


def es_search(es):
    """Return a search function over the Elasticsearch path that reads the module's constants when called."""
    from cms.search import es_query
    from cms.search.params import SearchParams

    return lambda question: es_top_ids(es, es_query.ElasticsearchQuery(SearchParams(q=question)))


def hybrid_search(question):
    """Return the page ids of the first page of results as the site answers: ElasticsearchQuery.run()."""
    from cms.search import es_query
    from cms.search.params import SearchParams

    return [hit.id for hit in es_query.ElasticsearchQuery(SearchParams(q=question)).run().hits]


def db_search(question):
    from cms.search.db_query import DatabaseQuery
    from cms.search.params import SearchParams

    return [hit.id for hit in DatabaseQuery(SearchParams(q=question)).run().hits]


def _alias():
    from cms.search.engine import alias_name

    return alias_name()


def evaluate(name, records, expected, search):
    """Search every question with `search(question) -> [page ids]`; return the figures."""
    from cms.search.params import clean_query

    reciprocal, found, times = [], 0, []
    for record in records:
        question = clean_query(record["question"])
        started = time.perf_counter()
        ids = search(question)[:TOP]
        times.append(time.perf_counter() - started)
        target = expected[record["id"]]
        rank = ids.index(target) + 1 if target in ids else None
        reciprocal.append(1 / rank if rank else 0.0)
        found += bool(rank)
        if len(times) % 500 == 0:
            print(f"  {name}: {len(times)}/{len(records)} questions", flush=True)
    times.sort()
    row = {
        "path": name,
        "MRR@10": sum(reciprocal) / len(records),
        "Recall@10": found / len(records),
        "ms/query": 1000 * statistics.fmean(times),
        "p95 ms": 1000 * times[int(0.95 * (len(times) - 1))],
    }
    print(f"  {name}: MRR@10 {row['MRR@10']:.3f}, Recall@10 {row['Recall@10']:.3f}", flush=True)
    return row


def print_rows(rows, extra=()):
    columns = ["path", *extra, "MRR@10", "Recall@10", "ms/query", "p95 ms"]
    widths = {c: max(len(c), *(len(_fmt(row.get(c))) for row in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(_fmt(row.get(c)).ljust(widths[c]) for c in columns))


def _fmt(value):
    return f"{value:.3f}" if isinstance(value, float) else str(value if value is not None else "")


# Alternative weightings for --variants: {label: {es_query constant: value}}.
VARIANTS = {
    "current: pairs 0.5 + words 1": {},
    "character pairs only": {"WORDS_WEIGHT": 0.0, "PAIRS_WEIGHT": 1.0},
    "jieba words only": {"PAIRS_WEIGHT": 0.0},
    "pairs 1 + words 1": {"PAIRS_WEIGHT": 1.0},
    "no stopwords": {"STOPWORDS": frozenset()},
    "never strict": {"SHORT_QUERY_WORDS": 0},
}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_latency(es, records, rounds):
    """Time questions through GET /api/search/ (hybrid, then lexical) and as the lexical body sent straight.

    The method of bench/search_scale.py: interleaved calls after a warm-up, p50 and p95 of each; the direct
    call is the one request the lexical path sends, so the ratio shows everything the view adds.
    """
    from django.conf import settings
    from django.test import Client

    from cms.search.es_query import ElasticsearchQuery
    from cms.search.params import SearchParams

    settings.ZHENGCE_RATE_LIMITS = {}  # one client asking hundreds of questions is the benchmark, not abuse
    client = Client(HTTP_HOST="127.0.0.1")
    questions = [clean(r["question"]) for r in records]
    times = {"api hybrid": [], "api lexical": [], "direct": []}
    reranked = 0
    for round_number in range(LATENCY_WARMUP_ROUNDS + rounds):
        for number, question in enumerate(questions):
            body = ElasticsearchQuery(SearchParams(q=question)).search().to_dict()
            order = list(times)
            order = order[number % 3 :] + order[: number % 3]  # rotate, so none always runs on warm caches
            for which in order:
                settings.ZHENGCE_SEARCH_SEMANTIC = which != "api lexical"
                started = time.perf_counter()
                if which == "direct":
                    es.search(index=_alias(), body=body)
                else:
                    response = client.get("/api/search/", {"q": question})
                elapsed = time.perf_counter() - started
                if which != "direct":
                    assert response.status_code == 200 and response.json()["engine"] == "elasticsearch", response
                if round_number >= LATENCY_WARMUP_ROUNDS:
                    times[which].append(elapsed)
            if round_number == 0:
                reranked += ElasticsearchQuery(SearchParams(q=question)).is_question()
    settings.ZHENGCE_SEARCH_SEMANTIC = True
    print(f"\nLatency, {len(questions)} questions × {rounds} rounds ({reranked} of them re-ranked by meaning):")
    for which, values in times.items():
        p50, p95 = 1000 * percentile(values, 0.5), 1000 * percentile(values, 0.95)
        print(f"  {which:12} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    direct_p95 = percentile(times["direct"], 0.95)
    for which in ("api hybrid", "api lexical"):
        print(f"  ratio {which} p95 / direct p95 = {percentile(times[which], 0.95) / direct_p95:.2f}")


def run_variants(es, records, expected):
    from cms.search import es_query

    rows = []
    for label, changes in VARIANTS.items():
        saved = {name: getattr(es_query, name) for name in changes}
        for name, value in changes.items():
            setattr(es_query, name, value)
        try:
            row = evaluate("elasticsearch lexical", records, expected, es_search(es))
        finally:
            for name, value in saved.items():
                setattr(es_query, name, value)
        row["variant"] = label
        rows.append(row)
        print(f"  {label}: MRR@10 {row['MRR@10']:.3f}", flush=True)
    print()
    print("Variants (Elasticsearch path):")
    print_rows(rows, extra=["variant"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=DEFAULT_DB, help=f"SQLite file of the benchmark (default {DEFAULT_DB})")
    parser.add_argument("--reuse-db", action="store_true", help="skip building the pages if the database has them")
    parser.add_argument("--variants", action="store_true", help="also evaluate alternative Elasticsearch weightings")
    parser.add_argument("--limit", type=int, help="use only the first N questions")
    parser.add_argument("--skip-db-search", action="store_true", help="do not measure the database fallback")
    parser.add_argument("--es", default=os.environ.get("ELASTICSEARCH_URL") or "http://127.0.0.1:9200")
    parser.add_argument("--prefix", default=PREFIX, help=f"index prefix of the benchmark (default {PREFIX})")
    parser.add_argument("--latency", type=int, metavar="N", help="also time N questions through the search API")
    args = parser.parse_args()
    if not args.reuse_db and os.path.exists(args.db):
        os.remove(args.db)
    es_url = setup(args.db, args.es, args.prefix)
    started = time.perf_counter()
    records = load_records(args.limit)
    build_database(records, args.reuse_db)
    expected = page_ids_by_record(records)

    from django.conf import settings

    from cms.search import engine
    from cms.search.es_query import ElasticsearchQuery
    from cms.search.indexing import rebuild
    from cms.search.params import SearchParams

    settings.ELASTICSEARCH_URL = es_url
    settings.ZHENGCE_SEARCH_SEMANTIC = True
    began = time.perf_counter()
    # Pages whose vector is stored (computed on publishing, or by `search_embed`) are not embedded again.
    index = rebuild()
    print(f"index: {index} rebuilt in {time.perf_counter() - began:.1f}s")
    es = engine.client()

    rows = [evaluate("elasticsearch lexical", records, expected, es_search(es))]
    # The same questions through run() with semantic matching off, to confirm the raw request is the lexical path.
    settings.ZHENGCE_SEARCH_SEMANTIC = False
    sample = records[:50]
    agree = sum(
        [h.id for h in ElasticsearchQuery(SearchParams(q=clean(r["question"]))).run().hits]
        == es_top_ids(es, ElasticsearchQuery(SearchParams(q=clean(r["question"]))))
        for r in sample
    )
    print(f"check: run() without semantic matching and the raw request agree on {agree}/{len(sample)} questions")
    settings.ZHENGCE_SEARCH_SEMANTIC = True
    reranked = sum(ElasticsearchQuery(SearchParams(q=clean(r["question"]))).is_question() for r in records)
    print(f"questions re-ranked by meaning (phrased as questions): {reranked}/{len(records)}")
    rows.append(evaluate("elasticsearch hybrid", records, expected, hybrid_search))
    if not args.skip_db_search:
        rows.append(evaluate("database", records, expected, db_search))
    print()
    print(f"Known-item relevance, {len(records)} questions of {CORPUS.name} (relevant: the page of the same id)")
    print_rows([{"path": "baseline BM25 jieba", **BASELINE}, *rows])
    for row in rows:
        target = TARGETS[row["path"]]
        verdict = "meets" if row["MRR@10"] >= target else "BELOW"
        print(f"{row['path']}: MRR@10 {row['MRR@10']:.3f} {verdict} target {target}")
    if args.latency:
        measure_latency(es, records[:: max(1, len(records) // args.latency)][: args.latency], rounds=2)
    if args.variants:
        print()
        run_variants(es, records, expected)
    print(f"\ntotal {time.perf_counter() - started:.1f}s")


def clean(text):
    from cms.search.params import clean_query

    return clean_query(text)


if __name__ == "__main__":
    main()
