"""The search index's mapping, shared by the documents of every content app (see <app>/documents.py).

Chinese analysis with what every Elasticsearch has, the official minimal distribution included:
- `zh_bigram`: the standard tokenizer cuts Chinese into single characters and the shingle filter joins
  neighbours into overlapping pairs (大气污染 → 大气 气污 污染), so any two-character run matches.
- `*_words` fields hold the text segmented in Python by jieba with the domain dictionary
  (core.segmentation), analysed on whitespace, so whole words (排污许可, 河长制) score as words.
  The words include every character, so a one-character query (水) is found there, and Latin words
  (PM2.5, VOCs) too, which pairs would glue to their Chinese neighbours.
"""

from elasticsearch.dsl import (
    Boolean,
    Completion,
    Date,
    DenseVector,
    Document,
    Float,
    InnerDoc,
    Integer,
    Keyword,
    MetaField,
    Nested,
    Text,
    analyzer,
    token_filter,
)

from core.segmentation import index_words, query_words

zh_bigram = analyzer(
    "zh_bigram",
    tokenizer="standard",
    filter=[
        "lowercase",
        token_filter(
            "zh_bigram_shingle",
            "shingle",
            min_shingle_size=2,
            max_shingle_size=2,
            output_unigrams=False,
            output_unigrams_if_no_shingles=True,
            token_separator="",
        ),
    ],
)


# BM25 for the word fields, tuned on the known-item benchmark (bench/search_relevance.py): a low k1
# because a word repeated in a long answer says little more, a high b because long texts match by chance.
WORDS_SIMILARITY = {"zh_words_bm25": {"type": "BM25", "k1": 0.6, "b": 0.9}}


def bigram_text(**kwargs):
    """Return a text field analysed into character pairs; offsets make highlighting long texts cheap."""
    return Text(analyzer=zh_bigram, index_options="offsets", **kwargs)


def words_text():
    """Return a text field for jieba-segmented words (segmented and lowercased in Python)."""
    return Text(analyzer="whitespace", similarity="zh_words_bm25")


def words(text):
    """Return text as the space-separated words a `*_words` field indexes."""
    return " ".join(index_words(text))


class Article(InnerDoc):
    """One article (第十二条) of a document, or one question of a Q&A, found and linked on its own."""

    label = Keyword()  # 第十二条, or the question
    anchor = Keyword(index=False)  # the fragment of its URL: article-12, qa-31
    text = bigram_text()
    text_words = words_text()


class ContentDocument(Document):
    """A published page as the index holds it; each content app fills it from its pages."""

    page_id = Integer()
    kind = Keyword()  # policy, each interpretation kind, news
    url = Keyword(index=False)
    title = bigram_text()
    title_words = words_text()
    # Normalised (policies.doc_numbers), so any written form of the number finds it; `.text` for parts of it.
    doc_number = Keyword(fields={"text": Text(analyzer=zh_bigram)})
    summary = bigram_text()
    summary_words = words_text()
    body = bigram_text()
    body_words = words_text()
    # Titles of the documents an interpretation interprets, or that a news item links to; a document's topic and
    # issuing agency.
    related = bigram_text()
    articles = Nested(Article)
    published = Date()
    year = Integer()
    topics = Keyword(multi=True)
    agencies = Keyword(multi=True)
    # Validity depends on today's date, so the facts are indexed and the query compares them with today.
    date_effective = Date()
    date_expires = Date()
    expiry_declared = Boolean()
    repealed_on = Date()
    amended_on = Date()
    # Titles for autocomplete: the whole title and the title from each word on.
    suggest = Completion(analyzer="keyword", preserve_separators=False)
    # The live revision indexed, so search_check can tell a stale entry.
    revision = Integer()
    # The meaning of the page's passage (cms.search.semantic): not analysed but compared by cosine with a
    # question's vector, to re-rank the best lexical matches of a question (es_query.ElasticsearchQuery).
    embedding = DenseVector(dims=384, index=True, similarity="cosine")
    # The share of the body that passage covers (semantic.passage_share): the meaning weighs that much.
    passage_share = Float(index=False)
    # A page indexed ahead of the moment citizens may find it (a consultation approved before it opens): every query
    # compares this with the time, so it is found from then on without being indexed again. Absent: found at once.
    visible_from = Date()

    class Meta:
        # The vector is for matching only: kept out of the stored source, which a hit could return.
        source = MetaField(excludes=["embedding"])

    # Set by each content app's subclass.
    model = None
    kinds = {}
    # The status facet (a policy's validity): code: label, in display order; none for a type without one.
    statuses = {}
    # Ranking factors of the statuses that make a page less useful (a repealed document), {code: factor}.
    status_weights = {}
    # The indexed fields `status_in_entry` reads from a hit's source.
    status_fields = ()

    @classmethod
    def indexable(cls):
        """Return the pages of this type that search may show, now or from the moment `found_from` gives."""
        raise NotImplementedError

    @classmethod
    def published_on(cls, page):
        """Return the date a page is listed, sorted and counted under (the year facet): its publication date."""
        return page.date_published  # core.publication: every searchable page has its publication date

    @classmethod
    def url_of(cls, page):
        """Return the address a hit links to: the page's own, unless it is read on another page."""
        return page.url

    @classmethod
    def found_from(cls, page):
        """Return the moment from which citizens may find an indexable page, or None for at once.

        A type whose pages are published ahead of the time they are shown (a consultation opens at its opening time)
        indexes them ahead and says when: the queries keep them out until then (`visible_from`), and the database
        search finds them through the one rule of what a citizen may see (core.visibility).
        """
        return None

    # --- hooks the queries ask (cms/search/es_query.py, db_query.py), so that they never name a type ----

    @classmethod
    def newest(cls, limit):
        """Return (publication date, page id) of the `limit` pages of this type published last, newest first."""
        return list(cls.model.objects.published().newest_first().values_list("date_published", "pk")[:limit])

    @classmethod
    def number_in(cls, text):
        """Return the normalised document number `text` is (the exact-number hit), or None."""
        return None

    @classmethod
    def numbered(cls, number):
        """Return the published pages of this type whose document number is `number` (normalised)."""
        return []

    @classmethod
    def status_of(cls, page):
        """Return the status code of a (prepared) page on today's date, or "" for a type without statuses."""
        return ""

    @classmethod
    def status_query(cls, code, today):
        """Return the Elasticsearch filter for this type's entries of status `code` on `today`."""
        raise NotImplementedError

    @classmethod
    def status_in_entry(cls, source, today):
        """Return the status code of an indexed entry (a hit's source) on `today`, or ""."""
        return ""

    @classmethod
    def passages(cls, page):
        """Return (label, anchor, text) of the parts a hit may name (articles, questions), for the database."""
        return []

    @classmethod
    def best_passage(cls, page, words):
        """Return (label, anchor, text) of the passage holding most query words, or ("", "", "")."""
        scored = [(sum(word in item[2].lower() for word in words), item) for item in cls.passages(page)]
        best = max(scored, key=lambda pair: pair[0], default=(0, None))
        return best[1] if best[0] else ("", "", "")

    @classmethod
    def database_text(cls, page):
        """Return the page's text as space-separated index words (core.segmentation) for the database search.

        By default the page model's segmented text (`search_text`). Wagtail's own index no longer holds it: only the
        admin reads that index, by the autocomplete fields (cms.search.admin_backend).
        """
        return page.search_text()

    @classmethod
    def fallback_text(cls, page):
        """Return the text a database hit shows when the page has no summary or description."""
        return ""

    @classmethod
    def kind_of(cls, page):
        """Return the kind code of a page of this type."""
        return next(iter(cls.kinds))

    @classmethod
    def facet_fields(cls, page):
        """Return the kind, topics and agencies a page is found under (the database fallback counts them too)."""
        return {"kind": cls.kind_of(page), "topics": [], "agencies": []}

    @classmethod
    def pages(cls, queryset):
        """Return the pages of `queryset` as the objects `fields_for` expects."""
        return queryset

    @classmethod
    def prepare(cls, pages):
        """Fetch in bulk what `facet_fields` reads of these (specific) pages; return them."""
        return pages

    @classmethod
    def fields_for(cls, page):
        """Return the fields of `page` that are particular to its type."""
        raise NotImplementedError

    @classmethod
    def related_page_ids(cls, page):
        """Return the ids of other pages whose entries show something of `page`."""
        return []

    @classmethod
    def from_page(cls, page):
        """Build the index entry of a published page."""
        fields = cls.fields_for(page)
        title = page.title
        text_fields = {name: fields.pop(name, "") for name in ("summary", "body")}
        body_words = fields.pop("body_words", None)
        published = cls.published_on(page)
        doc = cls(
            meta={"id": page.pk},
            page_id=page.pk,
            url=cls.url_of(page),
            title=title,
            title_words=words(title),
            summary=text_fields["summary"],
            summary_words=words(text_fields["summary"]),
            body=text_fields["body"],
            body_words=words(text_fields["body"]) if body_words is None else body_words,
            published=published,
            year=published.year if published else None,
            suggest={"input": title_suggestions(title)},
            revision=page.live_revision_id,
            visible_from=cls.found_from(page),
            **fields,
        )
        return doc


def title_suggestions(title):
    """Return the completion inputs of a title: itself and its tail from each word on."""
    title = title.lower()
    inputs = [title]
    position = 0
    for word in query_words(title):
        at = title.find(word, position)
        if at < 0:
            continue
        if at > 0 and len(word) > 1:
            inputs.append(title[at:])
        position = at + len(word)
    return inputs[:12]


def article(label, anchor, text):
    return Article(label=label, anchor=anchor, text=text, text_words=words(f"{label} {text}"))
