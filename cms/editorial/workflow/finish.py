"""Publishing at the end of a review (settings.WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail imports this module while ``wagtail.models`` is still loading, so it imports nothing at the top;
the rules (三同步) are in ``release``.
"""


def finish_workflow(workflow_state, user=None):
    """Publish what a finished review approved: a policy with its approved interpretations (三同步)."""
    from .release import finish_workflow as finish

    return finish(workflow_state, user=user)
