"""Where a statement's request spends its time: queries, cache calls, Python.

    DATABASE_URL=postgres://… REDIS_URL=redis://… \
        .venv/bin/pytest -q -s tests/bench/profile_ingest.py

Builds tracking's test world (tests/tracking/core_world.py), signs Alice in,
warms the endpoint, then for one statement per request and for a batch of
ten prints every query and the number of Redis commands of one request, the
CPU time per request (process time, so a loaded machine changes it little)
and the top of a cProfile. "queued" is the request that finds no fold
pending and so sends one to the broker; "pending" finds one already queued.
Not collected by the normal test run (the file name does not start with
`test_`); pass it to pytest explicitly.
"""

import cProfile
import io
import json
import os
import pstats
import re
import statistics
import time

import pytest
import redis

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.tracking import services
from learning.tracking.models import Enrollment
from tests.tracking.core_world import URL, build_world, read, statement

REQUESTS = int(os.environ.get("PROFILE_REQUESTS", "200"))
PRINT = int(os.environ.get("PROFILE_PRINT", "25"))


class RedisCommands:
    """Counts the commands sent to Redis (cache, sessions and broker)."""

    def __init__(self):
        self.count = 0

    def __enter__(self):
        self.original = redis.Redis.execute_command
        counter = self

        def execute_command(client, *args, **kwargs):
            counter.count += 1
            return counter.original(client, *args, **kwargs)

        redis.Redis.execute_command = execute_command
        return self

    def __exit__(self, *exc):
        redis.Redis.execute_command = self.original


def _payloads(world, size):
    lessons = world.lessons

    def one(n):
        if n % 2:
            return statement(world.alice, lessons[1], "film-1", "played", segments=f"0[.]{n % 6}")
        return read(world.alice, lessons[n % 2])

    if size == 1:
        while True:
            yield json.dumps(one(0))
    n = 0
    while True:
        n += 1
        yield json.dumps([one(n + k) for k in range(size)])


def _clear_flag(world):
    Enrollment.objects.unscoped().filter(user=world.alice).update(stale=False, stale_since=None)


def _measure(client, world, label, size, queued):
    payloads = _payloads(world, size)

    def post():
        if queued:
            _clear_flag(world)
        started_cpu, started = time.process_time(), time.perf_counter()
        response = client.post(URL, next(payloads), content_type="application/json")
        spent = (time.process_time() - started_cpu) * 1000, (time.perf_counter() - started) * 1000
        assert response.status_code == 202, response.content
        return spent

    for _ in range(5):
        post()
    with CaptureQueriesContext(connection) as queries, RedisCommands() as commands:
        post()
    print(f"\n== {label}: {len(queries.captured_queries)} queries, {commands.count} Redis commands")
    for query in queries.captured_queries:
        print("   ", re.sub(r"SELECT .*? FROM", "SELECT … FROM", query["sql"])[:150])

    cpu, wall = zip(*(post() for _ in range(REQUESTS)), strict=True)
    print(
        f"   {REQUESTS} requests: CPU {statistics.mean(cpu):.2f} ms mean, "
        f"{statistics.median(cpu):.2f} ms median; wall median {statistics.median(wall):.1f} ms"
    )
    if PRINT:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(REQUESTS):
            post()
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).sort_stats(
            os.environ.get("PROFILE_SORT", "tottime")
        )
        stats.print_stats(PRINT)
        print(out.getvalue())


@pytest.mark.django_db(transaction=True)
def test_profile_statements(client, wagtail_roots):
    cache.clear()
    world = build_world()
    client.force_login(world.alice)
    _measure(client, world, "one statement, a fold already pending", 1, queued=False)
    _measure(client, world, "one statement, a fold queued", 1, queued=True)
    _measure(client, world, "ten statements, a fold queued", 10, queued=True)
    _measure_fold(world)


def _ungrouped_events(enrollment, organisation_id):
    """The fold's read before it grouped repeats: every event, in order."""
    rows = services._event_rows(enrollment, organisation_id).order_by("timestamp", "stored_at")
    events = list(rows.values("activity_id", "verb", "result"))
    return events, len(events)


def _measure_fold(world):
    enrollment = Enrollment.objects.unscoped().get(user=world.alice)
    count = services._event_rows(enrollment, enrollment.organisation_id).count()
    for label, read_events in (("grouped", services._events), ("every event", _ungrouped_events)):
        original, services._events = services._events, read_events
        try:
            cpu = []
            for _ in range(20):
                Enrollment.objects.unscoped().filter(pk=enrollment.pk).update(stale=True)
                started = time.process_time()
                services.fold_enrollment(enrollment.pk, enrollment.organisation_id)
                cpu.append((time.process_time() - started) * 1000)
        finally:
            services._events = original
        median = statistics.median(cpu)
        print(f"\n== fold of {count} events, reading {label}: CPU {median:.1f} ms median")
