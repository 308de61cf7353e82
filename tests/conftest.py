"""Suite-wide fixtures: required services and the Celery worker.

App-specific fixtures belong in that app's tests/<app>/conftest.py.
"""

import time
import warnings

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from wagtail.models import Collection, Locale, Page


def _service_problem(service):
    """Say why a service named in REQUIRE_SERVICES cannot be used, or None if it can."""
    if service == "postgres":
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            return f"DATABASE_URL must point at PostgreSQL, but the engine is {engine}"
        try:
            # The maintenance database, as when Django creates the test database.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # "falling back to …"
                with connection._nodb_cursor() as cursor:
                    cursor.execute("SELECT 1")
        except Exception as exc:
            return f"PostgreSQL does not answer: {exc}"
        return None
    if service in ("redis", "celery"):
        if not settings.REDIS_URL:
            return "REDIS_URL is not set"
        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
        except redis.RedisError as exc:
            return f"Redis at {settings.REDIS_URL} does not answer: {exc}"
        if service == "celery" and settings.CELERY_TASK_ALWAYS_EAGER:
            return "CELERY_TASK_ALWAYS_EAGER is on, so no task would reach a worker"
        return None
    return "unknown service (known: postgres, redis, celery)"


@pytest.fixture(scope="session", autouse=True)
def _require_services(django_db_blocker):
    """Fail the whole run (never skip) when a service CI promised is missing."""
    problems = []
    with django_db_blocker.unblock():
        for service in settings.REQUIRE_SERVICES:
            problem = _service_problem(service)
            if problem:
                problems.append(f"{service}: {problem}")
    if problems:
        pytest.exit(
            "REQUIRE_SERVICES names services this run cannot use:\n  " + "\n  ".join(problems),
            returncode=1,
        )


@pytest.fixture(scope="session")
def celery_worker(django_db_setup):
    """A real Celery worker on the real broker when REDIS_URL is set, else None.

    With REDIS_URL the worker runs in a thread of this process, consuming from
    Redis; tasks go through the broker and their results come back through it.
    Without it, Celery is eager (CELERY_TASK_ALWAYS_EAGER) and `.delay()` runs
    the task in place, so the same test still exercises the task's code.

    The worker thread has its own database connection: it sees the test
    database (Django renamed it in settings before the worker started) but
    not a test's uncommitted transaction. Tests that hand rows to a task must
    therefore use `@pytest.mark.django_db(transaction=True)`.
    """
    if not settings.REDIS_URL:
        yield None
        return
    from learning.celery import app

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as worker:
        yield worker


@pytest.fixture(autouse=True)
def _worker_for_marked_tests(request):
    """`@pytest.mark.worker` is enough to get the worker (or eager Celery).

    After such a test the worker is let finish what the test sent it before
    the test database is emptied: a fold still running then holds row locks
    that deadlock with the TRUNCATE, the flush fails, and the next test finds
    the previous test's rows (and their files, deleted with its tmp_path)."""
    if not request.node.get_closest_marker("worker"):
        yield
        return
    worker = request.getfixturevalue("celery_worker")
    yield
    if worker is not None:
        wait_until_idle(worker.app)


def wait_until_idle(app, quiet_seconds=0.5, timeout_seconds=30):
    """Until the test queue is empty and the worker thread runs nothing, for
    `quiet_seconds` in a row (a page closing may still send a statement)."""
    from celery.worker import state

    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    deadline = time.monotonic() + timeout_seconds
    quiet_since = None
    with app.connection_for_read() as connection:
        channel = connection.default_channel
        while time.monotonic() < deadline:
            waiting = channel.queue_declare(queue=queue).message_count
            busy = waiting or state.active_requests or state.reserved_requests
            if busy:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_seconds:
                return
            time.sleep(0.05)
    raise AssertionError(f"the Celery worker was still busy {timeout_seconds} s after the test")


@pytest.fixture(autouse=True)
def _second_factor_on_force_login(request, monkeypatch):
    """`client.force_login(user)` stands for a whole sign-in, second factor
    included, as staff must have for the admin and the reports
    (learning/accounts/mfa.py). Tests of that gate opt out with
    `@pytest.mark.without_second_factor`; real sign-ins (test client or
    Chromium) go through allauth's steps and need no help."""
    if request.node.get_closest_marker("without_second_factor"):
        return
    from django.test.client import ClientMixin

    from tests.factories.accounts import mark_signed_in_with_second_factor

    force_login = ClientMixin.force_login

    def force_login_with_second_factor(self, user, backend=None):
        force_login(self, user, backend)
        mark_signed_in_with_second_factor(self)

    monkeypatch.setattr(ClientMixin, "force_login", force_login_with_second_factor)


@pytest.fixture
def wagtail_roots(db):
    """Recreate the rows Wagtail's migrations make (tree roots, default locale).

    Transactional tests (live server, real worker) empty every table when they
    end, and serialized rollback does not bring these back on PostgreSQL in a
    full-suite run; a transactional test that needs the page tree asks for this.
    """
    locale = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    if Page.get_first_root_node() is None:
        Page.add_root(
            title="Root",
            slug="root",
            content_type=ContentType.objects.get_for_model(Page),
            locale=locale,
        )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture(autouse=True)
def _forget_kept_routes():
    """Workers keep sites and routes per content version (courses.routing).
    A test database is emptied without the signals that bump that version,
    so start every test on a new one, as a deploy would. The same for the
    employers kept per person (tenants.employers) and the reports kept per
    rollup version (learning.reports.caching)."""
    from courses import page_cache
    from learning.reports import caching
    from tenants import employers

    page_cache.new_version()
    employers.new_version()
    caching.forget_all()


@pytest.fixture(autouse=True)
def _eager_for_marked_tests(request):
    """`@pytest.mark.eager`: tasks run in place even with a broker, for tests
    whose rows live in the test's own transaction, which no worker can see.
    The same tasks go through the real worker in the `worker` tests."""
    if not request.node.get_closest_marker("eager"):
        yield
        return
    from learning.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture(scope="session")
def oidc_provider():
    """The issuer URL of a real OpenID Connect provider on loopback for this
    run (tests/oidc_provider/server.mjs): Kongsberg's, accepting any
    password; clients `kongsberg`, `kongsberg-feil-mottaker` (ID tokens for
    another audience) and `kongsberg-utlopt` (expired ID tokens)."""
    from .oidc_provider import start

    process, issuer = start()
    yield issuer
    process.terminate()
    process.wait(timeout=10)
    process.stderr.close()
