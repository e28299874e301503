"""What drafting adds to Wagtail's edit and create views (templates/wagtailadmin/pages/)."""

from django import template
from django.utils.html import format_html

from ..drafting import create_once
from ..drafting.interpretations import kind_choices

register = template.Library()


@register.inclusion_tag("editorial/drafting/add_interpretation.html", takes_context=True)
def add_interpretation_bar(context, page):
    """为本文件添加解读 on a document's edit view, one link per kind the editor may start (nothing otherwise)."""
    return {"choices": kind_choices(page, context["request"].user) if page is not None else []}


@register.simple_tag
def create_once_token():
    """The hidden field making a create form create one page, however often it is posted."""
    return format_html('<input type="hidden" name="{}" value="{}">', create_once.FIELD, create_once.new_token())
