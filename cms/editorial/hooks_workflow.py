"""Admin hooks: hooks_workflow."""
