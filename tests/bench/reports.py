"""Reports at national scale: generator time, dashboards through HTTP, and the
naive query they replace.

    .venv/bin/python tests/bench/reports.py --learners 50000

Builds a fresh PostgreSQL database (BENCH_DATABASE_URL, default
postgresql://postgres@127.0.0.1:5432/h_reports), migrates it, loads the
organisations and demo content, runs `generate_national_data --learners N`
(timed), starts gunicorn (2 workers, production settings) and measures, with
signed-in sessions: the KS national dashboard (cold: first request for a
filter; warm: repeated; with and without filters) and the largest
municipality's dashboard (p50 of repeated requests). In the same run it times
a naive GROUP BY over the raw event log for the same national figures. Ends
with one `RESULT ...` line. Gunicorn is stopped and the database dropped
afterwards, also on failure. Not collected by pytest.

To iterate without generating the sector again:

    .venv/bin/python tests/bench/reports.py --learners 500000 --keep   # leaves the DB
    .venv/bin/python tests/bench/reports.py --learners 500000 --reuse  # measures it again

`--keep` leaves the database (and records the generator's time in its
comment); `--reuse` skips loading and generating when that database already
holds generated learners (it still runs `migrate`, a no-op when nothing is
new) and prints the generator time recorded when it was made. `--reuse`
implies `--keep`. Caches (Redis) are flushed before measuring, so "cold" is cold.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import (  # noqa: E402
    PYTHON,
    ROOT,
    bench_environment,
    create_database,
    drop_database,
    fetch,
    free_port,
    manage,
    start_gunicorn,
    step,
    wait_until_up,
)

DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/h_reports"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
NATIONAL_MARKER = b'id="municipalities"'  # the table of municipalities
MUNICIPAL_MARKER = b'id="status"'  # the status table per unit

# Staff reach the reports only after a second factor (learning/accounts/mfa.py):
# the session records one, as allauth does when a person types a code.
SESSION = (
    "import time; from importlib import import_module; from django.conf import settings; "
    "from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY; "
    "from django.contrib import auth; from django.contrib.auth.models import Group; "
    "U = auth.get_user_model(); "
    "u, _ = U.objects.get_or_create(email={email!r}, defaults={{'is_superuser': {su}}}); "
    "u.groups.add(Group.objects.get(name='KS-analytikere')); "
    "s = import_module(settings.SESSION_ENGINE).SessionStore(); "
    "s[auth.SESSION_KEY] = str(u.pk); "
    "s[auth.BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'; "
    "s[auth.HASH_SESSION_KEY] = u.get_session_auth_hash(); "
    "s['account_authentication_methods_user'] = str(u.pk); "
    "s[AUTHENTICATION_METHODS_SESSION_KEY] = "
    "[{{'method': 'mfa', 'type': 'totp', 'at': time.time()}}]; "
    "s.save(); print(s.session_key)"
)

NAIVE = """
SELECT e.organisation_id,
       COUNT(DISTINCT e.enrollment_id) FILTER (WHERE e.verb = 'experienced') AS started,
       COUNT(DISTINCT e.enrollment_id) FILTER (WHERE e.verb = 'completed') AS completed,
       COUNT(DISTINCT e.enrollment_id) AS enrolled
FROM tracking_learningevent e
JOIN tenants_organisation o ON o.id = e.organisation_id AND o.kind = 'municipality'
WHERE e.timestamp >= now() - interval '365 days'
GROUP BY e.organisation_id
"""


def session(env, email, superuser=False):
    code = SESSION.format(email=email, su=superuser)
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.strip().splitlines()[-1]


def timed(url, headers, marker):
    """Milliseconds for one request. urllib follows redirects, so the body must
    hold the dashboard's own table (`marker`), not a sign-in or second-factor page."""
    start = time.perf_counter()
    status, body = fetch(url, headers)
    elapsed = (time.perf_counter() - start) * 1000
    if status != 200:
        raise SystemExit(f"{url} answered HTTP {status}; not measuring an error page.")
    if marker not in body:
        raise SystemExit(f"{url} did not show the dashboard ({marker!r}); not measuring.")
    return elapsed, body


def p50(url, headers, marker, n=REPEAT):
    return statistics.median(timed(url, headers, marker)[0] for _ in range(n))


def _connect(db_url, **kwargs):
    return psycopg.connect(db_url.replace("postgres://", "postgresql://"), **kwargs)


def generated_learners(db_url):
    """How many generated learners the database holds, once the generator has
    finished there (it records its time last); None otherwise."""
    try:
        if recorded_generator_time(db_url) is None:
            return None
        with _connect(db_url) as conn:
            return conn.execute(
                "SELECT COUNT(*) FROM accounts_user WHERE email LIKE %s", ("%.generert.invalid",)
            ).fetchone()[0]
    except psycopg.Error:
        return None


def recorded_generator_time(db_url):
    with _connect(db_url) as conn:
        comment = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = current_database()"
        ).fetchone()[0]
    if comment and comment.startswith("generator_s="):
        return float(comment.split("=", 1)[1])
    return None


def record_generator_time(db_url, seconds):
    with _connect(db_url, autocommit=True) as conn:
        name = conn.execute("SELECT current_database()").fetchone()[0]
        conn.execute(f"COMMENT ON DATABASE {name} IS 'generator_s={seconds:.1f}'")


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=500_000)
    parser.add_argument("--keep", action="store_true", help="leave the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="measure an existing generated database again"
    )
    args = parser.parse_args()
    keep = args.keep or args.reuse
    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    work, env = bench_environment(
        "bench-reports-", db_url, REDIS_URL, CELERY_TASK_ALWAYS_EAGER="true"
    )
    server = None
    existing = generated_learners(db_url) if args.reuse else None
    if args.reuse and existing and existing != args.learners:
        raise SystemExit(
            f"The database holds {existing} generated learners, not {args.learners}: "
            f"run with --learners {existing}, or without --reuse to make it again."
        )
    if not existing:
        create_database(db_url)
    try:
        step("migrate")
        manage(env, "migrate", "--noinput", "-v0")
        if existing:
            generator_s = recorded_generator_time(db_url)
            shown = f"{generator_s:.1f} s" if generator_s is not None else "not recorded"
            print(f"generator: {shown} (when the reused database was made)")
        else:
            step("load_initial_data (organisations, KS and Kongsberg)")
            manage(env, "load_initial_data", "--organisations", "kongsberg", "--no-index", "-v0")
            step(f"generate_national_data --learners {args.learners}")
            start = time.perf_counter()
            manage(env, "generate_national_data", "--learners", str(args.learners), "-v0")
            generator_s = time.perf_counter() - start
            record_generator_time(db_url, generator_s)
            print(f"generator: {generator_s:.1f} s (including rollups)")
        manage(env, "collectstatic", "--noinput", "-v0")
        flush_redis(REDIS_URL)
        with _connect(db_url) as conn:
            events = conn.execute("SELECT COUNT(*) FROM tracking_learningevent").fetchone()[0]
            enrollments = conn.execute("SELECT COUNT(*) FROM tracking_enrollment").fetchone()[0]
            largest = conn.execute(
                "SELECT o.id, o.name, COUNT(*) FROM tracking_enrollment e JOIN "
                "tenants_organisation o ON o.id = e.organisation_id GROUP BY o.id, o.name "
                "ORDER BY 3 DESC LIMIT 1"
            ).fetchone()
            conn.execute("ANALYZE")
        print(f"enrollments={enrollments} events={events} largest={largest[1]} ({largest[2]})")

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_gunicorn(env, port, 2)
        wait_until_up(f"{base}/healthz", server)
        analyst = {"Cookie": f"sessionid={session(env, 'analytiker@ks.no')}"}
        admin = {"Cookie": f"sessionid={session(env, 'drift@ks.no', superuser=True)}"}

        national = f"{base}/rapporter/nasjonalt/"
        results = {}
        for query in ("", "?content=national&size_class=large"):
            cold, _body = timed(national + query, analyst, NATIONAL_MARKER)
            warm = p50(national + query, analyst, NATIONAL_MARKER)
            results[query or "no filters"] = (cold, warm)
            label = query or "(no filters)"
            print(f"national {label:<40} cold {cold:8.1f} ms  warm p50 {warm:8.1f} ms")
        municipal = f"{base}/rapporter/kommune/{largest[0]}/"
        municipal_cold, _ = timed(municipal, admin, MUNICIPAL_MARKER)
        municipal_p50 = p50(municipal, admin, MUNICIPAL_MARKER)
        print(f"municipal {largest[1]}: cold {municipal_cold:.1f} ms  p50 {municipal_p50:.1f} ms")

        with _connect(db_url) as conn:
            naive = []
            for _ in range(3):
                start = time.perf_counter()
                conn.execute(NAIVE).fetchall()
                naive.append((time.perf_counter() - start) * 1000)
        naive_ms = statistics.median(naive)
        dashboard_p50 = results["no filters"][1]
        print(f"naive GROUP BY over events: {naive_ms:.1f} ms")
        print(
            f"RESULT learners={args.learners} events={events} "
            f"dashboard_p50_ms={dashboard_p50:.1f} municipal_p50_ms={municipal_p50:.1f} "
            f"naive_ms={naive_ms:.1f} speedup={naive_ms / dashboard_p50:.1f}"
        )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        if keep:
            print(
                f"Kept the database {db_url}; measure it again with\n"
                f"  BENCH_DATABASE_URL={db_url} .venv/bin/python tests/bench/reports.py "
                f"--learners {args.learners} --reuse"
            )
        else:
            drop_database(db_url)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
