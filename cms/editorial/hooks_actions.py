"""Admin hooks: hooks_actions."""
