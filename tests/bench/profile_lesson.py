"""Where the signed-in lesson page spends its time: queries and Python.

    .venv/bin/pytest -q -s tests/bench/profile_lesson.py

Builds the course test sector (tests/courses/conftest.py), signs Alice in,
warms the page, then prints every query of one request (test client and
CaptureQueriesContext), the CPU time per request, and the top of a cProfile
(by own time).
Not collected by the normal test run (the file name does not start with
`test_`); pass it to pytest explicitly. Set DATABASE_URL for PostgreSQL.
"""

import cProfile
import io
import os
import pstats
import re
import statistics
import time

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.courses.conftest import page_address, sector  # noqa: F401 (fixture)

REQUESTS = int(os.environ.get("PROFILE_REQUESTS", "200"))


@pytest.mark.django_db
def test_profile_signed_in_lesson(client, sector):  # noqa: F811
    client.force_login(sector.alice)
    lesson = sector.lessons[sector.sortland_own.slug][0]
    path, host = page_address(lesson)
    assert client.get(path, headers={"host": host}).status_code == 200

    with CaptureQueriesContext(connection) as queries:
        client.get(path, headers={"host": host})
    print(f"\n{len(queries.captured_queries)} queries:")
    for query in queries.captured_queries:
        print("  ", re.sub(r"SELECT .*? FROM", "SELECT … FROM", query["sql"])[:160])

    cpu, wall = [], []
    for _ in range(REQUESTS):
        started_cpu, started = time.process_time(), time.perf_counter()
        client.get(path, headers={"host": host})
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    p99 = statistics.quantiles(wall, n=100)[98]
    print(
        f"{REQUESTS} requests: CPU {statistics.mean(cpu):.1f} ms mean, "
        f"{statistics.median(cpu):.1f} ms median; wall p99 {p99:.1f} ms"
    )

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(REQUESTS):
        client.get(path, headers={"host": host})
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).sort_stats(os.environ.get("PROFILE_SORT", "tottime"))
    stats.print_stats(int(os.environ.get("PROFILE_LINES", "25")))
    print(out.getvalue())
