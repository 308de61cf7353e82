"""The test suite. Real PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set (CI)."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "media" / "test"  # noqa: F405
# Set by .ci/run: a service named here that does not answer fails the suite.
REQUIRE_SERVICES = env.list("REQUIRE_SERVICES", default=[])  # noqa: F405
