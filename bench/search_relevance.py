"""Measure known-item relevance of site search on every visible question set, next to a plain BM25 baseline.

    .venv/bin/python bench/search_relevance.py [--sets govqa,notices] [--questions PATH] [--reuse-db]
        [--prefix P] [--db TEMPLATE] [--database-url URL] [--skip-db-search | --skip-es] [--rebuild-words]
        [--latency N] [--variants]

Each set is a corpus of pages and a file of questions, each question with the page(s) that answer it:
- govqa: every answer of govqa.jsonl becomes a policy page titled 政务问答第N号 (the title never gives the
  question away); its question's relevant page is the one of the same id.
- notices: notices.jsonl imported by `manage.py import_policies`; notices_questions.jsonl holds
  {question, relevant: [notice id]}. `--questions PATH` replaces the questions (a twin set of the same kind),
  `--import-set NAME DOCS QUESTIONS` adds another set of that kind.
Each set runs in a process of its own, on its own database and index (`<prefix>-<set>`), and is measured on
the site's paths (Elasticsearch hybrid: ElasticsearchQuery.run() with semantic matching; Elasticsearch
lexical: the same with ZHENGCE_SEARCH_SEMANTIC off; database: DatabaseQuery) and on a plain BM25 computed
here, over all its questions and each half of them (a fixed hash of the question's text: parameters are
chosen on half A and confirmed on half B). `--skip-es` measures the database path alone, without
Elasticsearch (no index built, no page vectors computed). Exits 1 if a measured target is missed.
"""

import argparse
import collections
import hashlib
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_DB = "/tmp/bench-relevance-{set}.sqlite3"
PREFIX = "bench-relevance"
TOP = 10
LATENCY_WARMUP_ROUNDS = 1
PATHS = ("elasticsearch hybrid", "elasticsearch lexical", "database")
BASELINE = "baseline BM25 jieba"
HALVES = ("A", "B")
TUNED_ON = "A"


# --- the sets ------------------------------------------------------------------------------------------------
# kind "govqa": one page per record, built here; kind "import": pages imported by `import_policies`.
# targets: {path: minimum MRR@10}; "beats baseline" also asks the path to beat the baseline on each half;
# p95: {path: maximum p95 ms a query}. A path without a target is reported next to the baseline, not judged.


def default_sets(questions=None):
    return {
        "govqa": {
            "kind": "govqa",
            "docs": str(CORPUS / "govqa.jsonl"),
            "questions": str(CORPUS / "govqa.jsonl"),
            "targets": {"elasticsearch hybrid": 0.80},
            "beats_baseline": [],
            "p95": {},
        },
        "notices": notices_kind(str(CORPUS / "notices.jsonl"), questions or str(CORPUS / "notices_questions.jsonl")),
    }


def notices_kind(docs, questions):
    return {
        "kind": "import",
        "docs": docs,
        "questions": questions,
        "targets": {"elasticsearch hybrid": 0.88, "database": 0.80},
        "beats_baseline": ["elasticsearch hybrid"],
        "p95": {"database": 300.0},
    }


def read_jsonl(path):
    with open(path, encoding="utf-8") as file:
        return [json.loads(line) for line in file if line.strip()]


def govqa_source_id(record):
    return f"govqa-{record['id']}"


def documents(spec):
    """Return [(source id, title, body)] of a set's pages, as the baseline reads them."""
    records = read_jsonl(spec["docs"])
    if spec["kind"] == "govqa":
        return [(govqa_source_id(r), f"政务问答第{r['id']}号", r["answer"]) for r in records]
    return [(r["id"], r["title"], r.get("body") or "") for r in records]


def questions(spec):
    """Return [(question, {relevant source ids})] of a set."""
    records = read_jsonl(spec["questions"])
    if spec["kind"] == "govqa":
        return [(r["question"], {govqa_source_id(r)}) for r in records]
    return [(r["question"], set(r["relevant"])) for r in records]


def half_of(question):
    """Return the half (A or B) of a question: a fixed hash of its text, the same in every run and set."""
    return HALVES[int(hashlib.sha1(question.encode("utf-8")).hexdigest(), 16) % 2]


# --- the plain baseline: BM25 over jieba's search tokens ---------------------------------------------------


def search_tokens(text):
    """Return jieba's search-mode tokens (cut_for_search with the site's dictionary), words only."""
    from core.segmentation import _tokenizer

    return [w for w in _tokenizer().cut_for_search((text or "").lower()) if any(c.isalnum() for c in w)]


class BM25:
    """Plain Okapi BM25 (k1 1.2, b 0.75, idf log(1 + (N - n + 0.5) / (n + 0.5))), no tuning."""

    def __init__(self, texts, k1=1.2, b=0.75):
        self.k1, self.b = k1, b
        self.postings = collections.defaultdict(list)  # token -> [(doc, term frequency)]
        self.lengths = []
        for doc, text in enumerate(texts):
            tokens = search_tokens(text)
            self.lengths.append(len(tokens))
            for token, count in collections.Counter(tokens).items():
                self.postings[token].append((doc, count))
        self.average = sum(self.lengths) / max(1, len(self.lengths))
        n = len(self.lengths)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def top(self, query, size=TOP):
        scores = collections.defaultdict(float)
        for token in search_tokens(query):
            for doc, tf in self.postings.get(token, ()):
                norm = self.k1 * (1 - self.b + self.b * self.lengths[doc] / self.average)
                scores[doc] += self.idf[token] * tf * (self.k1 + 1) / (tf + norm)
        return sorted(scores, key=lambda doc: (-scores[doc], doc))[:size]


# --- one set, in its own process ----------------------------------------------------------------------------


def database_url(args, name):
    if args.database_url:
        return args.database_url.replace("{set}", name)
    return f"sqlite:///{args.db.replace('{set}', name)}"


def setup(url, es_url, prefix):
    """Point Django at the set's database and index, then start it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DATABASE_URL"] = url
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = prefix
    # Repeated queries would be answered by the full-page cache: the latency measured is the search path's.
    os.environ["PAGE_CACHE"] = "off"
    # Unset while the pages are built, so their saves do not write to any index one by one.
    os.environ.pop("ELASTICSEARCH_URL", None)
    import logging

    import django

    django.setup()
    logging.getLogger("wagtail").setLevel(logging.WARNING)  # a line per page saved would drown the figures
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)  # and a line per request
    from django.conf import settings

    # Every request comes from this one process: per-client limits would answer 429 and measure the limiter.
    settings.ZHENGCE_RATE_LIMITS = {}
    settings.ELASTICSEARCH_URL = ""
    return es_url


def build_database(spec, docs, reuse, rebuild_words):
    """Create the set's pages, unless --reuse-db finds them all already; then check the database's word index."""
    from django.core.management import call_command

    from policies.models import PolicyPage

    call_command("migrate", verbosity=0)
    wanted = {source_id for source_id, _title, _body in docs}
    present = set(PolicyPage.objects.filter(source_id__in=wanted).values_list("source_id", flat=True))
    if reuse and present == wanted:
        print(f"database: reusing {len(present)} pages", flush=True)
        build_words(rebuild_words)
        return
    started = time.perf_counter()
    if spec["kind"] == "import":
        call_command("import_policies", spec["docs"], limit=len(docs), verbosity=0)
    else:
        build_govqa(docs)
    elapsed = time.perf_counter() - started
    print(f"database: {len(docs)} pages saved in {elapsed:.1f}s ({len(docs) / elapsed:.1f}/s)", flush=True)
    build_words(rebuild_words)


def build_words(forced):
    """Rebuild the database search's word index (`search_index_words`) if asked, or if it misses pages.

    `migrate` builds it where pages exist without any; pages saved with the index's signals off (an interrupted
    run) leave it short. After a change to how words are indexed, --rebuild-words forces it.
    """
    from django.core.management import call_command

    from cms.search.models import SearchTermPage
    from cms.search.registry import document_classes

    indexed = SearchTermPage.objects.count()
    indexable = sum(cls.indexable().count() for cls in document_classes())
    if not forced and indexed == indexable:
        return
    why = "--rebuild-words" if forced else f"{indexed} of {indexable} pages indexed"
    started = time.perf_counter()
    call_command("search_index_words", verbosity=0)
    print(f"database: word index rebuilt ({why}) in {time.perf_counter() - started:.1f}s", flush=True)


def build_govqa(docs):
    """Import the answers as policy documents through import_policies, the way a department brings content in."""
    from django.core.management import call_command

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as file:
        for source_id, title, body in docs:
            file.write(json.dumps({"id": source_id, "title": title, "body": body}, ensure_ascii=False) + "\n")
        file.flush()
        call_command("import_policies", file.name, verbosity=0)


def _alias():
    from cms.search.engine import alias_name

    return alias_name()


def site_search(path):
    """Return search(question) -> [page ids of the first page of results] for one of the site's paths."""
    from django.conf import settings

    from cms.search.db_query import DatabaseQuery
    from cms.search.es_query import ElasticsearchQuery
    from cms.search.params import SearchParams

    def search(question):
        if path == "database":
            return [hit.id for hit in DatabaseQuery(SearchParams(q=question)).run().hits]
        settings.ZHENGCE_SEARCH_SEMANTIC = path == "elasticsearch hybrid"
        return [hit.id for hit in ElasticsearchQuery(SearchParams(q=question)).run().hits]

    return search


def evaluate(name, asked, search):
    """Return {ranks, seconds}: the rank (1-10, or 0) of the first relevant page for each question."""
    ranks, seconds = [], []
    if asked:
        search(asked[0][0])  # warm-up, untimed: the tokenizer, the connection, the caches
    for number, (question, relevant) in enumerate(asked, 1):
        started = time.perf_counter()
        ids = search(question)[:TOP]
        seconds.append(time.perf_counter() - started)
        ranks.append(next((rank for rank, pk in enumerate(ids, 1) if pk in relevant), 0))
        if number % 500 == 0:
            print(f"  {name}: {number}/{len(asked)} questions", flush=True)
    print(f"  {name}: MRR@10 {figures(ranks)['MRR@10']:.3f}", flush=True)
    return {"ranks": ranks, "seconds": seconds}


def run_set(args, name, spec, out):
    from_db = database_url(args, name)
    es_url = setup(from_db, args.es, f"{args.prefix}-{name}")
    docs = documents(spec)[: args.limit]
    # With --limit (a quick trial, not a figure to report), only the questions answered among those pages.
    kept = {source_id for source_id, _title, _body in docs}
    asked_raw = [(q, relevant) for q, relevant in questions(spec) if relevant & kept]
    if args.skip_es:
        # Only Elasticsearch reads the page vectors: an import without it need not compute them.
        from django.conf import settings

        settings.ZHENGCE_SEARCH_SEMANTIC = False
    build_database(spec, docs, args.reuse_db, args.rebuild_words)

    from django.conf import settings

    from cms.search import engine
    from cms.search.indexing import rebuild
    from cms.search.params import clean_query
    from policies.models import PolicyPage

    pk_of = dict(PolicyPage.objects.filter(source_id__in=[d[0] for d in docs]).values_list("source_id", "pk"))
    # The site cleans (and cuts) every query: all paths, the baseline included, are asked the same text.
    asked = [(clean_query(q), {pk_of[s] for s in relevant if s in pk_of}) for q, relevant in asked_raw]
    result = {"set": name, "questions": len(asked), "pages": len(docs), "halves": [half_of(q) for q, _ in asked_raw]}
    from django.db import connection

    result["database"] = connection.vendor
    result["paths"] = {}

    started = time.perf_counter()
    bm25 = BM25(f"{title}\n{body}" for _s, title, body in docs)
    doc_pk = [pk_of[s] for s, _t, _b in docs]
    result["paths"][BASELINE] = evaluate(BASELINE, asked, lambda q: [doc_pk[i] for i in bm25.top(q)])
    print(f"baseline: {time.perf_counter() - started:.1f}s", flush=True)

    if args.skip_es:
        result["paths"]["database"] = evaluate("database", asked, site_search("database"))
        Path(out).write_text(json.dumps(result), encoding="utf-8")
        return
    settings.ELASTICSEARCH_URL = es_url
    settings.ZHENGCE_SEARCH_SEMANTIC = True
    began = time.perf_counter()
    # Pages whose vector is stored (computed on publishing, or by `search_embed`) are not embedded again.
    index = rebuild()
    print(f"index: {index} rebuilt in {time.perf_counter() - began:.1f}s", flush=True)
    from cms.search import semantic

    result["reranked"] = sum(semantic.is_question(q) for q, _ in asked)
    for path in PATHS:
        if path == "database" and args.skip_db_search:
            continue
        result["paths"][path] = evaluate(path, asked, site_search(path))
    if args.variants:
        result["variants"] = run_variants(asked)
    if args.latency:
        result["latency"] = measure_latency(engine.client(), [q for q, _ in asked], args.latency)
    settings.ZHENGCE_SEARCH_SEMANTIC = True
    Path(out).write_text(json.dumps(result), encoding="utf-8")


# Alternative constants for --variants: {label: {"module.CONSTANT": value}}, module in cms.search.
VARIANTS = {
    "current": {},
    "semantic weight 0.5": {"semantic.SEMANTIC_WEIGHT": 0.5},
    "semantic weight 0.9": {"semantic.SEMANTIC_WEIGHT": 0.9},
    "no recency": {"es_query.RECENCY_WEIGHT": 0.0},
    "questions weigh the title 8 (main)": {
        "es_query.QUESTION_TEXT_FIELDS": ["title^8", "doc_number.text^5", "summary^3", "body", "related"],
        "es_query.QUESTION_WORD_FIELDS": ["title_words^8", "summary_words^3", "body_words"],
    },
    "pairs weight 1": {"es_query.PAIRS_WEIGHT": 1.0},
}


def run_variants(asked):
    import importlib

    rows = {}
    for label, changes in VARIANTS.items():
        targets = {}
        for dotted, value in changes.items():
            module, constant = dotted.split(".")
            targets[dotted] = (importlib.import_module(f"cms.search.{module}"), constant, value)
        saved = {dotted: getattr(m, c) for dotted, (m, c, _v) in targets.items()}
        for module, constant, value in targets.values():
            setattr(module, constant, value)
        try:
            rows[label] = {path: evaluate(f"{label}: {path}", asked, site_search(path))["ranks"] for path in PATHS[:2]}
        finally:
            for dotted, (module, constant, _v) in targets.items():
                setattr(module, constant, saved[dotted])
    return rows


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_latency(es, all_questions, count, rounds=2):
    """Time questions through GET /api/search/ (hybrid, then lexical) and as the lexical body sent straight.

    The method of bench/search_scale.py: interleaved calls after a warm-up, p50 and p95 of each; the direct
    call is the one request the lexical path sends, so the ratio shows everything the view adds.
    """
    from django.conf import settings
    from django.test import Client

    from cms.search.es_query import ElasticsearchQuery
    from cms.search.params import SearchParams

    client = Client(HTTP_HOST="127.0.0.1")
    chosen = all_questions[:: max(1, len(all_questions) // count)][:count]
    times = {"api hybrid": [], "api lexical": [], "direct": []}
    for round_number in range(LATENCY_WARMUP_ROUNDS + rounds):
        for number, question in enumerate(chosen):
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
    return {"questions": len(chosen), "rounds": rounds, "times": times}


# --- the report ----------------------------------------------------------------------------------------------


def figures(ranks, seconds=None):
    row = {
        "MRR@10": sum(1 / r for r in ranks if r) / max(1, len(ranks)),
        "Recall@10": sum(1 for r in ranks if r) / max(1, len(ranks)),
    }
    if seconds:
        row["ms/query"] = 1000 * statistics.fmean(seconds)
        row["p50 ms"] = 1000 * percentile(seconds, 0.5)
        row["p95 ms"] = 1000 * percentile(seconds, 0.95)
    return row


def split(values, halves, half):
    return [v for v, h in zip(values, halves, strict=True) if h == half]


def print_rows(rows, columns):
    widths = {c: max(len(c), *(len(_fmt(row.get(c))) for row in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(_fmt(row.get(c)).ljust(widths[c]) for c in columns).rstrip())


def _fmt(value):
    if isinstance(value, float):
        return f"{value:.1f}" if value >= 10 else f"{value:.3f}"
    return str(value if value is not None else "")


def report(result, spec):
    """Print a set's table (all questions, then each half) and return its targets as (label, met)."""
    halves = result["halves"]
    counts = {h: halves.count(h) for h in HALVES}
    print()
    reranked = f"{result['reranked']} re-ranked by meaning" if "reranked" in result else "no Elasticsearch"
    print(
        f"== {result['set']}: {result['questions']} questions over {result['pages']} pages "
        f"({Path(spec['questions']).name}, {result['database']}); {reranked}"
    )
    rows = []
    for path, measured in result["paths"].items():
        row = {"path": path, **figures(measured["ranks"], measured["seconds"] if path != BASELINE else None)}
        for half in HALVES:
            part = figures(split(measured["ranks"], halves, half))
            row[f"MRR {half}"] = part["MRR@10"]
            row[f"R@10 {half}"] = part["Recall@10"]
        rows.append(row)
    columns = ["path", "MRR@10", "Recall@10", "ms/query", "p50 ms", "p95 ms"]
    for half in HALVES:
        columns += [f"MRR {half}", f"R@10 {half}"]
    print_rows(rows, columns)
    judged = set(spec["targets"]) | set(spec["beats_baseline"]) | set(spec["p95"])
    unjudged = [row["path"] for row in rows if row["path"] != BASELINE and row["path"] not in judged]
    if unjudged:
        print(f"no target on this set for: {', '.join(unjudged)} (reported next to the baseline)")
    print(
        f"halves by a hash of the question: A {counts['A']} questions (parameters chosen on it), "
        f"B {counts['B']} (confirmation)"
    )
    by_path = {row["path"]: row for row in rows}
    verdicts = []
    for path, minimum in spec["targets"].items():
        if path in by_path:
            verdicts.append(
                (
                    f"{result['set']} {path} MRR@10 {by_path[path]['MRR@10']:.3f} >= {minimum}",
                    by_path[path]["MRR@10"] >= minimum,
                )
            )
    for path, maximum in spec["p95"].items():
        if path in by_path:
            verdicts.append(
                (
                    f"{result['set']} {path} p95 {by_path[path]['p95 ms']:.0f} ms <= {maximum:.0f} ms",
                    by_path[path]["p95 ms"] <= maximum,
                )
            )
    for path in spec["beats_baseline"]:
        if path in by_path:
            for half in HALVES:
                mine, base = by_path[path][f"MRR {half}"], by_path[BASELINE][f"MRR {half}"]
                verdicts.append(
                    (f"{result['set']} {path} half {half} MRR@10 {mine:.3f} > baseline {base:.3f}", mine > base)
                )
    if "variants" in result:
        print("variants (MRR@10 all / A / B):")
        for label, by in result["variants"].items():
            cells = []
            for path, ranks in by.items():
                parts = [figures(ranks)["MRR@10"], *(figures(split(ranks, halves, h))["MRR@10"] for h in HALVES)]
                cells.append(f"{path.split()[-1]} " + " / ".join(f"{v:.3f}" for v in parts))
            print(f"  {label:28} " + "   ".join(cells))
    if "latency" in result:
        lat = result["latency"]
        print(f"latency, {lat['questions']} questions × {lat['rounds']} rounds:")
        times = lat["times"]
        for which, values in times.items():
            p50, p95 = 1000 * percentile(values, 0.5), 1000 * percentile(values, 0.95)
            print(f"  {which:12} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
        for which in ("api hybrid", "api lexical"):
            ratio = percentile(times[which], 0.95) / percentile(times["direct"], 0.95)
            print(f"  ratio {which} p95 / direct p95 = {ratio:.2f}")
    return verdicts


def prepare_postgresql(url, fresh):
    """Create the set's PostgreSQL database if missing (dropped first unless --reuse-db), as the SQLite file is.

    Done through the server's `postgres` database, so one server holds a database per set ({set} in the URL).
    """
    from urllib.parse import unquote, urlsplit, urlunsplit

    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg
    from psycopg import sql

    name = unquote(parts.path.lstrip("/"))
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        if fresh:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"database: created {name}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="govqa,notices", help="comma-separated sets to run (default: all)")
    parser.add_argument("--questions", help="questions file for the notices set (a twin set of the same kind)")
    parser.add_argument(
        "--import-set",
        nargs=3,
        action="append",
        default=[],
        metavar=("NAME", "DOCS", "QUESTIONS"),
        help="another set of the notices kind: import-schema JSONL and {question, relevant} JSONL",
    )
    parser.add_argument("--db", default=DEFAULT_DB, help=f"SQLite file per set (default {DEFAULT_DB})")
    parser.add_argument("--database-url", help="database URL per set instead of SQLite ({set} is replaced)")
    parser.add_argument("--reuse-db", action="store_true", help="keep the pages (and vectors) of an earlier run")
    parser.add_argument("--skip-db-search", action="store_true", help="do not measure the database path")
    parser.add_argument(
        "--skip-es",
        action="store_true",
        help="no Elasticsearch: measure only the database path next to the baseline (no index, no page vectors)",
    )
    parser.add_argument(
        "--rebuild-words",
        action="store_true",
        help="rebuild the database word index (search_index_words) even if complete, after a change to it",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N pages of each set (a quick trial)")
    parser.add_argument("--variants", action="store_true", help="also measure the alternative constants of VARIANTS")
    parser.add_argument("--latency", type=int, metavar="N", help="also time N questions of each set through the API")
    parser.add_argument("--es", default=os.environ.get("ELASTICSEARCH_URL") or "http://127.0.0.1:9200")
    parser.add_argument("--prefix", default=PREFIX, help=f"index prefix, the set's name appended (default {PREFIX})")
    parser.add_argument("--run-set", nargs=3, metavar=("NAME", "SPEC", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.skip_es and args.skip_db_search:
        parser.error("--skip-es and --skip-db-search leave nothing to measure")
    if args.skip_es and (args.latency or args.variants):
        parser.error("--latency and --variants measure Elasticsearch: not with --skip-es")
    if args.run_set:
        name, spec, out = args.run_set
        run_set(args, name, json.loads(spec), out)
        return 0

    sets = default_sets(args.questions)
    for name, docs, asked in args.import_set:
        sets[name] = notices_kind(docs, asked)
    chosen = [name.strip() for name in args.sets.split(",") if name.strip()] + [n for n, _d, _q in args.import_set]
    started = time.perf_counter()
    verdicts, results = [], []
    for name in dict.fromkeys(chosen):
        if name not in sets:
            parser.error(f"unknown set {name!r} (known: {', '.join(sets)})")
        spec = sets[name]
        if args.database_url:
            prepare_postgresql(database_url(args, name), fresh=not args.reuse_db)
        elif not args.reuse_db:
            Path(args.db.replace("{set}", name)).unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            print(f"-- {name}: {spec['docs']} / {spec['questions']}", flush=True)
            command = [sys.executable, __file__, *sys.argv[1:], "--run-set", name, json.dumps(spec), out.name]
            subprocess.run(command, check=True)
            results.append((json.loads(Path(out.name).read_text(encoding="utf-8")), spec))
    print()
    print("Known-item relevance (MRR@10 and Recall@10 of the first relevant page among the first 10 results)")
    for result, spec in results:
        verdicts += report(result, spec)
    print()
    print("Targets:")
    for label, met in verdicts:
        print(f"  {'met   ' if met else 'MISSED'} {label}")
    if not verdicts:
        print("  none measured in this run")
    print(f"\ntotal {time.perf_counter() - started:.1f}s")
    return 0 if all(met for _label, met in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
