"""The new-media bar on a page's edit view (cms/editorial's edit template): its 新媒体发布记录 and the exports."""

from django import template

from ..exports.live import exportable, has_poster
from ..exports.views import may_export

register = template.Library()

SHOWN = 5


@register.inclusion_tag("sharing/admin/edit_bar.html", takes_context=True)
def new_media_bar(context, page):
    """For the holders of the exports' permission, on a live page: its latest records and links to the exports."""
    if page is None or not page.pk or not page.live or not may_export(context["request"].user):
        return {}
    records = list(page.new_media_records.select_related("entered_by")[: SHOWN + 1])
    return {
        "page": page,
        "records": records[:SHOWN],
        "more": len(records) > SHOWN,
        "exportable": exportable(page),
        "has_poster": has_poster(page),
    }
