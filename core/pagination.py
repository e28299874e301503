"""One way to paginate a public listing."""

from django.core.paginator import Paginator

PAGE_SIZE = 20


def paginate(request, items, per_page=PAGE_SIZE):
    """Return the template context for one page of `items`; the query string keeps every other parameter."""
    page_obj = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number),
        "query_string": query.urlencode(),
    }
