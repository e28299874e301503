from django.template.response import TemplateResponse

from home.pagination import paginate

from .query import DatabaseSearchQuery, specific_pages


def search(request):
    """Show the results of a site search."""
    results = DatabaseSearchQuery(request.GET.get("q", "")).run()
    pagination = paginate(request, results.pages)
    page_obj = pagination["page_obj"]
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": results.query,
            **pagination,
            "results": specific_pages(page_obj.object_list),
            "count": page_obj.paginator.count,
        },
    )
