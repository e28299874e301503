"""Admin hooks: hooks_ownership."""
