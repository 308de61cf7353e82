"""The test suite. Real PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set (CI)."""

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "media" / "test"  # noqa: F405
# Set by .ci/run: a service named here that does not answer fails the suite.
REQUIRE_SERVICES = env.list("REQUIRE_SERVICES", default=[])  # noqa: F405

# Under pytest-xdist (`make test` runs two processes) each process gets a Redis
# database of its own: a test that clears the cache must not flush the other
# process's broker messages, sessions or kept pages.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):  # noqa: F405
    _url = urlsplit(REDIS_URL)  # noqa: F405
    _db = int(_url.path.strip("/") or 0) + int(_XDIST_WORKER[2:])
    REDIS_URL = urlunsplit(_url._replace(path=f"/{_db % 16}"))
    CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
    CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
MEDIA_ROOT = MEDIA_ROOT / (_XDIST_WORKER or "main")

# The worker thread (tests/conftest.py) must close its connection after each
# task, or the test database cannot be dropped at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# With a broker, tasks always go through it to the real worker; eager only without.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL  # noqa: F405
# A queue of this run's own, so parallel runs on one Redis never take each
# other's tasks (their workers would look in another test database).
CELERY_TASK_DEFAULT_QUEUE = f"test-{uuid.uuid4().hex[:12]}"
# The test worker consumes only that queue: route tracking's tasks there too.
TRACKING_QUEUE = CELERY_TASK_DEFAULT_QUEUE
CELERY_TASK_ROUTES = {"tracking.*": {"queue": TRACKING_QUEUE}}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Serve static files from the apps' directories; no collectstatic before tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# A refresh shows on the national dashboard at the next request; the minute's
# grace of production is tested where it is set (tests/reports).
REPORTS_NATIONAL_MAX_AGE_SECONDS = 0
