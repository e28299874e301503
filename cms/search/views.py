"""The search page, its JSON twin /api/search/, and title suggestions for the search box."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from . import service
from .params import SearchParams, clean_query

MAX_PREFIX_LENGTH = 30


def _json(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _not_kept_if_stopgap(response, results):
    # Answers from the database while the engine is down must not outlive the outage in any cache.
    if results.degraded:
        patch_cache_control(response, no_cache=True)
    return response


@require_GET
def search(request):
    """Show the results of a site search."""
    results = service.search(SearchParams.from_request(request.GET))
    response = TemplateResponse(request, "search/search.html", {"results": results, "params": results.params})
    return _not_kept_if_stopgap(response, results)


@require_GET
def search_api(request):
    """Return the results of a site search as JSON."""
    results = service.search(SearchParams.from_request(request.GET))
    return _not_kept_if_stopgap(_json(results.as_json()), results)


@require_GET
def suggest_api(request):
    """Return titles for what has been typed in the search box."""
    prefix = clean_query(request.GET.get("q", ""))[:MAX_PREFIX_LENGTH]
    return _json({"results": [{"title": title, "url": url} for title, url in service.autocomplete(prefix)]})
