"""Requests per second for a catalogue page, a lesson page and a static file,
anonymous and signed in (the signed-in lesson page of an enrolled learner,
with their progress on it), with the 99th percentile latency of each.

    .venv/bin/python tests/bench/pages.py

Builds a fresh PostgreSQL database (BENCH_DATABASE_URL, default
postgresql://postgres@127.0.0.1:5432/bench_pages), migrates it, loads the demo
data, collects static files into a temporary STATIC_ROOT and starts gunicorn
(BENCH_WEB_WORKERS, default 2, production settings, plain http) on a free loopback port. Then it
measures the three URLs one after the other against the same server, with wrk
when installed (else a small threaded Python client), prints each figure and
the ratios, and ends with one `RESULT ...` line. Gunicorn is stopped and the
database dropped afterwards, also on failure.

Not collected by pytest (the file name does not start with `test_`).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/bench_pages"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WEB_WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", "2"))
CATALOGUE_HOST = "kongsberg.kurs.localhost"
LESSON_SLUGS = ("svarut-for-saksbehandlere", "hva-er-svarut")
# A lesson of a course the demo's enrolled learner is part way through.
ENROLLED_EMAIL = "liv.berg@kongsberg.kommune.no"
ENROLLED_LESSON_SLUGS = ("prosjekt-og-portefoljestyring", "mandat-og-roller")

SETTINGS = """\
from learning.settings.production import *  # noqa: F403

STATIC_ROOT = {static_root!r}
"""


def bench_environment(prefix, db_url, redis_url, extra_settings="", **variables):
    """A work folder and the environment every benchmark runs the platform
    in: production settings (plus `extra_settings`) in a module of its own,
    plain http on loopback, the given database and Redis. Returns (work, env)."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    (work / "static").mkdir()
    (work / "bench_settings.py").write_text(
        SETTINGS.format(static_root=str(work / "static")) + extra_settings
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(work), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "SECRET_KEY": "bench-only-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,.localhost",
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        "SECURE_SSL_REDIRECT": "False",
        "MEDIA_ROOT": str(work / "media"),
        "LOG_LEVEL": "ERROR",
        **variables,
    }
    return work, env


def start_gunicorn(env, port, workers, *options):
    """gunicorn serving the platform on 127.0.0.1:port; the caller stops it."""
    return subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "learning.wsgi:application",
            f"--workers={workers}",
            *options,
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )


def main():
    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    work, env = bench_environment("bench-pages-", db_url, REDIS_URL)
    server = None
    create_database(db_url)
    try:
        step("migrate")
        manage(env, "migrate", "--noinput", "-v0")
        step("load_initial_data (demo organisations only)")
        manage(env, "load_initial_data", "--organisations", "kongsberg", "--no-index", "-v0")
        manage(
            env, "shell", "--no-imports", "-c", "from django.core.cache import cache; cache.clear()"
        )
        step("collectstatic")
        manage(env, "collectstatic", "--noinput", "-v0")

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        step(f"gunicorn on {base}")
        server = start_gunicorn(env, port, WEB_WORKERS)
        # /healthz answers 503 without a Celery worker; any answer means up.
        wait_until_up(f"{base}/healthz", server)

        catalogue_host = {"Host": f"{CATALOGUE_HOST}:{port}"}
        # A signed-in learner has a session, so the anonymous page cache never
        # answers for them: this one measures rendering the catalogue.
        learner = {**catalogue_host, "Cookie": f"sessionid={learner_session(env)}"}
        enrolled = {"Cookie": f"sessionid={learner_session(env, ENROLLED_EMAIL)}"}
        targets = {
            "catalogue": (f"{base}/", catalogue_host),
            "lesson": (f"{base}/{'/'.join(LESSON_SLUGS)}/", {}),
            "static": (f"{base}/static/css/site.css", {}),
            "signed_in": (f"{base}/", learner),
            "signed_in_lesson": (f"{base}/{'/'.join(ENROLLED_LESSON_SLUGS)}/", enrolled),
        }
        for name, (url, headers) in targets.items():
            status, body = fetch(url, headers)
            host = headers.get("Host", "127.0.0.1")
            print(f"{name:<10} {url} (Host: {host}) → HTTP {status}, {len(body)} bytes")
            if status != 200:
                raise SystemExit(f"{name} answered HTTP {status}; not measuring an error page.")
        if b"Logg ut" not in fetch(*targets["signed_in"])[1]:
            raise SystemExit("The learner's session was not accepted; not measuring.")
        if b"leksjoner fullf\xc3\xb8rt" not in fetch(*targets["signed_in_lesson"])[1]:
            raise SystemExit("The enrolled learner's lesson page shows no progress; not measuring.")

        tool = "wrk" if shutil.which("wrk") else "python"
        print(
            f"Load: {tool}, {CONNECTIONS} connections, {DURATION} s per URL, "
            f"{WEB_WORKERS} gunicorn workers"
        )
        rps, p99 = {}, {}
        for name, (url, headers) in targets.items():
            fetch(url, headers)  # warm the worker's caches
            if tool == "wrk":
                rps[name], p99[name] = measure(url, headers)
            else:
                rps[name], p99[name] = measure_python(url, headers), float("nan")
            print(f"{name:<16} {rps[name]:>10.1f} req/s   p99 {p99[name]:>7.1f} ms")

        ratio = rps["catalogue"] / rps["static"]
        print(f"catalogue / static = {ratio:.3f}")
        print(f"lesson / static    = {rps['lesson'] / rps['static']:.3f}")
        print(f"signed-in catalogue / static = {rps['signed_in'] / rps['static']:.3f}")
        lesson_ratio = rps["signed_in_lesson"] / rps["static"]
        print(f"signed-in lesson / static = {lesson_ratio:.3f}")
        print(f"signed_in_catalogue_rps={rps['signed_in']:.1f}")
        print(
            f"RESULT catalogue_rps={rps['catalogue']:.1f} lesson_rps={rps['lesson']:.1f} "
            f"static_rps={rps['static']:.1f} catalogue_vs_static={ratio:.3f} "
            f"signed_in_lesson_rps={rps['signed_in_lesson']:.1f} "
            f"signed_in_lesson_vs_static={lesson_ratio:.3f} "
            f"signed_in_lesson_p99_ms={p99['signed_in_lesson']:.1f}"
        )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        drop_database(db_url)
        shutil.rmtree(work, ignore_errors=True)


def step(message):
    print(f"== {message}", flush=True)


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _maintenance_url(db_url):
    parts = urlsplit(db_url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"Use a plain database name in BENCH_DATABASE_URL, not {name!r}.")
    return urlunsplit(parts._replace(path="/postgres")), name


def create_database(db_url):
    url, name = _maintenance_url(db_url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def drop_database(db_url):
    url, name = _maintenance_url(db_url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def learner_session(env, email="ansatt@kongsberg.kommune.no"):
    """A session key for a demo learner in Kongsberg, made as login would."""
    code = (
        "from importlib import import_module; from django.conf import settings; "
        "from django.contrib import auth; "
        f"u = auth.get_user_model().objects.get(email={email!r}); "
        "s = import_module(settings.SESSION_ENGINE).SessionStore(); "
        "s[auth.SESSION_KEY] = str(u.pk); "
        "s[auth.BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'; "
        "s[auth.HASH_SESSION_KEY] = u.get_session_auth_hash(); s.save(); print(s.session_key)"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.strip().splitlines()[-1]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def wait_until_up(url, server, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before it answered.")
        try:
            fetch(url)
            return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout} s.")


def measure(url, headers):
    """(requests per second, 99th percentile latency in ms) from wrk."""
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses under load.\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"\b99%\s+([\d.]+)(us|ms|s)\b", out).groups()
    return rps, float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def measure_python(url, headers, max_requests=20_000):
    """A bounded threaded client: loopback only, stops at DURATION or max_requests."""
    done, failed, lock = [0], [0], threading.Lock()
    deadline = time.monotonic() + DURATION

    def worker():
        while time.monotonic() < deadline:
            with lock:
                if done[0] >= max_requests:
                    return
                done[0] += 1
            if fetch(url, headers)[0] != 200:
                failed[0] += 1

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failed[0]:
        raise SystemExit(f"{url}: {failed[0]} error responses under load.")
    return done[0] / (time.monotonic() - start)


if __name__ == "__main__":
    main()
