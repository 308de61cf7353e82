"""Fill the database with a realistic sector, for benchmarks and demos.

    python manage.py generate_national_data --learners 500000

Learners in every municipality in proportion to its headcount, each with an
employment (unit, job role), enrollments in national and local courses spread
over 18 months, and a few events each; some municipalities far ahead and some
far behind. Rows go in with COPY on PostgreSQL (executemany elsewhere), ids
assigned here so related rows can point at them. Then the rollups are built.
Generated people have addresses at `generert.invalid`; run it on a database
without them (a second run refuses rather than double the sector).
"""

import datetime
import json
import random
import time
import uuid

from tqdm import tqdm

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from courses.models import CoursePage, LessonPage
from learning.reports.rollups import refresh_rollups
from learning.tracking.models import Enrollment, LearningEvent
from tenants.models import Employment, JobRole, Organisation, Unit

DOMAIN = "generert.invalid"
UNITS = ("Helse og omsorg", "Oppvekst", "Administrasjon", "Teknisk")
ROLES = ("Saksbehandler", "Sykepleier", "Lærer", "Leder")
NATIONAL_TITLES = (
    "SvarUT for saksbehandlere",
    "Informasjonssikkerhet i hverdagen",
    "Personvern og GDPR",
    "Prosjektveiviseren",
    "Porteføljestyring",
    "Digital kompetanse",
    "Anskaffelser",
    "Arkiv og dokumentasjon",
)
MONTHS = 18


class Command(BaseCommand):
    help = "Lag et realistisk nasjonalt datasett (læringsdata) og bygg rapportene."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=500_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--courses-per-learner", type=float, default=4.0)

    def handle(self, *args, learners, seed, courses_per_learner, **options):
        if learners < 1:
            raise CommandError("--learners må være minst 1.")
        clock = time.monotonic()
        rng = random.Random(seed)  # noqa: S311  (made-up data, not secrets)
        User = get_user_model()
        if User.objects.filter(email__endswith="." + DOMAIN).exists():
            raise CommandError(
                "Databasen har allerede genererte data. Bruk en ny database for en ny kjøring."
            )
        municipalities = list(
            Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY, headcount__gt=0)
        )
        if not municipalities:
            raise CommandError("Ingen kommuner med antall ansatte: kjør load_organisations først.")
        national, local = self._courses()
        quiet = options["verbosity"] == 0
        self.stdout.write(
            f"{learners} ansatte i {len(municipalities)} kommuner, "
            f"{len(national)} nasjonale og {len(local)} lokale kurs."
        )
        units, roles = self._units_and_roles(municipalities)
        lessons = dict(
            LessonPage.objects.live().values_list("path", "pk")
        )  # first lesson per course
        first_lesson = {}
        for course in national + [c for cs in local.values() for c in cs]:
            first_lesson[course.pk] = next(
                (pk for path, pk in sorted(lessons.items()) if path.startswith(course.path)),
                course.pk,
            )

        total_headcount = sum(o.headcount for o in municipalities)
        now = timezone.now()
        next_user = (User.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        next_employment = (Employment.objects.unscoped().aggregate(m=Max("pk"))["m"] or 0) + 1
        next_enrollment = (Enrollment.objects.unscoped().aggregate(m=Max("pk"))["m"] or 0) + 1
        users, employments, enrollments, events = [], [], [], []
        counts = {"users": 0, "enrollments": 0, "events": 0}
        writer = _Writer()
        progress = tqdm(total=learners, unit="ansatte", disable=quiet)
        remaining = learners
        for index, org in enumerate(municipalities):
            share = org.headcount / total_headcount
            n = remaining if index == len(municipalities) - 1 else round(learners * share)
            n = max(0, min(n, remaining))
            remaining -= n
            # Some municipalities far ahead, some far behind.
            eagerness = rng.betavariate(1.2, 2.5) * 2
            org_courses = national + local.get(org.pk, [])
            for _ in range(n):
                uid = next_user
                next_user += 1
                joined = now - datetime.timedelta(days=rng.randint(30, 30 * MONTHS + 400))
                users.append(
                    {
                        "id": uid,
                        "password": "!",
                        "email": f"ansatt{uid}@{org.slug}.{DOMAIN}",
                        "first_name": "Ansatt",
                        "last_name": str(uid),
                        "email_confirmed": True,
                        "date_joined": joined,
                    }
                )
                unit = rng.choice(units[org.pk])
                role = rng.choice(roles[org.pk])
                employments.append(
                    {
                        "id": next_employment,
                        "user_id": uid,
                        "organisation_id": org.pk,
                        "unit_id": unit,
                        "job_role_id": role,
                        "status": "active",
                        "start_date": joined.date(),
                        "created_at": joined,
                    }
                )
                next_employment += 1
                k = min(len(org_courses), _poisson(rng, courses_per_learner * eagerness))
                for course in rng.sample(org_courses, k):
                    eid = next_enrollment
                    next_enrollment += 1
                    enrolled = now - datetime.timedelta(
                        days=rng.random() * 30 * MONTHS, seconds=rng.randint(0, 86399)
                    )
                    roll = rng.random() / max(eagerness, 0.2)
                    status = (
                        "completed"
                        if roll < 0.55
                        else "in_progress"
                        if roll < 0.85
                        else "not_started"
                    )
                    started = enrolled + datetime.timedelta(hours=rng.randint(0, 72))
                    done = started + datetime.timedelta(days=rng.randint(0, 40))
                    if started > now:
                        started = now
                    if done > now:
                        done = now
                    assigned = rng.random() < 0.3
                    passed = status == "completed" and rng.random() < 0.8
                    enrollments.append(
                        {
                            "id": eid,
                            "organisation_id": org.pk,
                            "unit_id": unit,
                            "job_role_id": role,
                            "user_id": uid,
                            "course_id": course.pk,
                            "enrolled_at": enrolled,
                            "source": "assigned" if assigned else "self",
                            "due_date": (enrolled + datetime.timedelta(days=60)).date()
                            if assigned
                            else None,
                            "status": status,
                            "started_at": started if status != "not_started" else None,
                            "completed_at": done if status == "completed" else None,
                            "passed_at": done if passed else None,
                            "progress_percent": {"completed": 100, "in_progress": 50}.get(
                                status, 0
                            ),
                            "lessons_total": 3,
                            "lessons_completed": {"completed": 3, "in_progress": 1}.get(status, 0),
                        }
                    )
                    verbs = {
                        "not_started": [],
                        "in_progress": [("experienced", started), ("progressed", started)],
                        "completed": [
                            ("experienced", started),
                            ("progressed", started),
                            ("completed", done),
                        ],
                    }[status]
                    if passed:
                        verbs.append(("passed", done))
                    for verb, at in verbs:
                        events.append(
                            {
                                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                                "organisation_id": org.pk,
                                "unit_id": unit,
                                "job_role_id": role,
                                "enrollment_id": eid,
                                "user_id": uid,
                                "course_id": course.pk,
                                "lesson_id": first_lesson[course.pk],
                                "activity_id": "lesson",
                                "verb": verb,
                                "result": {},
                                "timestamp": at,
                                "stored_at": at,
                            }
                        )
                progress.update(1)
                if len(events) > 50_000:
                    self._flush(writer, users, employments, enrollments, events, counts)
        self._flush(writer, users, employments, enrollments, events, counts)
        writer.reset_sequences()
        progress.close()
        generated = time.monotonic() - clock
        self.stdout.write(
            f"Skrev {counts['users']} ansatte, {counts['enrollments']} kursdeltakelser og "
            f"{counts['events']} hendelser på {generated:.1f} s."
        )
        rollup_started = time.monotonic()
        for org in tqdm(municipalities, unit="kommuner", disable=quiet, desc="rollups"):
            refresh_rollups(org.pk)
        self.stdout.write(
            f"Bygde rapportgrunnlaget på {time.monotonic() - rollup_started:.1f} s. "
            f"GENERATED learners={counts['users']} enrollments={counts['enrollments']} "
            f"events={counts['events']} seconds={generated:.1f}"
        )

    def _flush(self, writer, users, employments, enrollments, events, counts):
        with transaction.atomic():
            writer.copy(get_user_model(), users)
            writer.copy(Employment, employments)
            writer.copy(Enrollment, enrollments)
            writer.copy(LearningEvent, events)
        counts["users"] += len(users)
        counts["enrollments"] += len(enrollments)
        counts["events"] += len(events)
        for rows in (users, employments, enrollments, events):
            rows.clear()

    def _courses(self):
        """Live national courses (made when there are too few) and local ones per owner."""
        ks = Organisation.objects.filter(kind=Organisation.Kind.NATIONAL).first()
        national = list(
            CoursePage.objects.live().filter(organisation__kind=Organisation.Kind.NATIONAL)
        )
        if len(national) < len(NATIONAL_TITLES):
            if ks is None or ks.root_page is None:
                raise CommandError("KS mangler nettsted: kjør `provision_tenants ks` først.")
            existing = {c.title for c in national}
            root = ks.root_page.specific
            for title in NATIONAL_TITLES:
                if title in existing:
                    continue
                page = CoursePage(
                    title=title,
                    slug="generert-" + str(abs(hash(title)) % 10**8),
                    summary="Generert kurs for måling og demo.",
                    sharing=CoursePage.Sharing.EVERYONE,
                )
                root.add_child(instance=page)
                national.append(page)
        local = {}
        for course in CoursePage.objects.live().exclude(
            organisation__kind=Organisation.Kind.NATIONAL
        ):
            local.setdefault(course.organisation_id, []).append(course)
        return national, local

    def _units_and_roles(self, municipalities):
        units, roles = {}, {}
        for org in municipalities:
            for name in UNITS:
                Unit.objects.for_organisation(org).get_or_create(
                    organisation=org, name=name, parent=None
                )
            for name in ROLES:
                JobRole.objects.for_organisation(org).get_or_create(organisation=org, name=name)
        ids = [o.pk for o in municipalities]
        for pk, org in (
            Unit.objects.for_organisations(ids)
            .filter(name__in=UNITS)
            .values_list("pk", "organisation_id")
        ):
            units.setdefault(org, []).append(pk)
        for pk, org in (
            JobRole.objects.for_organisations(ids)
            .filter(name__in=ROLES)
            .values_list("pk", "organisation_id")
        ):
            roles.setdefault(org, []).append(pk)
        return units, roles


def _poisson(rng, mean):
    """Knuth's method; means here are small."""
    limit, k, p = pow(2.718281828459045, -mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


class _Writer:
    """Bulk rows into a model's table: COPY on PostgreSQL, executemany elsewhere.
    Missing columns get the field's default."""

    def __init__(self):
        self.tables = []

    def copy(self, model, rows):
        if not rows:
            return
        fields = model._meta.concrete_fields
        columns = [f.column for f in fields]
        names = [f.attname for f in fields]
        defaults = {f.attname: (f.get_default() if f.has_default() else None) for f in fields}
        table = model._meta.db_table
        if table not in self.tables and model._meta.pk.get_internal_type().endswith("AutoField"):
            self.tables.append(table)
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row([_pg(row.get(n, defaults[n])) for n in names])
            else:
                prepared = [
                    [
                        f.get_db_prep_save(row.get(n, defaults[n]), connection)
                        for f, n in zip(fields, names, strict=True)
                    ]
                    for row in rows
                ]
                marks = ", ".join(["%s"] * len(columns))
                # Table and column names come from our models, never from input.
                sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, prepared)

    def reset_sequences(self):
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608 (model table)
                    f"(SELECT MAX(id) FROM {table})) WHERE pg_get_serial_sequence(%s, 'id') "
                    "IS NOT NULL",
                    [table, table],
                )


def _pg(value):
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value
