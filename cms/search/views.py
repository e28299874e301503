from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.http import urlencode

from .query import DatabaseSearchQuery, specific_pages


def search(request):
    """Show the results of a site search."""
    results = DatabaseSearchQuery(request.GET.get("q", "")).run()
    page_obj = Paginator(results.pages, 20).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": results.query,
            "page_obj": page_obj,
            "results": specific_pages(page_obj.object_list),
            "count": page_obj.paginator.count,
            "page_range": page_obj.paginator.get_elided_page_range(page_obj.number),
            "query_string": urlencode({"q": results.query}),
        },
    )
