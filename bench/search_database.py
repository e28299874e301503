"""Measure the database search (no Elasticsearch) on SQLite or PostgreSQL, next to a plain BM25 baseline.

    .venv/bin/python bench/search_database.py [--database-url URL] [--reuse-db] [--sets notices,govqa] [--limit N]

Imports ../shared/corpus/notices.jsonl (599 notices, with `manage.py import_policies`) and govqa.jsonl (each
answer a page titled 政务问答第N号) into a SQLite file under /tmp (or the PostgreSQL database of
--database-url), then searches every question with `DatabaseQuery(SearchParams(q=…)).run()` (what
/api/search/ answers without ELASTICSEARCH_URL) and notes the rank of its relevant page among the first 10.
Prints MRR@10, Recall@10, p50 and p95 ms a query per set and per half of the questions (even / odd
positions), next to the baseline computed here from the same pages: plain BM25 (k1 1.2, b 0.75) over jieba
search tokens of title + body.
"""

import argparse
import json
import math
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_DB = "/tmp/dbsearch-bench.sqlite3"
TOP = 10
TARGETS = {"MRR@10": 0.80, "p95 ms": 300.0}


def setup(database_url):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DATABASE_URL"] = database_url
    os.environ["PAGE_CACHE"] = "off"
    # The database path is measured: no engine, and no page vectors (only Elasticsearch reads them).
    os.environ.pop("ELASTICSEARCH_URL", None)
    os.environ["ZHENGCE_SEARCH_SEMANTIC"] = "0"
    import django

    django.setup()
    import logging

    from django.conf import settings

    logging.disable(logging.INFO)  # one line a page saved would drown the figures
    settings.ZHENGCE_RATE_LIMITS = {}


def load(name):
    with (CORPUS / name).open(encoding="utf-8") as file:
        return [json.loads(line) for line in file if line.strip()]


def build(reuse, sets, rebuild_words=False):
    """Import both sets unless --reuse-db finds them; return {set: [(question, relevant source ids)]}."""
    from django.core.management import call_command
    from wagtail.search import index as search_index

    from policies.management.commands.import_policies import one_search_update_per_page
    from policies.models import PolicyPage
    from policies.services import PolicyData, save_policy

    call_command("migrate", verbosity=0)
    notices = load("notices.jsonl")
    govqa = load("govqa.jsonl")
    present = Counter(
        source.split(":")[0].split("-")[0] for source in PolicyPage.objects.values_list("source_id", flat=True)
    )
    if "notices" in sets and not (reuse and present["notices"] >= len(notices)):
        started = time.perf_counter()
        call_command("import_policies", str(CORPUS / "notices.jsonl"), verbosity=0)
        print(f"notices imported in {time.perf_counter() - started:.1f}s", flush=True)
    if "govqa" in sets and not (reuse and present["govqa"] >= len(govqa)):
        started = time.perf_counter()
        from policies.library import policy_library

        index = policy_library()
        with one_search_update_per_page():
            for record in govqa:
                data = PolicyData(
                    title=f"政务问答第{record['id']}号", source_id=f"govqa-{record['id']}", body_text=record["answer"]
                )
                page, action = save_policy(index, data)
                if action != "unchanged":
                    search_index.insert_or_update_object(PolicyPage.objects.get(pk=page.pk))
        print(f"govqa imported in {time.perf_counter() - started:.1f}s", flush=True)
    after_import(rebuild_words)
    questions = {
        "notices": [(q["question"], set(q["relevant"])) for q in load("notices_questions.jsonl")],
        "govqa": [(r["question"], {f"govqa-{r['id']}"}) for r in govqa],
    }
    return questions


def after_import(rebuild_words):
    """Build the database search's word index if the pages were imported before it existed (an old file)."""
    from cms.search import terms

    if rebuild_words or not terms.is_built():
        started = time.perf_counter()
        count = terms.rebuild()
        print(f"word index built for {count} pages in {time.perf_counter() - started:.1f}s", flush=True)


def page_sources():
    from policies.models import PolicyPage

    return dict(PolicyPage.objects.values_list("pk", "source_id"))


# --- the baseline: plain BM25 over jieba search tokens of title + body --------------------------------


def baseline_tokens(text):
    from core.segmentation import _tokenizer

    return [t for t in _tokenizer().cut_for_search((text or "").lower()) if t.strip() and any(c.isalnum() for c in t)]


class Baseline:
    def __init__(self, k1=1.2, b=0.75):
        from policies.models import PolicyPage

        self.k1, self.b = k1, b
        self.docs = {}
        for page in PolicyPage.objects.only("pk", "title", "body"):
            self.docs[page.pk] = Counter(baseline_tokens(f"{page.title} {page.body_text()}"))
        self.lengths = {pk: sum(c.values()) for pk, c in self.docs.items()}
        self.avg = sum(self.lengths.values()) / len(self.lengths)
        self.df = Counter(t for c in self.docs.values() for t in c)
        self.postings = {}
        for pk, counts in self.docs.items():
            for term, tf in counts.items():
                self.postings.setdefault(term, []).append((pk, tf))

    def search(self, question):
        n = len(self.docs)
        scores = Counter()
        for term in baseline_tokens(question):
            df = self.df.get(term)
            if not df:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            for pk, tf in self.postings[term]:
                norm = self.k1 * (1 - self.b + self.b * self.lengths[pk] / self.avg)
                scores[pk] += idf * tf * (self.k1 + 1) / (tf + norm)
        return [pk for pk, _ in scores.most_common(TOP)]


def site_search(question):
    from cms.search.db_query import DatabaseQuery
    from cms.search.params import SearchParams

    return [hit.id for hit in DatabaseQuery(SearchParams(q=question)).run().hits]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def evaluate(questions, sources, search):
    """Return per-question (reciprocal rank, found, seconds)."""
    from cms.search.params import clean_query

    results = []
    for question, relevant in questions:
        started = time.perf_counter()
        ids = search(clean_query(question))[:TOP]
        elapsed = time.perf_counter() - started
        rank = next((i for i, pk in enumerate(ids, 1) if sources.get(pk) in relevant), None)
        results.append((1 / rank if rank else 0.0, bool(rank), elapsed))
    return results


def summarise(results):
    n = len(results) or 1
    times = [r[2] for r in results]
    return {
        "MRR@10": sum(r[0] for r in results) / n,
        "Recall@10": sum(r[1] for r in results) / n,
        "p50 ms": 1000 * percentile(times, 0.5),
        "p95 ms": 1000 * percentile(times, 0.95),
    }


def report(name, vendor, path, results):
    rows = [("all", results), ("half A", results[0::2]), ("half B", results[1::2])]
    for part, subset in rows:
        s = summarise(subset)
        print(
            f"{name:8} {vendor:10} {path:9} {part:7} {len(subset):5}  {s['MRR@10']:.3f}   {s['Recall@10']:.3f}"
            f"   {s['p50 ms']:7.1f} {s['p95 ms']:7.1f}",
            flush=True,
        )
    return summarise(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_DB}")
    parser.add_argument("--reuse-db", action="store_true", help="keep the pages of an earlier run")
    parser.add_argument("--sets", default="notices,govqa")
    parser.add_argument("--limit", type=int, help="only the first N questions of each set")
    parser.add_argument("--rebuild-words", action="store_true", help="rebuild the word index (after a change to it)")
    parser.add_argument("--rounds", type=int, default=1, help="time each path this many times (warm-up first)")
    args = parser.parse_args()
    if args.database_url.startswith("sqlite:///") and not args.reuse_db:
        Path(args.database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    setup(args.database_url)
    from django.db import connection

    vendor = connection.vendor
    questions = build(args.reuse_db, args.sets.split(","), args.rebuild_words)
    sources = page_sources()
    started = time.perf_counter()
    baseline = Baseline()
    print(f"baseline built in {time.perf_counter() - started:.1f}s over {len(baseline.docs)} pages", flush=True)
    print(f"{'set':8} {'database':10} {'path':9} {'part':7} {'n':>5}  MRR@10  Rec@10    p50 ms  p95 ms")
    verdicts = []
    for name in args.sets.split(","):
        subset = questions[name][: args.limit] if args.limit else questions[name]
        report(name, vendor, "baseline", evaluate(subset, sources, baseline.search))
        site_search(subset[0][0])  # warm-up: caches, the tokenizer
        figures = report(name, vendor, "database", evaluate(subset, sources, site_search))
        verdicts.append((name, figures))
    for name, figures in verdicts:
        ok = figures["MRR@10"] >= TARGETS["MRR@10"] and figures["p95 ms"] <= TARGETS["p95 ms"]
        print(
            f"{name}: database MRR@10 {figures['MRR@10']:.3f} (target >= {TARGETS['MRR@10']}), p95 "
            f"{figures['p95 ms']:.0f} ms (target <= {TARGETS['p95 ms']:.0f}): {'meets' if ok else 'BELOW'}"
        )


if __name__ == "__main__":
    main()
