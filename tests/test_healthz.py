import json
import os
import subprocess
import sys

import pytest

from django.conf import settings
from django.test import override_settings

CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


def healthz_in_subprocess(**env):
    """GET /healthz in a fresh process whose settings come from `env` (None unsets)."""
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='localhost');"
        "print(r.status_code, r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            name: value
            for name, value in {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "learning.settings.test",
                # Not as a worker of this run's pytest-xdist: its REDIS_URL is `env`'s.
                "PYTEST_XDIST_WORKER": None,
                **env,
            }.items()
            if value is not None
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    return int(status), json.loads(body)


@pytest.mark.django_db
@override_settings(REDIS_URL="", CELERY_TASK_ALWAYS_EAGER=True)
def test_it_is_healthy_on_the_embedded_default(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "redis": "not configured",
        "celery": "eager",
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@override_settings(REDIS_URL=CLOSED_PORT_REDIS, CELERY_TASK_ALWAYS_EAGER=False)
def test_it_answers_503_naming_redis_when_redis_does_not_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert body["redis"] == "error"
    assert body["celery"] == "error: broker does not answer"


def test_it_answers_503_naming_the_database_when_it_does_not_answer():
    status, body = healthz_in_subprocess(
        DATABASE_URL="postgres://postgres@127.0.0.1:1/kompetanse", REDIS_URL=None
    )
    assert status == 503
    assert body["database"] == "error: OperationalError"
    assert body["status"] == "error"


@pytest.mark.worker
@pytest.mark.django_db
def test_it_counts_the_workers_that_answer(client, celery_worker):
    response = client.get("/healthz")
    assert response.status_code == 200
    if settings.REDIS_URL:
        assert response.json()["redis"] == "ok"
        assert response.json()["celery"].startswith("ok: ")
        assert int(response.json()["celery"].split()[1]) >= 1
    else:
        assert response.json()["celery"] == "eager"


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs a Redis (REDIS_URL) to talk to")
def test_it_answers_503_when_no_worker_answers():
    # Database 15 of the same Redis: a broker that no worker listens on.
    empty_broker = settings.REDIS_URL.rsplit("/", 1)[0] + "/15"
    status, body = healthz_in_subprocess(REDIS_URL=empty_broker, DATABASE_URL=None)
    assert status == 503
    assert body["redis"] == "ok"
    assert body["celery"] == "error: no worker answered"
