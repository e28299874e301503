"""Measure known-item relevance of site search on the government Q&A corpus.

    .venv/bin/python bench/search_relevance.py [--reuse-db] [--variants] [--limit N]

Every answer of ../shared/corpus/govqa.jsonl becomes a policy document titled 政务问答第N号 (so the title
never gives the question away); each question is then searched and the rank of its own answer noted.
Both paths are measured: Elasticsearch (ElasticsearchQuery) and the database fallback (DatabaseQuery).
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
TARGETS = {"elasticsearch": 0.75, "database": 0.5}


def setup(database, es_url):
    """Point Django at the benchmark database and index, then start it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = PREFIX
    # Unset while the pages are built, so their saves do not write to any index one by one.
    os.environ.pop("ELASTICSEARCH_URL", None)
    import django

    django.setup()
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


def run_variants(es, records, expected):
    from cms.search import es_query

    rows = []
    for label, changes in VARIANTS.items():
        saved = {name: getattr(es_query, name) for name in changes}
        for name, value in changes.items():
            setattr(es_query, name, value)
        try:
            row = evaluate("elasticsearch", records, expected, es_search(es))
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
    args = parser.parse_args()
    if not args.reuse_db and os.path.exists(args.db):
        os.remove(args.db)
    es_url = setup(args.db, args.es)
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
    began = time.perf_counter()
    index = rebuild()
    print(f"index: {index} rebuilt in {time.perf_counter() - began:.1f}s")
    es = engine.client()

    rows = [evaluate("elasticsearch", records, expected, es_search(es))]
    # The same questions through run(), the view's path, to confirm its ids agree with the raw request's.
    sample = records[:50]
    agree = sum(
        [h.id for h in ElasticsearchQuery(SearchParams(q=clean(r["question"]))).run().hits]
        == es_top_ids(es, ElasticsearchQuery(SearchParams(q=clean(r["question"]))))
        for r in sample
    )
    print(f"check: run() and the raw request agree on {agree}/{len(sample)} questions")
    if not args.skip_db_search:
        rows.append(evaluate("database", records, expected, db_search))
    print()
    print(f"Known-item relevance, {len(records)} questions of {CORPUS.name} (relevant: the page of the same id)")
    print_rows([{"path": "baseline BM25 jieba", **BASELINE}, *rows])
    for row in rows:
        target = TARGETS[row["path"]]
        verdict = "meets" if row["MRR@10"] >= target else "BELOW"
        print(f"{row['path']}: MRR@10 {row['MRR@10']:.3f} {verdict} target {target}")
    if args.variants:
        print()
        run_variants(es, records, expected)
    print(f"\ntotal {time.perf_counter() - started:.1f}s")


def clean(text):
    from cms.search.params import clean_query

    return clean_query(text)


if __name__ == "__main__":
    main()
