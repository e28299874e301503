"""The database search's own word index: the jieba words of every page search may show, ranked by BM25 in SQL.

Why not Wagtail's database backend alone: it ranks with FTS5's bm25 on SQLite but with ts_rank on PostgreSQL,
which knows nothing of how rare a word is, so a question's common words (工作, 情况) outweigh the one word that
names the document; and on SQLite its ranking multiplies by the shortness of the (unsegmented) title. Measured
on the notices benchmark (bench/search_relevance.py --skip-es) it answered MRR@10 0.55 where plain BM25 over the
same jieba words answers 0.81. This table holds, for each page, each word and how often it occurs (title words count
TITLE_WEIGHT times), and `rank` computes BM25 over it in one SQL statement that SQLite and PostgreSQL run alike.
Wagtail's backend still serves the admin search.

The words are those of core.segmentation (each word, the dictionary words inside it and its characters), so
大气 finds 大气污染防治条例 and 水 finds 水污染; the topic and agency a page is filed under count as its words.
The index follows the site through the same signals as the Elasticsearch outbox (cms.search.signals), but in
the same transaction as the change: it lives in the same database, so it commits or rolls back with the page.
"""

import math
import re
from collections import Counter
from operator import itemgetter

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Avg, Count
from django.db.models.functions import Length
from wagtail.models import Page

from core.segmentation import index_words, query_words

from .models import SearchTerm, SearchTermPage
from .registry import document_class_for, document_classes
from .text import STOPWORDS

# BM25 parameters and the title's weight, chosen on half A of the notices questions and confirmed on half B
# and on govqa (bench/README.md): as on Elasticsearch's word fields, a low k1 (a word repeated in a long text
# says little more) and a high b (long texts match by chance).
K1 = 0.6
B = 0.9
TITLE_WEIGHT = 3
# Longer words are not words a citizen types; they would only bloat the table.
MAX_TERM_LENGTH = SearchTerm._meta.get_field("term").max_length
BATCH_SIZE = 200


def page_words(page):
    """Return Counter({word: weight}) of a (specific, prepared) page: its text, title again, topic and agency."""
    document = document_class_for(page)
    # Counted first and the few overlong words dropped after: a filter word by word cost a law 2 ms.
    counts = Counter(document.database_text(page).split())
    for word in [word for word in counts if len(word) > MAX_TERM_LENGTH]:
        del counts[word]
    for word in index_words(page.title):
        if len(word) <= MAX_TERM_LENGTH:
            counts[word] += TITLE_WEIGHT - 1
    fields = document.facet_fields(page)
    for word in index_words(" ".join([*fields["topics"], *fields["agencies"]])):
        if len(word) <= MAX_TERM_LENGTH:
            counts[word] += 1
    return counts


def update_pages(page_ids):
    """Index the pages of `page_ids` that search may show, and forget the others."""
    page_ids = set(page_ids)
    if not page_ids:
        return
    found = {}
    for cls in _document_classes_of(page_ids):
        pages = list(cls.indexable().filter(pk__in=page_ids).specific())
        for page in cls.prepare(pages):
            found[page.pk] = page_words(page)
    # Most saves change no word of the page (a publish after a save, a related page's save): rewriting its rows
    # every time made each save in the test suite cost tens of milliseconds, so only changed pages are written.
    stored = _stored(page_ids)
    changed = {pk: counts for pk, counts in found.items() if stored.get(pk) != counts}
    stale = (stored.keys() - found.keys()) | changed.keys()
    if not stale and not changed:
        return
    with transaction.atomic():
        forget(stale)
        _write(changed)


def _document_classes_of(page_ids):
    """Return the document classes of the pages among `page_ids`, found from their types in one query.

    Asking every document class for the pages cost a query (and a prefetch) per class on each save of a page.
    """
    models = {
        ContentType.objects.get_for_id(type_id).model_class()
        for type_id in Page.objects.filter(pk__in=page_ids).values_list("content_type_id", flat=True).distinct()
    }
    return [cls for cls in document_classes() if any(model and issubclass(model, cls.model) for model in models)]


def _stored(page_ids):
    """Return {page id: Counter({word: weight})} of the indexed pages among `page_ids`."""
    stored = {pk: Counter() for pk in SearchTermPage.objects.filter(page_id__in=page_ids).values_list("pk", flat=True)}
    for pk, term, frequency in SearchTerm.objects.filter(page_id__in=stored).values_list(
        "page_id", "term", "frequency"
    ):
        stored[pk][term] = frequency
    return stored


def forget(page_ids):
    """Remove these pages from the index."""
    SearchTerm.objects.filter(page_id__in=page_ids).delete()
    SearchTermPage.objects.filter(page_id__in=page_ids).delete()


def _write(found):
    SearchTermPage.objects.bulk_create(
        [SearchTermPage(page_id=pk, length=sum(counts.values())) for pk, counts in found.items()], batch_size=500
    )
    # A page has a thousand words or more: bulk_create's model instances cost more than the inserts themselves
    # (a third of an import's time), so the rows go to the cursor as tuples.
    sql = f"INSERT INTO {SearchTerm._meta.db_table} (page_id, term, frequency) VALUES (%s, %s, %s)"
    # In the order of the (term, page) index: each of its leaves is then visited once, where rows in each page's
    # order land all over it (on SQLite, a batch of 100 laws is 130,000 rows into an index of millions). The rows
    # are made in page order, so a stable sort on the term alone gives that order.
    rows = [(pk, term, n) for pk, counts in sorted(found.items()) for term, n in counts.items()]
    rows.sort(key=itemgetter(1))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def rebuild(progress=None):
    """Index every page search may show from scratch; return how many."""
    done = 0
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTermPage.objects.all().delete()
        for cls in document_classes():
            ids = list(cls.indexable().values_list("pk", flat=True))
            for start in range(0, len(ids), BATCH_SIZE):
                batch = ids[start : start + BATCH_SIZE]
                pages = cls.prepare(list(cls.indexable().filter(pk__in=batch).specific()))
                _write({page.pk: page_words(page) for page in pages})
                done += len(pages)
                if progress:
                    progress(len(pages))
    return done


def is_built():
    return SearchTermPage.objects.exists()


def build_if_missing(verbosity=1, **kwargs):
    """After `migrate`: index every page once when the pages exist but their words do not (a site upgraded to
    this index), so that the database search never answers nothing; an index already built is left alone."""
    if is_built() or not any(cls.indexable().exists() for cls in document_classes()):
        return
    count = rebuild()
    if verbosity:
        print(f"已为 {count} 个页面建立数据库检索词索引。")


def query_terms(text):
    """Return the distinct words of a query that are worth matching: jieba words without stopwords."""
    words = [w for w in query_words(text) if len(w) <= MAX_TERM_LENGTH]
    kept = [w for w in words if w not in STOPWORDS] or words
    return list(dict.fromkeys(kept))


def document_frequencies(terms):
    """Return {term: number of indexed pages holding it} for the terms found at all."""
    rows = SearchTerm.objects.filter(term__in=terms).values("term").annotate(n=Count("page_id"))
    return {row["term"]: row["n"] for row in rows}


def rank(terms, limit, only_all=False):
    """Return [(page id, BM25 score)] of the best `limit` pages holding any of `terms` (all, if `only_all`)."""
    frequencies = document_frequencies(terms)
    if not frequencies or (only_all and len(frequencies) < len(terms)):
        return []
    stats = SearchTermPage.objects.aggregate(n=Count("page_id"), average=Avg("length"))
    total, average = stats["n"], stats["average"] or 1.0
    weights = {t: math.log(1 + (total - df + 0.5) / (df + 0.5)) for t, df in frequencies.items()}
    term_table, page_table = SearchTerm._meta.db_table, SearchTermPage._meta.db_table
    cases = " ".join("WHEN %s THEN %s" for _ in weights)
    placeholders = ", ".join("%s" for _ in weights)
    having = f"HAVING COUNT(*) = {len(weights)}" if only_all else ""
    sql = (
        f"SELECT t.page_id, SUM((CASE t.term {cases} END) * t.frequency * %s"
        f" / (t.frequency + %s * (1 - %s + %s * d.length / %s))) AS score"
        f" FROM {term_table} t JOIN {page_table} d ON d.page_id = t.page_id"
        f" WHERE t.term IN ({placeholders}) GROUP BY t.page_id {having} ORDER BY score DESC, t.page_id LIMIT %s"
    )
    params = [value for pair in weights.items() for value in pair]
    params += [K1 + 1, K1, B, B, float(average), *weights, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(page_id, score) for page_id, score in cursor.fetchall()]


# 您是不是要找: a short query that is no word of the index is checked against the words it holds that differ by
# one character; the one most pages hold is offered (大汽污染 → 大气污染).
SUGGEST_LENGTHS = range(2, 9)
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def suggestion(query):
    """Return the indexed word one character away from a misspelt short query, or ""."""
    text = query.strip().lower()
    if len(text) not in SUGGEST_LENGTHS or not _CJK.match(text) or SearchTerm.objects.filter(term=text).exists():
        return ""
    # Words starting with its first character (a typo there is not caught): a range of the (term, page) index.
    rows = (
        SearchTerm.objects.filter(term__startswith=text[0])
        .annotate(length=Length("term"))
        .filter(length=len(text))
        .values("term")
        .annotate(n=Count("page_id"))
        .order_by("-n", "term")
    )
    for row in rows:
        if sum(a != b for a, b in zip(row["term"], text, strict=True)) == 1:
            return row["term"]
    return ""
