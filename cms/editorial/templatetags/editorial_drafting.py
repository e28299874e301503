"""What drafting adds to Wagtail's edit view (templates/wagtailadmin/pages/edit.html)."""

from django import template

from ..drafting.interpretations import kind_choices

register = template.Library()


@register.inclusion_tag("editorial/drafting/add_interpretation.html", takes_context=True)
def add_interpretation_bar(context, page):
    """为本文件添加解读 on a document's edit view, one link per kind the editor may start (nothing otherwise)."""
    return {"choices": kind_choices(page, context["request"].user) if page is not None else []}
