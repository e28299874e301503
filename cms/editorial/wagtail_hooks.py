"""Admin hooks of editorial review, one module per concern."""

from . import hooks_actions, hooks_ownership, hooks_report, hooks_workflow  # noqa: F401
