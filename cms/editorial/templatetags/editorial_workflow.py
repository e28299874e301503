"""What the review workflow adds to Wagtail's admin screens (templates under templates/wagtailadmin/)."""

from django import template

from ..workflow import steps
from ..workflow.sent_back import sent_back

register = template.Library()


@register.inclusion_tag("editorial/workflow/sent_back_notice.html")
def sent_back_notice(page):
    """The notice at the top of the edit view of a page sent back for changes (nothing otherwise)."""
    return {"sent_back": sent_back(page) if page is not None and page.pk else None}


@register.simple_tag
def sent_back_of(obj):
    """How `obj` was sent back (SentBack), or None: the edit view's status side panel says so instead of 审核中."""
    return sent_back(obj) if obj is not None and obj.pk else None


@register.simple_tag
def review_steps(workflow_state):
    """The steps of a review, a step that does not apply to the page drawn as skipped."""
    return steps.review_steps(workflow_state) if workflow_state is not None else []
