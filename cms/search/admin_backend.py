"""Wagtail's own search backend (settings.WAGTAILSEARCH_BACKENDS), with Chinese words in every admin search.

The admin searches with `autocomplete`: the page search and the dashboard's search box, every page chooser (also
one limited to a page type), the snippet, document and image listings and their choosers. Wagtail's database
backend keeps a run of Chinese characters as one token (SQLite FTS5 and PostgreSQL's parser alike) and completes
the start of a token, so 紧急, 重污染天气 or 办法 never found 关于启动重污染天气紧急应对的通知: only its first
characters or the whole title did. Here the autocomplete text of every indexed model (a title, a name, and what a
model adds, such as a document's 发文字号 and 索引号) is indexed as jieba words (core.segmentation.index_words: each
word, the dictionary words inside it and its characters), and a query is cut the same way, every word required
and the last one completed (the editor may still be typing). A document number typed in any accepted form
(浙环发[2020]12号, 浙环发2020年第12号) is first read as its canonical form by the search documents (number_in),
which is the form indexed.

This is the backend whatever ELASTICSEARCH_URL says: the admin never asks Elasticsearch, which holds only what
citizens may see. The pages' bodies are not in this index: the citizens' database search (db_query) and the API's
`?search=` (cms.api) rank with their own word index (cms.search.terms), and indexing every body here as well cost an
import about a fifth of its time.

A database indexed before this backend keeps its old autocomplete text until each object is indexed again:
run `manage.py update_index` once.
"""

from functools import cache

from django.db import connection
from django.db.models import Manager
from django.utils.encoding import force_str
from modelsearch.backends import database
from modelsearch.index import AutocompleteField, RelatedFields
from modelsearch.query import MATCH_ALL, And, Not, Or, Phrase, PlainText

from core.segmentation import index_words, query_words

from .registry import number_in


def autocomplete_words(obj):
    """Return the autocomplete text of `obj` (its AutocompleteFields, related objects' included) as jieba words."""
    return " ".join(index_words(" ".join(_autocomplete_values(obj, obj.get_search_fields()))))


def _autocomplete_values(obj, fields):
    for field in fields:
        if isinstance(field, AutocompleteField):
            value = field.get_value(obj)
            values = value if isinstance(value, (list, tuple)) else [value]
            yield from (force_str(item) for item in values if item is not None)
        elif isinstance(field, RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = related.all()
            elif callable(related):
                related = [related()]
            else:
                related = [related]
            for item in related:
                yield from _autocomplete_values(item, field.fields)


def admin_query(query):
    """Return the autocomplete query `query` (a string or Wagtail's parsed query) cut into jieba words."""
    if isinstance(query, str):
        return _words_query(query)
    if isinstance(query, (PlainText, Phrase)):
        return _words_query(query.query_string)
    if isinstance(query, (And, Or)):
        return type(query)([admin_query(subquery) for subquery in query.subqueries])
    if isinstance(query, Not):
        return Not(admin_query(query.subquery))
    return query  # MatchAll: the listing without a query


def _words_query(text):
    number = number_in(text.strip())
    text = number or " ".join(number_in(word) or word for word in text.split())
    words = query_words(text)
    if not words:
        # Only punctuation or spaces: nothing can match, rather than every page.
        return Not(MATCH_ALL)
    return PlainText(" ".join(words), operator="and")


class ChineseAutocompleteMixin:
    """Cut autocomplete queries into words; SegmentedIndexMixin (below) cuts the indexed autocomplete text."""

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        # A listing's own field list (SnippetViewSet.search_fields) would search the raw columns, where a Chinese
        # title is one token (and SQLite refuses a column its full-text table lacks): the segmented autocomplete
        # text holds what each model declares for completion.
        return super().autocomplete(
            admin_query(query), model_or_queryset, fields=None, operator="and", order_by_relevance=order_by_relevance
        )


class _AutocompleteWords(AutocompleteField):
    """Stands for an object's autocomplete fields while it is indexed: their text as jieba words."""

    def __init__(self, words):
        super().__init__("autocomplete_words")
        self.words = words

    def get_value(self, obj):
        return self.words


def _without_autocomplete(fields):
    kept = []
    for field in fields:
        if isinstance(field, AutocompleteField):
            continue
        if isinstance(field, RelatedFields):
            field = RelatedFields(field.field_name, _without_autocomplete(field.fields))
        kept.append(field)
    return kept


class SegmentedIndexMixin:
    """Index each object's autocomplete text as jieba words, in the same single write as the rest of its entry.

    Wagtail's indexers read an object's fields through `obj.get_search_fields()`: for the length of this call each
    object answers with its fields, the autocomplete ones replaced by one holding their words. A second write
    would cost more than it seems: on SQLite it makes the full-text table tokenise the (long) body twice more.
    """

    def add_items(self, model, objs):
        objs = list(objs)
        try:
            for obj in objs:
                fields = [*_without_autocomplete(obj.get_search_fields()), _AutocompleteWords(autocomplete_words(obj))]
                obj.get_search_fields = lambda fields=fields: fields
            super().add_items(model, objs)
        finally:
            for obj in objs:
                obj.__dict__.pop("get_search_fields", None)


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    """Return Wagtail's database backend for the database in use, with Chinese autocompletion."""
    backend = database.SearchBackend(params)
    chinese = _chinese_backend_class(type(backend))
    return chinese(params) if chinese else backend


@cache
def _chinese_backend_class(base):
    """Return the Chinese subclass of Wagtail's backend class `base`, or None (the fallback without full-text
    search matches substrings, icontains, which needs no words).

    The vendor modules are imported only for their database, as Wagtail does: SQLite's needs its full-text table.
    """
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchBackend

        if not issubclass(base, SQLiteSearchBackend):
            return None
        index_class = type("ChineseSQLiteIndex", (SegmentedIndexMixin, SQLiteIndex), {})
        return type("ChineseSQLiteSearchBackend", (ChineseAutocompleteMixin, base), {"index_class": index_class})
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresIndex

        index_class = type("ChinesePostgresIndex", (SegmentedIndexMixin, PostgresIndex), {})
        return type("ChinesePostgresSearchBackend", (ChineseAutocompleteMixin, base), {"index_class": index_class})
    return None
