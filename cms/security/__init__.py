"""Cross-cutting protections of the public site and the admin: CSP, rate limits, sign-in throttling, uploads."""
