"""The production settings with the connection health check off, to show what it prevents (test_database_restart)."""

from cms.settings.production import *  # noqa: F403
from cms.settings.production import DATABASES

DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
