"""Where tracking's rules live: enrolment, assignment, recording events,
folding them into state, the sweeper and resets. Plain functions; views,
tasks and the learner pages call these.
"""

import logging
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from courses import page_cache
from courses.models import CoursePage, LessonPage
from learning.cache import now_and_after_commit, shared_token
from tenants.models import Employment, Unit
from tenants.services import SESSION_KEY

from .models import ActivityState, Assignment, Certificate, Enrollment, LearningEvent, ResetLog
from .signals import progress_changed

logger = logging.getLogger(__name__)

WATCHED = 0.9  # a film counts as watched when this share of it was played
CACHE_SECONDS = 300
STAMP_SECONDS = 24 * 3600
Rule = CoursePage.CompletionRule


# --- Learners and enrolment ------------------------------------------------


def learner_employment(user, organisation=None, session=None):
    """The active Employment whose organisation, unit and job role a learner's
    records carry: the one for `organisation` when given, else the one chosen
    in the session, else the first. None when no organisation employs them."""
    if not user.is_authenticated:
        return None
    employments = list(
        Employment.objects.unscoped()
        .filter(user=user, status=Employment.Status.ACTIVE)
        .order_by("organisation__name")
    )
    wanted = getattr(organisation, "pk", organisation)
    if wanted is None and session is not None:
        wanted = session.get(SESSION_KEY)
    for employment in employments:
        if employment.organisation_id == wanted:
            return employment
    if organisation is not None:
        return None
    return employments[0] if employments else None


def enroll(user, course, organisation_context=None, *, assignment=None, session=None):
    """Enroll `user` in `course` under the employer `organisation_context`
    (an Organisation, its pk, or None for the session's or first employer),
    with the unit and job role of that employment now. Returns the
    Enrollment, or None when that organisation does not employ them.

    The caller decides whether they may take the course
    (courses.services.lesson_access); an assignment enrolls whatever the
    catalogue shows. Safe to run twice: one enrollment per person, course and
    employer (a unique constraint); a second call may add the assignment.
    """
    employment = learner_employment(user, organisation_context, session)
    if employment is None:
        return None
    org_id = employment.organisation_id
    defaults = {"unit_id": employment.unit_id, "job_role_id": employment.job_role_id}
    if assignment is not None:
        defaults.update(
            source=Enrollment.Source.ASSIGNED, assignment=assignment, due_date=assignment.due_date
        )
    scoped = Enrollment.objects.for_organisation(org_id)
    try:
        with transaction.atomic():
            enrollment, created = scoped.get_or_create(
                user=user, course=course, organisation_id=org_id, defaults=defaults
            )
    except IntegrityError:  # a concurrent request made it first
        enrollment, created = scoped.get(user=user, course=course), False
    if created:
        _announce(enrollment, None)
    elif assignment is not None and enrollment.assignment_id != assignment.pk:
        scoped.filter(pk=enrollment.pk).update(
            source=Enrollment.Source.ASSIGNED,
            assignment=assignment,
            due_date=assignment.due_date or enrollment.due_date,
        )
        enrollment.refresh_from_db()
    return enrollment


def employment_stamp_key(user_id):
    return f"tracking:employment:{user_id}"


def employment_stamp(user_id, found=None):
    """A random token replaced whenever one of the person's employments is
    saved or deleted (receivers.py): what is kept about their employment
    (learner_key) is trusted only under the same token. Never a counter, so
    a cleared cache does not bring an old token back. None when the cache
    does not answer."""
    key = employment_stamp_key(user_id)
    stamp = (found or {}).get(key)
    if stamp is not None:
        return stamp
    try:
        return shared_token(key, STAMP_SECONDS)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable for %s", key)
        return None


def forget_employment(user_id):
    """Replace the person's stamp now and again after commit: a request in
    between may have kept what it read before the commit."""

    now_and_after_commit(
        lambda: cache_set(employment_stamp_key(user_id), uuid.uuid4().hex, STAMP_SECONDS)
    )


def learner_key(user_id, organisation_id):
    """Where the event endpoint keeps who a learner is for an employer: the
    unit and job role of that employment and their enrollment per course
    they may take (see views._contexts). Per person and employer, under the
    content version (course sharing) and the employment stamp."""
    return f"tracking:learner:{user_id}:{organisation_id}"


def enrollment_for(user, course, organisation):
    """The learner's enrollment in `course` under `organisation`, or None."""
    return (
        Enrollment.objects.for_organisation(organisation).filter(user=user, course=course).first()
    )


def _announce(enrollment, old_status):
    """Send progress_changed once the row is committed."""
    kwargs = {
        "enrollment_id": enrollment.pk,
        "organisation_id": enrollment.organisation_id,
        "course_id": enrollment.course_id,
        "old_status": old_status,
        "new_status": enrollment.status,
        "passed": enrollment.passed_at is not None,
    }
    transaction.on_commit(lambda: progress_changed.send(sender=Enrollment, **kwargs))


# --- Assignment ------------------------------------------------------------


def assigned_employments(assignment):
    """Active employments of the assignment's organisation it reaches: named
    people, people in its units (and their sub-units when asked), job roles."""
    org = assignment.organisation_id
    unit_ids = set(assignment.units.values_list("pk", flat=True))
    if assignment.include_subunits and unit_ids:
        frontier = unit_ids
        while frontier:
            frontier = (
                set(
                    Unit.objects.for_organisation(org)
                    .filter(parent__in=frontier)
                    .values_list("pk", flat=True)
                )
                - unit_ids
            )
            unit_ids |= frontier
    who = (
        Q(user__in=assignment.users.values("pk"))
        | Q(unit__in=unit_ids)
        | Q(job_role__in=assignment.job_roles.values("pk"))
    )
    return (
        Employment.objects.for_organisation(org)
        .filter(who, status=Employment.Status.ACTIVE)
        .select_related("user")
    )


def apply_assignment(assignment_id, organisation_id):
    """Enroll everyone the assignment reaches, under its organisation. Safe to
    run twice (enroll is idempotent); run again after people join a unit."""
    assignment = (
        Assignment.objects.for_organisation(organisation_id)
        .select_related("course")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        return 0
    count = 0
    for employment in list(assigned_employments(assignment)):
        if enroll(employment.user, assignment.course, organisation_id, assignment=assignment):
            count += 1
    return count


def assignment_ids():
    """(assignment id, organisation id) for every assignment: a national job."""
    return list(Assignment.objects.unscoped().values_list("pk", "organisation_id"))


# --- Lesson structure (cached) ----------------------------------------------


def reading_activity_id(lesson_id):
    return f"lesson-{lesson_id}"


def lesson_activities(lesson):
    """{activity id: {"kind", ...}} for a lesson: one reading activity for its
    text (every lesson has one unless it is only films and quizzes), each
    film (with its duration when the media library knows it) and each quiz."""
    activities = {}
    has_reading = False
    for child in lesson.body:
        if child.block_type == "video":
            media = child.value["video"]
            duration = float(getattr(media, "duration", 0) or 0)
            activities[child.id] = {"kind": "video", "duration": duration}
        elif child.block_type == "quiz":
            activities[child.id] = {"kind": "quiz", "pass_mark": child.value["pass_mark"]}
        else:
            has_reading = True
    if has_reading or not activities:
        activities[reading_activity_id(lesson.pk)] = {"kind": "text"}
    return activities


def cache_set(key, value, timeout=CACHE_SECONDS):
    # A cache that is down (Redis unreachable) must not fail learners' requests.
    try:
        cache.set(key, value, timeout)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable for %s", key)


def course_outline(course_id):
    """The live lessons of a course in order, each with its activities:
    [{"lesson_id", "activities"}]. Kept until content changes."""
    key = f"tracking:outline:{course_id}"
    version, found = kept([key])
    outline = found.get(key)
    if outline is None:
        lessons = CoursePage.objects.get(pk=course_id).lessons()
        outline = [
            {"lesson_id": lesson.pk, "activities": lesson_activities(lesson)} for lesson in lessons
        ]
        keep(version, {key: outline})
    return outline


def lesson_key(lesson_id):
    return f"tracking:lesson:{lesson_id}"


def _find_lesson_info(lesson_id):
    lesson = LessonPage.objects.live().public().filter(pk=lesson_id).first()
    parent = lesson.get_parent() if lesson else None
    if lesson is None or not parent.live:
        return {"course_id": None, "activities": {}}
    return {"course_id": parent.pk, "activities": lesson_activities(lesson)}


def kept(keys, raw=()):
    """One cache round trip for `keys`, the `raw` keys and the content
    version: (version, {key: value}). A value of `keys` is kept as (version,
    value) and found only under the same version, so content that changed
    since is simply not found; `raw` keys are answered as stored. A cache
    without a version gets a new one; the version is None only when the
    cache does not answer, and nothing is kept then (see keep)."""
    try:
        found = cache.get_many([page_cache.VERSION_KEY, *keys, *raw])
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable for %s", keys)
        return None, {}
    version = found.pop(page_cache.VERSION_KEY, None)
    answer = {key: found[key] for key in raw if key in found}
    if version is None:
        # A cache emptied since: start a new version (nothing kept under an
        # old one is found under it), so what is computed now can be kept.
        try:
            return page_cache.content_version(), answer
        except Exception:  # noqa: BLE001
            logger.warning("cache unavailable for the content version")
            return None, answer
    for key in keys:
        value = found.get(key)
        if isinstance(value, tuple) and len(value) == 2 and value[0] == version:
            answer[key] = value[1]
    return version, answer


def keep(version, values, timeout=CACHE_SECONDS):
    """Keep {key: value} under the content version read before computing them."""
    if version is None or not values:
        return
    try:
        cache.set_many({key: (version, value) for key, value in values.items()}, timeout)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable for %s", list(values))


def lesson_infos(lesson_ids, version=None, found=None):
    """{lesson id: {"course_id", "activities"} for a live, public lesson, or
    None}. Kept until content changes; pass what `kept` answered (with the
    lessons' keys among its keys) to spend no further round trip."""
    lesson_ids = list(dict.fromkeys(lesson_ids))
    if found is None:
        version, found = kept([lesson_key(pk) for pk in lesson_ids])
    infos, new = {}, {}
    for pk in lesson_ids:
        info = found.get(lesson_key(pk))
        if info is None:
            info = new[lesson_key(pk)] = _find_lesson_info(pk)
        infos[pk] = info if info["course_id"] else None
    keep(version, new)
    return infos


def lesson_info(lesson_id):
    """{"course_id", "activities"} for a live, public lesson, or None. Kept."""
    return lesson_infos([lesson_id])[lesson_id]


# --- Recording events -------------------------------------------------------


def record_events(enrollment, rows, last_lesson_id=None):
    """Store statements for one enrollment and mark it stale, in one
    transaction; ask for a fold after commit, unless one is already pending.
    `rows` are dicts of LearningEvent fields (id, lesson_id, activity_id,
    verb, result, timestamp, unit_id, job_role_id). A statement id already
    stored is skipped (primary key, not a lookup). Two statements to the
    database: one INSERT, one UPDATE."""
    events = [
        LearningEvent(
            enrollment_id=enrollment.pk,
            user_id=enrollment.user_id,
            course_id=enrollment.course_id,
            organisation_id=enrollment.organisation_id,
            **row,
        )
        for row in rows
    ]
    # A statement that can finish something (a text read to the end, a film
    # or a quiz done) is folded ahead of the stream of progress statements,
    # even when a progress fold is already waiting: the learner is waiting
    # to see "fullført". Progress alone rides on the pending fold.
    milestone = any(row["verb"] in MILESTONE_VERBS for row in rows)
    with transaction.atomic(savepoint=False):
        LearningEvent.objects.bulk_create(events, ignore_conflicts=True)
        newly_stale = _mark_stale(enrollment, last_lesson_id)
        if newly_stale or milestone:
            transaction.on_commit(lambda: _ask_for_fold(enrollment, newly_stale, milestone))


def _ask_for_fold(enrollment, newly_stale, milestone):
    """After commit: a fold when this request started a stale period, and an
    urgent one for a milestone unless one is already waiting (at most one
    urgent fold per enrollment is queued between two folds)."""
    urgent = milestone and _claim_urgent_fold(enrollment.pk)
    if newly_stale or urgent:
        queue_fold(enrollment.pk, enrollment.organisation_id, urgent=urgent)


def _urgent_key(enrollment_id):
    return f"tracking:urgent-fold:{enrollment_id}"


def _claim_urgent_fold(enrollment_id):
    try:
        return cache.add(_urgent_key(enrollment_id), 1, URGENT_MARK_SECONDS)
    except Exception:  # noqa: BLE001  (cache down: the broker likely is too)
        return True


def _mark_stale(enrollment, last_lesson_id):
    """Set the stale flag; True when this call set it (no fold pending yet).

    Always an UPDATE, never a read first: it waits for a fold that holds the
    row, so either the fold sees these events or the flag is set again after
    it. Only the call that starts the stale period (stale_since was empty)
    queues a fold, so a busy learner has one fold queued, not one per request;
    one that never ran (broker down) is the sweeper's."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    table = connection.ops.quote_name(Enrollment._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET stale = %s, stale_since = COALESCE(stale_since, %s), "  # noqa: S608
            "last_lesson_id = COALESCE(%s, last_lesson_id) "
            "WHERE id = %s AND organisation_id = %s RETURNING stale_since = %s",
            [True, now, last_lesson_id, enrollment.pk, enrollment.organisation_id, now],
        )
        row = cursor.fetchone()
    return bool(row and row[0])


# Statements after which a learner may expect to see something finished.
MILESTONE_VERBS = frozenset({"experienced", "completed", "answered", "passed", "failed"})
# Redis delivers a queue's lower numbers first (kombu's priority steps 0-9).
URGENT_PRIORITY, PROGRESS_PRIORITY = 0, 9
# How long "an urgent fold is queued" is believed without a fold clearing it.
URGENT_MARK_SECONDS = 30


def queue_fold(enrollment_id, organisation_id, urgent=False):
    """Ask a worker to fold; a broker that is down is logged, not raised:
    the enrollment stays stale and the sweeper folds it later. An urgent fold
    goes ahead of the progress folds waiting in the queue."""
    from .tasks import fold_enrollment_task

    priority = URGENT_PRIORITY if urgent else PROGRESS_PRIORITY
    try:
        fold_enrollment_task.apply_async(
            (enrollment_id, organisation_id), retry=False, priority=priority
        )
    except Exception:  # noqa: BLE001  (kombu/redis OperationalError, socket errors)
        logger.warning("broker unavailable; enrollment %s waits for the sweeper", enrollment_id)


def record_quiz_result(user, lesson, quiz_id, result, organisation=None, session=None):
    """Record the server's grading of a quiz as answered + passed/failed
    events. Enrolls the learner when needed (grading already checked that
    they may read the lesson). None for people with no employer."""
    enrollment = enroll(user, lesson.get_parent().specific, organisation, session=session)
    if enrollment is None:
        return None
    employment = learner_employment(user, enrollment.organisation_id)
    now = timezone.now()
    outcome = {"score": result.score, "success": result.passed, "pass_mark": result.pass_mark}
    rows = [
        {"verb": "answered", "result": outcome},
        {"verb": "passed" if result.passed else "failed", "result": outcome},
    ]
    for row in rows:
        row.update(
            id=uuid.uuid4(),
            lesson_id=lesson.pk,
            activity_id=quiz_id,
            timestamp=now,
            unit_id=employment.unit_id if employment else None,
            job_role_id=employment.job_role_id if employment else None,
        )
    record_events(enrollment, rows, last_lesson_id=lesson.pk)
    return enrollment


# --- Folding events into state ----------------------------------------------


def union(segments):
    """Sorted, merged [[start, end], ...]."""
    merged = []
    for start, end in sorted(segments):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _activity_state(kind, spec, events):
    """(progress, completed, passed, score, segments) for one activity."""
    if kind == "quiz":
        graded = [e for e in events if e["verb"] in ("answered", "passed", "failed")]
        scores = [e["result"].get("score") for e in graded if e["result"].get("score") is not None]
        passed = any(e["verb"] == "passed" for e in graded) if graded else None
        answered = any(e["verb"] == "answered" for e in graded)
        return (1.0 if answered else 0.0), answered, passed, (max(scores) if scores else None), []
    if kind == "video":
        played = [
            seg
            for e in events
            # Every video statement carries the union of real playback so far;
            # a seek moves the playhead and adds nothing to it.
            if e["verb"] in ("played", "paused", "seeked", "progressed", "completed")
            for seg in e["result"].get("segments", [])
        ]
        duration = spec.get("duration") or max(
            (e["result"].get("duration", 0) for e in events), default=0
        )
        if duration:
            played = [[max(0, s), min(duration, e)] for s, e in played if s < duration]
        segments = union(played)
        covered = sum(end - start for start, end in segments)
        progress = min(1.0, covered / duration) if duration else 0.0
        return progress, progress >= WATCHED, None, None, segments
    done = any(e["verb"] in ("experienced", "completed") for e in events)
    progress = max(
        [1.0 if done else 0.0]
        + [e["result"].get("progress", 0) / 100 for e in events if e["verb"] == "progressed"]
    )
    return min(progress, 1.0), done, None, None, []


def quiz_done(state, rule):
    """Whether a quiz counts as done for its lesson under the course's rule."""
    if rule in (Rule.PASSED, Rule.COMPLETED_AND_PASSED):
        return bool(state["passed"])
    return state["completed"]


def fold_enrollment(enrollment_id, organisation_id):
    """Recompute an enrollment's state from its events. Safe to run twice and
    concurrently: the stale flag is claimed with a conditional UPDATE in the
    same transaction that writes the state, so a crash rolls the claim back
    (the sweeper finds it again) and a second run finds nothing to do.
    Completion and passing only go up. Returns the enrollment or None."""
    try:  # what is stored from now on asks for an urgent fold again
        cache.delete(_urgent_key(enrollment_id))
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable; enrollment %s folded without it", enrollment_id)
    scoped = Enrollment.objects.for_organisation(organisation_id)
    before = scoped.filter(pk=enrollment_id, stale=True).only("pk", "reset_at").first()
    if before is None:
        return None
    # Read the events before taking the row, so the learner's next statements
    # (whose UPDATE waits for it) wait only for the writes, not the reading.
    events, count = _events(before, organisation_id)
    with transaction.atomic():
        if not scoped.filter(pk=enrollment_id, stale=True).update(stale=False, stale_since=None):
            return None
        enrollment = scoped.select_related("course", "user", "organisation").get(pk=enrollment_id)
        # Statements committed since the read (events are append-only, so the
        # count tells): read again, now that no more can commit before us.
        if (
            enrollment.reset_at != before.reset_at
            or _event_rows(enrollment, organisation_id).count() != count
        ):
            events, count = _events(enrollment, organisation_id)
        _fold(enrollment, events)
    return enrollment


def _event_rows(enrollment, organisation_id):
    rows = LearningEvent.objects.for_organisation(organisation_id).filter(
        enrollment_id=enrollment.pk
    )
    if enrollment.reset_at:
        # The server's clock, not the browser's: a skewed clock must not hide
        # what a learner did just after the reset.
        rows = rows.filter(stored_at__gte=enrollment.reset_at)
    return rows


def _events(enrollment, organisation_id):
    """(the distinct (activity, verb, result) of the events, how many events).

    The fold does not depend on their order or on repeats, and a busy learner
    repeats the same statement (a film's segments so far, a text read again)
    hundreds of times: the database groups them, so the fold reads one row
    per distinct statement rather than one per event."""
    rows = (
        _event_rows(enrollment, organisation_id)
        .order_by()
        .values("activity_id", "verb", "result")
        .annotate(n=Count("pk"))
    )
    events = list(rows)
    return events, sum(event.pop("n") for event in events)


def _fold(enrollment, events):
    course = enrollment.course
    rule = course.completion_rule
    outline = course_outline(course.pk)
    by_activity = {}
    for event in events:
        by_activity.setdefault(event["activity_id"], []).append(event)

    states, done_lessons, activities_done, activities_total, quizzes = [], [], 0, 0, []
    for lesson in outline:
        lesson_done = True
        for activity_id, spec in lesson["activities"].items():
            progress, completed, passed, score, segments = _activity_state(
                spec["kind"], spec, by_activity.get(activity_id, [])
            )
            state = {"completed": completed, "passed": passed}
            done = quiz_done(state, rule) if spec["kind"] == "quiz" else completed
            if spec["kind"] == "quiz":
                quizzes.append(state)
            lesson_done &= done
            activities_done += done
            activities_total += 1
            states.append(
                ActivityState(
                    organisation_id=enrollment.organisation_id,
                    enrollment_id=enrollment.pk,
                    lesson_id=lesson["lesson_id"],
                    activity_id=activity_id,
                    kind=spec["kind"],
                    segments=segments,
                    progress=progress,
                    completed=completed,
                    passed=passed,
                    score=score,
                )
            )
        if lesson_done:
            done_lessons.append(lesson["lesson_id"])
    ActivityState.objects.bulk_create(
        states,
        update_conflicts=True,
        unique_fields=["enrollment", "activity_id"],
        update_fields=["lesson", "kind", "segments", "progress", "completed", "passed", "score"],
    )

    now = timezone.now()
    lessons_done = len(done_lessons)
    all_lessons = bool(outline) and lessons_done == len(outline)
    all_passed = bool(quizzes) and all(q["passed"] for q in quizzes)
    complete = {
        Rule.COMPLETED: all_lessons,
        Rule.PASSED: all_passed if quizzes else all_lessons,
        Rule.COMPLETED_AND_PASSED: all_lessons and (all_passed or not quizzes),
        Rule.COMPLETED_OR_PASSED: all_lessons or all_passed,
    }.get(rule, all_lessons)

    old_status, old_passed = enrollment.status, enrollment.passed_at is not None
    if all_passed and enrollment.passed_at is None:
        enrollment.passed_at = now
    if complete and enrollment.completed_at is None:
        enrollment.completed_at = now
    if enrollment.completed_at is not None:
        enrollment.status = Enrollment.Status.COMPLETED
    elif by_activity:
        enrollment.status = Enrollment.Status.IN_PROGRESS
    if enrollment.status != Enrollment.Status.NOT_STARTED and enrollment.started_at is None:
        enrollment.started_at = now
    enrollment.lessons_total = len(outline)
    enrollment.lessons_completed = lessons_done
    enrollment.completed_lessons = done_lessons
    enrollment.progress_percent = (
        100
        if enrollment.completed_at
        else (100 * activities_done // activities_total if activities_total else 0)
    )
    enrollment.save(
        update_fields=[
            "status",
            "started_at",
            "completed_at",
            "passed_at",
            "lessons_total",
            "lessons_completed",
            "completed_lessons",
            "progress_percent",
        ]
    )
    if enrollment.completed_at and course.certificate_enabled:
        issue_certificate(enrollment)
    if (enrollment.status, enrollment.passed_at is not None) != (old_status, old_passed):
        _announce(enrollment, old_status)


def issue_certificate(enrollment):
    """The enrollment's certificate, made once: an unguessable code and
    snapshots of the names as they are now."""
    existing = Certificate.objects.for_organisation(enrollment.organisation_id).filter(
        enrollment=enrollment
    )
    certificate = existing.first()
    if certificate is None:
        user = enrollment.user
        certificate = Certificate.objects.create(
            enrollment=enrollment,
            organisation_id=enrollment.organisation_id,
            code=secrets.token_urlsafe(16),
            learner_name=user.get_full_name() or user.email,
            course_title=enrollment.course.title,
            organisation_name=enrollment.organisation.name,
        )
    return certificate


def sweep_stale(older_than_seconds=None, limit=500):
    """Fold enrollments left stale longer than the grace period (broker was
    down, a worker died). Returns how many it folded; at most `limit`, so
    the task can re-queue itself. Safe to run twice and alongside workers."""
    if older_than_seconds is None:
        older_than_seconds = settings.TRACKING_SWEEP_AFTER_SECONDS
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    stale = list(
        Enrollment.objects.unscoped()
        .filter(stale=True, stale_since__lte=cutoff)
        .order_by("stale_since")
        .values_list("pk", "organisation_id")[:limit]
    )
    folded = 0
    for enrollment_id, organisation_id in stale:
        try:
            folded += fold_enrollment(enrollment_id, organisation_id) is not None
        except Exception:
            logger.exception("folding enrollment %s failed; it stays stale", enrollment_id)
    return folded


# --- Reset ------------------------------------------------------------------


def reset_enrollment(enrollment, by, reason):
    """Start one learner's course over: an explicit admin action, logged with
    who and why. Events stored before now stop counting (the log itself is kept);
    the certificate is withdrawn. The caller checks that `by` administers
    the enrollment's organisation."""
    scoped = Enrollment.objects.for_organisation(enrollment.organisation_id)
    with transaction.atomic():
        enrollment = scoped.select_for_update().get(pk=enrollment.pk)
        ResetLog.objects.create(
            organisation_id=enrollment.organisation_id,
            enrollment=enrollment,
            reset_by=by,
            reason=reason,
            previous_status=enrollment.status,
        )
        old_status = enrollment.status
        ActivityState.objects.for_organisation(enrollment.organisation_id).filter(
            enrollment=enrollment
        ).delete()
        Certificate.objects.for_organisation(enrollment.organisation_id).filter(
            enrollment=enrollment
        ).delete()
        enrollment.reset_at = timezone.now()
        enrollment.status = Enrollment.Status.NOT_STARTED
        enrollment.started_at = enrollment.completed_at = enrollment.passed_at = None
        enrollment.progress_percent = enrollment.lessons_completed = 0
        enrollment.completed_lessons = []
        enrollment.stale, enrollment.stale_since = False, None
        enrollment.save()
        _announce(enrollment, old_status)
    return enrollment
