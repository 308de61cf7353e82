"""The Celery app. Broker and results in Redis (REDIS_URL); eager without it."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.dev")

app = Celery("learning")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="learning.ping")
def ping():
    """Answer 'pong': a round trip through the broker and a worker (tests, ops)."""
    return "pong"
