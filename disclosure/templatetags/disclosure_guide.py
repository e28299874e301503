"""The rules the guide and the form's pages state, from the code that applies them (disclosure.guide)."""

from django import template

from .. import guide

register = template.Library()


@register.simple_tag
def statutory_limits():
    return guide.statutory_limits()


@register.simple_tag
def application_fields():
    return guide.application_fields()
