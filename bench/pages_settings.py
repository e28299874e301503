"""Settings for bench/pages.py: the production settings, less the per-client limits one load generator would hit.

The benchmark sets the production environment variables itself (secret, hosts, database, PAGE_CACHE on or off).
"""

import os

from cms.settings.production import *  # noqa: F403

# One client sends every request: per-client limits would answer 429 and measure the limiter.
ZHENGCE_RATE_LIMITS = {}

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
