import pytest

from django.conf import settings
from django.contrib.auth.models import Group

from learning.celery import app, ping


@app.task(name="tests.group_exists")
def group_exists(name):
    return Group.objects.filter(name=name).exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_it_round_trips_a_task(celery_worker):
    assert ping.delay().get(timeout=10) == "pong"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_it_lets_tasks_read_what_the_test_committed(celery_worker):
    Group.objects.create(name="Redaktører i Bergen")
    assert group_exists.delay("Redaktører i Bergen").get(timeout=10) is True
    assert group_exists.delay("Redaktører i Oslo").get(timeout=10) is False


def test_it_uses_the_real_worker_whenever_a_broker_is_configured(celery_worker):
    if settings.REDIS_URL:
        assert settings.CELERY_TASK_ALWAYS_EAGER is False
        assert celery_worker is not None
    else:
        assert settings.CELERY_TASK_ALWAYS_EAGER is True
        assert celery_worker is None
