"""Admin hooks: hooks_report."""
