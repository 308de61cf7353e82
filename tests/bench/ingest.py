"""How many learning statements the platform takes, and how fast progress follows.

    .venv/bin/python tests/bench/ingest.py

Builds a fresh PostgreSQL database (BENCH_DATABASE_URL, default
postgresql://postgres@127.0.0.1:5432/bench_ingest), migrates it, makes one
municipality with a three-lesson course (text; text and a 6-second film; a
quiz) and BENCH_LEARNERS signed-in learners, then starts gunicorn
(production settings, plain http) and one Celery worker on Redis
(BENCH_REDIS_URL). wrk (tests/bench/ingest.lua) then posts statements as
those learners over loopback:

- single_rps: one statement per request, BENCH_SECONDS (≥ 30 s);
- events_per_s: 20 statements per request (the tracker's batch), as long;
  during it, a few learners complete the course (reading, the film, the quiz
  through the grading endpoint) and completion_visible_s is the longest time
  from their last statement to their enrollment reading "completed";
- lost: statements answered 202 minus rows stored (after the worker drained),
  errors: responses other than 202 plus socket errors.

Ends with one `RESULT ...` line. Gunicorn and the worker are stopped and the
database dropped afterwards, also on failure. Not collected by pytest.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import (  # noqa: E402
    bench_environment,
    create_database,
    drop_database,
    free_port,
    start_gunicorn,
    step,
    wait_until_up,
)

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/bench_ingest"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")
DURATION = max(30, int(os.environ.get("BENCH_SECONDS", "30")))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
LEARNERS = int(os.environ.get("BENCH_LEARNERS", "200"))
WEB_WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", "2"))
WEB_THREADS = int(os.environ.get("BENCH_WEB_THREADS", "4"))
WEB_CLASS = os.environ.get("BENCH_WEB_CLASS", "gthread")
COMPLETIONS = 5
# Rows from the browser's statements (quiz rows come from the server's grading).
BROWSER_ROWS = (
    "SELECT count(*) FROM tracking_learningevent WHERE verb NOT IN ('answered', 'passed', 'failed')"
)
BATCH = 20

# Added to the benchmarks' settings: tracking's tasks on this run's own queue.
SETTINGS = """
TRACKING_QUEUE = {queue!r}
CELERY_TASK_ROUTES = {{"tracking.*": {{"queue": TRACKING_QUEUE}}}}
"""

# Run inside `manage.py shell`: the course, the learners and their sessions.
SETUP = """
import json, secrets
from importlib import import_module
from django.conf import settings
from django.contrib import auth
from django.core.files.base import ContentFile
from wagtailmedia.models import Media
from courses.models import CoursePage, LessonPage
from learning.accounts.models import User
from tenants.models import Employment, Organisation
from tenants.services import provision_organisation

org = provision_organisation(Organisation.objects.create(
    kind="municipality", number="3006", slug="kongsberg", name="Kongsberg"))
film = Media.objects.create(title="Film", file=ContentFile(b"0" * 16, name="f.mp4"),
                            type="video", duration=6.0)
course = org.root_page.add_child(instance=CoursePage(
    title="Informasjonssikkerhet i hverdagen", slug="infosikkerhet", summary="Sikkerhet.",
    sharing="own", completion_rule="completed_and_passed"))
text = {"type": "text", "value": "<p>Lås skjermen.</p>"}
video = {"type": "video", "id": "film-1", "value": {"video": film.pk, "captions": None,
         "captions_language": "nb", "transcript": ""}}
def choice(id, correct):
    return {"type": "item", "id": id,
            "value": {"text": id, "correct": correct, "feedback": ""}}
question = {"type": "item", "id": "q1", "value": {"text": "Lås?", "kind": "single",
            "explanation": "", "choices": [choice("c-right", True), choice("c-wrong", False)]}}
quiz = {"type": "quiz", "id": "quiz-1",
        "value": {"title": "Test", "intro": "", "pass_mark": 50, "questions": [question]}}
lessons = [course.add_child(instance=LessonPage(title=t, slug=s, body=b)) for t, s, b in (
    ("Passord", "passord", [text]), ("Nettfisking", "nettfisking", [text, video]),
    ("Test deg selv", "test", [quiz]))]
users = User.objects.bulk_create([
    User(email=f"ansatt{n}@kongsberg.kommune.no", first_name="Ansatt", last_name=str(n),
         email_confirmed=True) for n in range(COUNT)])
Employment.objects.bulk_create(
    [Employment(user=u, organisation=org, status="active") for u in users])
# Opening a lesson enrolls a learner (the lesson page does it), before any statement.
from learning.tracking.services import enroll
store = import_module(settings.SESSION_ENGINE).SessionStore
out = []
for u in users:
    enroll(u, course, org)
    s = store()
    s[auth.SESSION_KEY] = str(u.pk)
    s[auth.BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[auth.HASH_SESSION_KEY] = u.get_session_auth_hash()
    s.save()
    out.append([u.pk, s.session_key, secrets.token_hex(16)])
print("SETUP " + json.dumps({"lessons": [p.pk for p in lessons], "learners": out}))
"""


def main():
    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    queue = f"bench-tracking-{uuid.uuid4().hex[:8]}"
    work, env = bench_environment(
        "bench-ingest-",
        db_url,
        REDIS_URL,
        SETTINGS.format(queue=queue),
        TRACKING_SWEEP_AFTER_SECONDS="5",
    )
    processes = []
    create_database(db_url)
    try:
        step("migrate")
        manage(env, "migrate", "--noinput", "-v0")
        step(f"a course and {LEARNERS + COMPLETIONS} learners")
        setup = make_world(env, LEARNERS + COMPLETIONS)
        redis.Redis.from_url(REDIS_URL).flushdb()  # the cache and any old queue of db 4
        lessons = setup["lessons"]
        learners, finishers = setup["learners"][:LEARNERS], setup["learners"][LEARNERS:]
        data = work / "learners.txt"
        data.write_text(
            f"{lessons[0]} {lessons[1]} film-1\n"
            + "".join(f"{pk} {session} {csrf}\n" for pk, session, csrf in learners)
        )

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        step(f"gunicorn ({WEB_WORKERS}×{WEB_THREADS} threads) on {base}, a worker on {queue}")
        bin_dir = Path(PYTHON).parent
        # Threads keep connections alive and overlap database waits.
        processes.append(
            start_gunicorn(
                env, port, WEB_WORKERS, f"--worker-class={WEB_CLASS}", f"--threads={WEB_THREADS}"
            )
        )
        processes.append(
            subprocess.Popen(
                [
                    str(bin_dir / "celery"),
                    "-A",
                    "learning",
                    "worker",
                    "-Q",
                    queue,
                    "-c",
                    "2",
                    "-l",
                    "warning",
                ],
                cwd=ROOT,
                env=env,
            )
        )
        # /healthz waits for a worker on the default queue; the endpoint answers 405 to GET.
        # A worker's first request loads the URLconf (seconds on a busy machine).
        wait_until_up(f"{base}/laering/hendelser/", processes[0], timeout=120)
        for _ in range(10 * WEB_WORKERS):
            check_one(base, learners[0], lessons)

        step("one connection, one statement at a time, 5 s (the cost of a request)")
        alone = wrk(base, data, phase=3, per_request=1, connections=1, seconds=5)
        print(f"  {alone}")
        step(f"single statements: wrk, {CONNECTIONS} connections, {DURATION} s")
        single = wrk(base, data, phase=1, per_request=1)
        print(f"  {single}")
        step(f"batches of {BATCH}: wrk, {CONNECTIONS} connections, {DURATION} s")
        visible = []
        finisher = threading.Thread(
            target=complete_courses, args=(base, db_url, finishers, lessons, visible)
        )
        finisher.start()
        batch = wrk(base, data, phase=2, per_request=BATCH)
        finisher.join()
        print(f"  {batch}")

        step("waiting for the worker to fold everything")
        drained_after = drain(db_url)
        accepted = (
            alone["accepted"]
            + single["accepted"]
            + batch["accepted"] * BATCH
            + finishers_statements(finishers)
        )
        stored = count(db_url, BROWSER_ROWS)
        lost = max(0, accepted - stored)
        errors = alone["errors"] + single["errors"] + batch["errors"]
        single_rps = single["rps"]
        events_per_s = batch["rps"] * BATCH
        p50 = max(single["p50_ms"], batch["p50_ms"])
        p99 = max(single["p99_ms"], batch["p99_ms"])
        completion = max(visible) if len(visible) == len(finishers) else float("inf")
        print(f"alone:          p50 {alone['p50_ms']:.1f} ms, p99 {alone['p99_ms']:.1f} ms")
        print(f"single request: p50 {single['p50_ms']:.1f} ms, p99 {single['p99_ms']:.1f} ms")
        print(f"batch request:  p50 {batch['p50_ms']:.1f} ms, p99 {batch['p99_ms']:.1f} ms")
        print(f"completion visible after (s): {', '.join(f'{v:.2f}' for v in visible)}")
        print(f"statements answered 202: {accepted}, rows stored: {stored}")
        print(f"worker drained {drained_after:.1f} s after the load stopped")
        print(f"single_rps={single_rps:.0f} events_per_s={events_per_s:.0f}")
        print(
            f"RESULT single_rps={single_rps:.0f} events_per_s={events_per_s:.0f} "
            f"p50_ms={p50:.1f} p99_ms={p99:.1f} completion_visible_s={completion:.2f} "
            f"lost={lost} errors={errors}"
        )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        drop_database(db_url)
        shutil.rmtree(work, ignore_errors=True)


def manage(env, *args, **kwargs):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, **kwargs
    )


def make_world(env, count):
    code = f"COUNT = {count}\n" + SETUP
    out = manage(env, "shell", "--no-imports", "-c", code, capture_output=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("SETUP "))
    return json.loads(line.removeprefix("SETUP "))


def statement(pk, lesson, activity, verb, segments=None):
    video = "https://w3id.org/xapi/video/verbs/"
    iri = (video if verb == "played" else "http://adlnet.gov/expapi/verbs/") + verb
    data = {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"name": str(pk)}},
        "verb": {"id": iri},
        "object": {"id": f"urn:kurs:lesson:{lesson}:{activity}"},
        "timestamp": datetime.now(UTC).isoformat(),
    }
    if segments:
        data["result"] = {
            "extensions": {"https://w3id.org/xapi/video/extensions/played-segments": segments}
        }
    return data


def post(base, learner, path, payload):
    pk, session, csrf = learner
    request = urllib.request.Request(
        base + path,
        data=json.dumps(payload).encode(),
        headers={
            "Content-Type": "application/json",
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def check_one(base, learner, lessons):
    first = statement(learner[0], lessons[0], f"lesson-{lessons[0]}", "experienced")
    status = post(base, learner, "/laering/hendelser/", first)
    if status != 202:
        raise SystemExit(f"The endpoint answered {status}; not measuring an error.")


def finishers_statements(finishers):
    return 10 * WEB_WORKERS + 3 * len(finishers)  # warm-up, then three per finisher


def complete_courses(base, db_url, finishers, lessons, visible):
    """While the batch load runs: each finisher passes the quiz, then sends
    the last statements; time until their enrollment reads completed."""
    time.sleep(5)
    with psycopg.connect(db_url, autocommit=True) as conn:
        for learner in finishers:
            pk = learner[0]
            quiz_url = f"/kurs/quiz/{lessons[2]}/quiz-1/"
            if post(base, learner, quiz_url, {"answers": {"q1": ["c-right"]}}) != 200:
                raise SystemExit("grading the quiz failed")
            last = [
                statement(pk, lessons[0], f"lesson-{lessons[0]}", "experienced"),
                statement(pk, lessons[1], f"lesson-{lessons[1]}", "experienced"),
                statement(pk, lessons[1], "film-1", "played", "0[.]6"),
            ]
            sent = time.monotonic()
            if post(base, learner, "/laering/hendelser/", last) != 202:
                raise SystemExit("the last statements were refused")
            while time.monotonic() - sent < 30:
                row = conn.execute(
                    "SELECT status FROM tracking_enrollment WHERE user_id = %s", [pk]
                ).fetchone()
                if row and row[0] == "completed":
                    visible.append(time.monotonic() - sent)
                    break
                time.sleep(0.01)
            time.sleep(3)


def wrk(base, data, phase, per_request, connections=CONNECTIONS, seconds=DURATION):
    script = Path(__file__).with_name("ingest.lua")
    threads = min(2, connections)
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    args += ["--latency"]
    args += ["-s", str(script)]
    out = subprocess.run(
        [*args, base + "/laering/hendelser/", "--", str(data), str(phase), str(per_request)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    accepted = int(re.search(r"ACCEPTED (\d+)", out).group(1))
    latency = re.search(r"LATENCY p50_us=(\d+) p99_us=(\d+)", out)
    return {
        "requests": requests,
        "accepted": accepted,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        # Every answer but 202 (non_2xx is a subset), and every socket error.
        "errors": (requests - accepted) + (sum(int(x) for x in socket.groups()) if socket else 0),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "p50_ms": int(latency.group(1)) / 1000,
        "p99_ms": int(latency.group(2)) / 1000,
    }


def count(db_url, sql):
    with psycopg.connect(db_url, autocommit=True) as conn:
        return conn.execute(sql).fetchone()[0]


def drain(db_url, timeout=120):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if not count(db_url, "SELECT count(*) FROM tracking_enrollment WHERE stale"):
            return time.monotonic() - started
        time.sleep(0.2)
    raise SystemExit("The worker did not fold every enrollment within 2 minutes.")


if __name__ == "__main__":
    main()
