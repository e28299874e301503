"""Measure indexing throughput and query latency of site search at the scale of the national law corpus.

    .venv/bin/python bench/search_scale.py [--reuse-db] [--prefix P] [--rounds N] [--skip-raw] [--profile N]

Imports ../shared/corpus/laws.jsonl and ecology.jsonl through `import_policies`, then compares
`rebuild()` with sending the same documents by a bare `_bulk`, and the /api/search/ view with sending the
same query body straight to Elasticsearch.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [ROOT.parent / "shared" / "corpus" / name for name in ("laws.jsonl", "ecology.jsonl")]
DEFAULT_DB = "/tmp/bench-scale.sqlite3"
PREFIX = "bench-scale"
WARMUP_ROUNDS = 2
# Targets the lead set: our indexing at least half the raw speed, the view's p95 at most 1.5 times the engine's.
THROUGHPUT_TARGET = 0.5
LATENCY_TARGET = 1.5

# What citizens type: single characters, words, phrases, document numbers in several forms, questions.
QUERIES = [
    "水",
    "气",
    "林",
    "环评",
    "河长制",
    "排污",
    "噪声",
    "湿地",
    "安全生产",
    "大气污染防治",
    "野生动物保护",
    "排污许可证管理",
    "固体废物污染环境防治",
    "环境影响评价",
    "生态保护红线",
    "海洋环境保护",
    "危险废物经营许可",
    "突发环境事件应急预案",
    "建设项目竣工环境保护验收",
    "长江保护法",
    "国务院令第722号",
    "中华人民共和国国务院令第722号",
    "国务院令 第 722 号",
    "国务院令722号",
    "中华人民共和国国务院令第２５３号",
    "国家市场监督管理总局令第20号",
    "如何办理排污许可证",
    "企业未批先建怎么处罚",
    "PM2.5",
    "VOCs 排放标准",
    "大汽污染",
]


def setup(database, prefix=PREFIX):
    """Point Django at the benchmark database and index prefix, then start it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = prefix
    # Repeated queries would be answered by the full-page cache: the latency measured is the search path's.
    os.environ["PAGE_CACHE"] = "off"
    es_url = os.environ.pop("ELASTICSEARCH_URL", "") or "http://127.0.0.1:9200"
    import django

    django.setup()
    from django.conf import settings

    # Every request comes from this one process: per-client limits would answer 429 and measure the limiter.
    settings.ZHENGCE_RATE_LIMITS = {}
    return es_url


def expected_records():
    total = 0
    for path in CORPUS:
        with path.open("rb") as file:
            total += sum(1 for line in file if line.strip())
    return total


def import_corpus(reuse):
    """Import the corpus with the project's command, unless --reuse-db finds it imported already."""
    from django.core.management import call_command

    from policies.models import PolicyPage

    expected = expected_records()
    call_command("migrate", verbosity=0)
    have = PolicyPage.objects.count()
    if reuse and have >= expected:
        print(f"import: reusing {have} documents")
        return
    print(f"import: {expected} records, ELASTICSEARCH_URL unset (takes several minutes)", flush=True)
    started = time.perf_counter()
    call_command("import_policies", *map(str, CORPUS), verbosity=1)
    print(f"import: done in {time.perf_counter() - started:.1f}s")


def enable_engine(es_url):
    from django.conf import settings

    settings.ELASTICSEARCH_URL = es_url


# --- indexing ---------------------------------------------------------------------------------------


def collect_sources():
    """Return [(id, source)] exactly as rebuild() sends them, and the seconds it took to build them."""
    from cms.search.indexing import BATCH_SIZE, indexable_pages
    from cms.search.semantic import attach_vectors

    started = time.perf_counter()
    sources = []
    # The same batching as indexing._rebuild_batches, so the queries and prefetches are the same too.
    for cls, queryset in indexable_pages():
        ids = list(queryset.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH_SIZE):
            pages = cls.pages(cls.indexable().filter(pk__in=ids[start : start + BATCH_SIZE]))
            # With the stored vectors, as rebuild() sends them (computed there if missing, so run rebuild first).
            for doc in attach_vectors([cls.from_page(page) for page in pages]):
                sources.append((doc.meta.id, doc.to_dict()))
    return sources, time.perf_counter() - started


def corpus_figures(sources):
    articles = sum(len(source.get("articles", [])) for _id, source in sources)
    text = sum(len((source.get("body") or "").encode()) for _id, source in sources)
    payload = sum(len(json.dumps(source, ensure_ascii=False, default=str).encode()) for _id, source in sources)
    return articles, text / 1e6, payload / 1e6


def time_rebuild():
    from cms.search.indexing import rebuild

    started = time.perf_counter()
    name = rebuild()
    return name, time.perf_counter() - started


def time_raw_bulk(es, sources):
    """Send prepared sources to a fresh index as rebuild() loads one (no refresh until the end); return seconds."""
    from elasticsearch.helpers import bulk

    from cms.search.engine import alias_name
    from cms.search.indexing import BATCH_SIZE, create_index

    name = f"{alias_name()}-raw-{time.monotonic_ns() % 1_000_000_000}"
    create_index(es, name)
    es.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
    actions = [{"_op_type": "index", "_index": name, "_id": pk, "_source": source} for pk, source in sources]
    try:
        started = time.perf_counter()
        _count, errors = bulk(es, actions, chunk_size=BATCH_SIZE, refresh=False, raise_on_error=False)
        es.indices.put_settings(index=name, settings={"refresh_interval": None})
        es.indices.refresh(index=name)
        elapsed = time.perf_counter() - started
        if errors:
            raise RuntimeError(f"raw bulk failed: {errors[:3]}")
        count = es.count(index=name)["count"]
    finally:
        es.indices.delete(index=name)
    return elapsed, count


def profile_rebuild(sample):
    """Profile rebuild() over the first `sample` documents and print the top costs."""
    from cms.search import indexing

    original = indexing.indexable_pages

    def first_pages():
        for cls, queryset in original():
            yield cls, queryset.filter(pk__in=list(queryset.values_list("pk", flat=True)[:sample]))

    indexing.indexable_pages = first_pages
    profiler = cProfile.Profile()
    try:
        profiler.enable()
        time_rebuild()
        profiler.disable()
    finally:
        indexing.indexable_pages = original
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(30)
    print(f"\nProfile of rebuild() on {sample} documents (cumulative, top 30):")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:8000])
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    print(f"\nProfile of rebuild() on {sample} documents (own time, top 15):")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])


# --- latency ----------------------------------------------------------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def query_bodies(es):
    """Return {query: [request bodies]} as ElasticsearchQuery sends them: the relaxed one too when run() needs it,
    and for a question re-ranked by meaning its three (best lexical matches, their closeness to the question's
    vector, the page of results with highlights), the vector computed here, outside the timing.
    """
    from cms.search import semantic
    from cms.search.engine import alias_name
    from cms.search.es_query import ElasticsearchQuery
    from cms.search.params import PAGE_SIZE, SearchParams

    bodies = {}
    for text in QUERIES:
        query = ElasticsearchQuery(SearchParams.from_request({"q": text}))
        if query.reranks():
            lexical = query.search(start=0, size=semantic.RERANK_DEPTH, highlight=False).source(False).to_dict()
            ids = [int(hit["_id"]) for hit in es.search(index=alias_name(), body=lexical)["hits"]["hits"]]
            similar = semantic.similarity_request(semantic.embed_query(text), ids)
            bodies[text] = [lexical, similar, query.shown_request(ids[:PAGE_SIZE]).to_dict()]
            continue
        strict = query.search().to_dict()
        sent = [strict]
        if not es.search(index=alias_name(), body=strict)["hits"]["total"]["value"]:
            query.strict = False
            sent.append(query.search().to_dict())
        bodies[text] = sent
    return bodies


def measure_latency(es, rounds):
    """Time each query through the view and straight to Elasticsearch, interleaved; return per-call seconds."""
    from django.test import Client

    from cms.search.engine import alias_name

    client = Client(HTTP_HOST="127.0.0.1")
    alias = alias_name()
    bodies = query_bodies(es)
    api, direct, engines, counts = [], [], {}, {}
    for round_number in range(WARMUP_ROUNDS + rounds):
        for text in QUERIES:
            # Alternate which goes first, so neither always benefits from the other's warm caches.
            order = ("api", "direct") if (round_number + QUERIES.index(text)) % 2 else ("direct", "api")
            for which in order:
                started = time.perf_counter()
                if which == "api":
                    response = client.get("/api/search/", {"q": text})
                else:
                    for body in bodies[text]:
                        answer = es.search(index=alias, body=body)
                elapsed = time.perf_counter() - started
                if which == "api":
                    assert response.status_code == 200, response.status_code
                    data = response.json()
                    engines[text] = data["engine"]
                    counts[text] = (data["count"], data["results"][0]["title"][:24] if data["results"] else "")
                elif not answer["hits"]["total"]["value"] and round_number == 0:
                    print(f"  note: {text!r} finds nothing even relaxed")
                if round_number >= WARMUP_ROUNDS:
                    (api if which == "api" else direct).append((text, elapsed))
    return api, direct, engines, counts, bodies


def reranked(text):
    from cms.search.es_query import ElasticsearchQuery
    from cms.search.params import SearchParams

    return ElasticsearchQuery(SearchParams.from_request({"q": text})).reranks()


def report_latency(api, direct, engines, counts, bodies):
    print("\nPer query (ms, after warm-up): engine, hits, API p50/p95, direct p50/p95, top title")
    for text in QUERIES:
        a = [t for q, t in api if q == text]
        d = [t for q, t in direct if q == text]
        relaxed = " (re-ranked by meaning: 3 requests)" if reranked(text) else ""
        relaxed = relaxed or (" (relaxed: 2 requests)" if len(bodies[text]) > 1 else "")
        count, title = counts[text]
        print(
            f"  {text!r:28} {engines[text]:13} {count:5}  "
            f"{1000 * statistics.median(a):7.1f} {1000 * percentile(a, 0.95):7.1f}  "
            f"{1000 * statistics.median(d):7.1f} {1000 * percentile(d, 0.95):7.1f}  {title}{relaxed}"
        )
    api_times = [t for _q, t in api]
    direct_times = [t for _q, t in direct]
    api_p50, api_p95 = percentile(api_times, 0.5), percentile(api_times, 0.95)
    direct_p50, direct_p95 = percentile(direct_times, 0.5), percentile(direct_times, 0.95)
    ratio = api_p95 / direct_p95
    print(f"\nLatency over {len(api_times)} calls each:")
    print(f"  API  /api/search/   p50 {1000 * api_p50:7.1f} ms   p95 {1000 * api_p95:7.1f} ms")
    print(f"  direct es.search    p50 {1000 * direct_p50:7.1f} ms   p95 {1000 * direct_p95:7.1f} ms")
    verdict = "meets" if ratio <= LATENCY_TARGET else "MISSES"
    print(f"  ratio API p95 / direct p95 = {ratio:.2f} ({verdict} target <= {LATENCY_TARGET})")
    fallback = sorted(q for q, engine in engines.items() if engine != "elasticsearch")
    print(f"  engines answering: {sorted(set(engines.values()))}; fallback on: {fallback or 'none'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=DEFAULT_DB, help=f"SQLite file of the benchmark (default {DEFAULT_DB})")
    parser.add_argument("--reuse-db", action="store_true", help="skip the import if the database has the corpus")
    parser.add_argument("--rounds", type=int, default=10, help="timed rounds of the query list (default 10)")
    parser.add_argument("--skip-raw", action="store_true", help="skip the raw _bulk baseline")
    parser.add_argument("--profile", type=int, metavar="N", help="also profile rebuild() on N documents")
    parser.add_argument("--prefix", default=PREFIX, help=f"index prefix of the benchmark (default {PREFIX})")
    args = parser.parse_args()
    if not args.reuse_db and os.path.exists(args.db):
        os.remove(args.db)
    es_url = setup(args.db, args.prefix)
    began = time.perf_counter()
    import_corpus(args.reuse_db)
    enable_engine(es_url)

    from django.conf import settings

    from cms.search.engine import client
    from cms.search.indexing import count_indexable

    es = client().options(request_timeout=settings.ELASTICSEARCH_INDEX_TIMEOUT)
    documents = count_indexable()
    files_mb = sum(path.stat().st_size for path in CORPUS) / 1e6
    print(f"\nIndexing {documents} documents ({files_mb:.1f} MB of JSONL) into prefix {args.prefix!r}")

    name, ours = time_rebuild()
    print(f"  ours: rebuild() -> {name}: {ours:.1f}s, {documents / ours:.1f} documents/s")
    sources, build_seconds = collect_sources()
    articles, text_mb, payload_mb = corpus_figures(sources)
    print(
        f"  {len(sources)} documents, {articles} nested articles, {text_mb:.1f} MB body text, "
        f"{payload_mb:.1f} MB of _source JSON; building the sources alone took {build_seconds:.1f}s"
    )
    if not args.skip_raw:
        raw, indexed = time_raw_bulk(es, sources)
        print(f"  raw:  helpers.bulk + refresh of the same sources: {raw:.1f}s, {indexed / raw:.1f} documents/s")
        ratio = raw / ours
        verdict = "meets" if ratio >= THROUGHPUT_TARGET else "MISSES"
        print(f"  throughput ours/raw = {ratio:.2f} ({verdict} target >= {THROUGHPUT_TARGET})")

    api, direct, engines, counts, bodies = measure_latency(es, args.rounds)
    report_latency(api, direct, engines, counts, bodies)
    if args.profile:
        profile_rebuild(args.profile)
    print(f"\ntotal {time.perf_counter() - began:.1f}s")


if __name__ == "__main__":
    main()
