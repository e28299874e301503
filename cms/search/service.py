"""Answer a search: Elasticsearch when it can, the database when it cannot; staff picks on top; counted."""

import logging

from django.utils.html import escape
from elasticsearch import NotFoundError
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from core.visibility import visible_pages

from . import outbox
from .analytics import record_search
from .db_query import DatabaseQuery
from .engine import EngineUnavailable, is_available, is_configured
from .es_query import ElasticsearchQuery, suggest_titles
from .registry import document_class_for
from .results import Hit
from .text import kind_label

logger = logging.getLogger(__name__)


def search(params):
    """Return the SearchResults for `params`; never raises for any input or engine state."""
    promoted = promotions(params)
    exclude = [hit.id for hit in promoted if hit.id]
    results = None
    if is_available():
        try:
            results = ElasticsearchQuery(params, exclude_ids=exclude).run()
        except EngineUnavailable as error:
            logger.warning("search engine unavailable, answering from the database: %s", error)
        except NotFoundError:
            logger.warning("no search index yet (run manage.py search_reindex), answering from the database")
        except Exception:
            logger.exception("search engine query failed, answering from the database")
        else:
            outbox.catch_up()
    if results is None:
        results = DatabaseQuery(params, exclude_ids=exclude).run()
        results.degraded = is_configured()
    results.promoted = promoted
    results.count += len(promoted)
    if params.q and params.page == 1 and not params.filters:
        record_search(params.q, results.count)
    return results


def promotions(params):
    """Return the staff's picks for this query (Wagtail search promotions), on the first unfiltered page."""
    if not params.q or params.page != 1 or params.filters:
        return []
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(params.q))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    picks = list(picks)
    visible = set(visible_pages().filter(pk__in=[pick.page_id for pick in picks]).values_list("pk", flat=True))
    hits = []
    for pick in picks:
        if pick.page_id:
            if pick.page_id not in visible:
                continue
            page = pick.page.specific
            document = document_class_for(page)
            kind = document.kind_of(page) if document else "page"
            description = pick.description or page.search_description or getattr(page, "summary", "")
            hits.append(_promoted(page.pk, page.title, page.url, kind, description))
        elif pick.external_link_url:
            hits.append(
                _promoted(
                    0,
                    pick.external_link_text or pick.external_link_url,
                    pick.external_link_url,
                    "link",
                    pick.description,
                )
            )
    return hits


def _promoted(pk, title, url, kind, description):
    return Hit(
        id=pk,
        title=title,
        url=url,
        kind=kind,
        kind_label=kind_label(kind),
        snippet=escape(description[:160]),
        promoted=True,
    )


def autocomplete(prefix):
    """Return up to eight (title, url) pairs for a prefix typed in the search box."""
    if not prefix:
        return []
    if is_available():
        try:
            return suggest_titles(prefix)
        except Exception:
            logger.warning("title suggestions unavailable, answering from the database", exc_info=True)
    return DatabaseQuery.titles_starting(prefix)
