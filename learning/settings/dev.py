"""Local development: `make run`."""

from .base import *  # noqa: F403

DEBUG = env.bool("DEBUG", default=True)  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# `make run` serves every organisation's site on this port, so links between
# sites (a municipality's catalogue → KS's national course) keep working.
TENANT_SITE_PORT = env.int("TENANT_SITE_PORT", default=8000)  # noqa: F405
