"""How a policy document appears in search (see cms/search/documents.py for the mapping and the hooks).

Search never names PolicyPage: it asks this document for the validity facet (有效性), its ranking factors,
the exact-number hit, the articles a hit names and the text of the body.
"""

import datetime
from typing import NamedTuple

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from elasticsearch.dsl import Q

from cms.search.documents import ContentDocument, article, words

from .doc_numbers import looks_like_doc_number
from .models import PolicyPage, PolicyRelation
from .validity import RelationKind, Validity, derive_validity

# A changing document with no commencement date counts as in force from the start.
_ALWAYS = datetime.date(1900, 1, 1)


class Body(NamedTuple):
    """What search reads of a policy body, from one walk over its blocks."""

    text: str  # the whole body as plain text, article labels included (as PolicyPage.body_text())
    articles: list  # (label, anchor, text) of each article
    other: str  # the text of everything but the articles (chapter headings, other blocks)


def body_of(page):
    """Walk the body of `page` once; kept on the page while its body is the same value."""
    kept = page.__dict__.get("_search_body")
    if kept is not None and kept[0] is page.body:
        return kept[1]
    parts, articles, other = [], [], []
    for block in page.body:
        if block.block_type == "article":
            label, text = block.value.label(), block.value["text"]
            articles.append((label, block.value.anchor(), text))
            parts.append(f"{label} {text}")
            continue
        if block.block_type == "chapter":
            text = block.value["heading"]
        else:
            text = " ".join(str(t) for t in block.block.get_searchable_content(block.value))
        parts.append(text)
        other.append(text)
    body = Body(text="\n".join(p for p in parts if p), articles=articles, other=" ".join(other))
    page.__dict__["_search_body"] = (page.body, body)
    return body


class PolicyDocument(ContentDocument):
    model = PolicyPage
    kinds = {"policy": _("政策文件")}
    statuses = dict(Validity.choices)
    # Documents no longer (or not yet) in force weigh less.
    status_weights = {Validity.REPEALED: 0.3, Validity.EXPIRED: 0.3, Validity.NOT_YET_EFFECTIVE: 0.8}
    status_fields = ("date_effective", "date_expires", "expiry_declared", "repealed_on", "amended_on")

    @classmethod
    def indexable(cls):
        return PolicyPage.objects.published().select_related("issuing_agency", "topic").prefetch_related("tags")

    @classmethod
    def prepare(cls, pages):
        prefetch_related_objects(pages, "topic", "issuing_agency")
        codes = dict(
            PolicyPage.objects.filter(pk__in=[p.pk for p in pages]).with_validity().values_list("pk", "validity_code")
        )
        for page in pages:
            page.validity_code = codes[page.pk]  # read by PolicyPage.validity instead of a query per page
        return pages

    @classmethod
    def facet_fields(cls, page):
        return {
            "kind": "policy",
            "topics": [page.topic.name] if page.topic else [],
            "agencies": [page.issuing_agency.name] if page.issuing_agency else [],
        }

    @classmethod
    def fields_for(cls, page):
        tags = " ".join(tag.name for tag in page.tags.all())
        body = body_of(page)
        articles = [article(label, anchor, text) for label, anchor, text in body.articles]
        facets = cls.facet_fields(page)
        return {
            **facets,
            # The topic and agency it is filed under are words of it too: 大气 finds a document of 大气环境.
            "related": " ".join([*facets["topics"], *facets["agencies"]]),
            "doc_number": page.doc_number,
            "summary": " ".join(part for part in (page.summary, tags) if part),
            "body": body.text,
            # The body's words are the articles' words (segmented once, the slow part of indexing) and the rest.
            "body_words": " ".join([words(body.other), *(a.text_words for a in articles)]),
            "articles": articles,
            "date_effective": page.date_effective,
            "date_expires": page.date_expires,
            "expiry_declared": page.expiry_declared,
            **_changed_on(page),
        }

    @classmethod
    def related_page_ids(cls, page):
        """Return the documents this one changes (their validity) and its interpretations (their facets)."""
        targets = PolicyRelation.objects.filter(source=page).values_list("target_id", flat=True)
        interpretations = page.interpretation_links.values_list("page_id", flat=True)
        return [*targets, *interpretations]

    # --- the hooks search asks -------------------------------------------------------------------

    @classmethod
    def number_in(cls, text):
        return looks_like_doc_number(text)

    @classmethod
    def numbered(cls, number):
        return list(PolicyPage.objects.published().filter(doc_number=number))

    @classmethod
    def status_of(cls, page):
        return page.validity.value

    @classmethod
    def status_query(cls, code, today):
        """Return the query for documents of validity `code` on `today` (policies.validity in Elasticsearch terms)."""
        repealed = Q("range", repealed_on={"lte": today})
        expired = Q("term", expiry_declared=True) | Q("range", date_expires={"lte": today})
        not_yet = Q("range", date_effective={"gt": today})
        amended = Q("range", amended_on={"lte": today})
        # derive_validity's order: each state holds only when the ones before it do not.
        order = [
            (Validity.REPEALED, repealed),
            (Validity.EXPIRED, expired),
            (Validity.NOT_YET_EFFECTIVE, not_yet),
            (Validity.AMENDED, amended),
        ]
        must_not = []
        for state, condition in order:
            if state == code:
                return Q("bool", filter=[Q("term", kind="policy"), condition], must_not=must_not)
            must_not.append(condition)
        return Q("bool", filter=[Q("term", kind="policy")], must_not=must_not)

    @classmethod
    def status_in_entry(cls, source, today):
        repealed_on, amended_on = _date(source.get("repealed_on")), _date(source.get("amended_on"))
        return derive_validity(
            today=today,
            effective=_date(source.get("date_effective")),
            expires=_date(source.get("date_expires")),
            declared_expired=bool(source.get("expiry_declared")),
            repealed=bool(repealed_on and repealed_on <= today),
            amended=bool(amended_on and amended_on <= today),
        ).value

    @classmethod
    def passages(cls, page):
        return body_of(page).articles

    @classmethod
    def fallback_text(cls, page):
        return body_of(page).text


def _date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


def _changed_on(page):
    """Return the earliest dates from which live documents repeal and amend `page`."""
    dates = {"repealed_on": None, "amended_on": None}
    for relation in page.changed_by.filter(source__live=True).select_related("source"):
        name = "amended_on" if relation.kind == RelationKind.AMENDS else "repealed_on"
        since = relation.source.date_effective or _ALWAYS
        dates[name] = min(dates[name] or since, since)
    return dates
