from django import template

from home.models import SiteSettings

from ..meta import share_meta

register = template.Library()


@register.inclusion_tag("sharing/meta.html", takes_context=True)
def share_meta_tags(context):
    """The share metadata of the page being shown (sharing/meta.py); nothing for a preview or a hidden page."""
    request = context.get("request")
    site_name = SiteSettings.for_request(request).site_name if request is not None else ""
    return {"meta": share_meta(request, context.get("page"), site_name)}
