import os
import subprocess
import sys

from django.conf import settings


def pytest_with(**env):
    """Start a fresh pytest on one quick test, with `env` (None unsets)."""
    # Not as a worker of this run's pytest-xdist: the child is a run of its own.
    merged = {**os.environ, "PYTEST_XDIST_WORKER": None, **env}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "tests/test_settings.py", "-k", "plain_booleans"],
        env={name: value for name, value in merged.items() if value is not None},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_fails_the_run_when_a_required_service_is_missing():
    result = pytest_with(
        REQUIRE_SERVICES="postgres,redis", DATABASE_URL=None, REDIS_URL="redis://127.0.0.1:1/0"
    )
    assert result.returncode == 1
    assert "REQUIRE_SERVICES names services this run cannot use" in result.stdout
    assert "postgres: DATABASE_URL must point at PostgreSQL" in result.stdout
    assert "redis: Redis at redis://127.0.0.1:1/0 does not answer" in result.stdout
    assert "passed" not in result.stdout and "skipped" not in result.stdout


def test_it_refuses_to_require_celery_when_tasks_would_run_eagerly():
    result = pytest_with(REQUIRE_SERVICES="celery", REDIS_URL=None)
    assert result.returncode == 1
    assert "celery: REDIS_URL is not set" in result.stdout
