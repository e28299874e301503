"""Publishing at the end of a review: a policy goes out together with its approved interpretations (三同步)."""

from wagtail.workflows import publish_workflow_state


def finish_workflow(workflow_state, user=None):
    """Publish what a finished review approved."""
    publish_workflow_state(workflow_state, user=user)
