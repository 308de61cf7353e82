"""Retention: raw learning events older than EVENT_RETENTION_DAYS go.

The event log is the source the fold recomputes state from, so old events
cannot simply vanish: a learner who comes back to a course would lose the
progress they stood for. For each enrollment with old events, in one
transaction: fold it if it is stale, replace its old events with one summary
statement per activity, written from the folded state (ActivityState), and
delete them. Folding again gives the same progress, completion and score.
Enrollments (completions), certificates and rollups are not touched.
"""

import datetime
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from learning.tracking import services as tracking
from learning.tracking.models import ActivityState, Enrollment, LearningEvent


def cutoff():
    return timezone.now() - datetime.timedelta(days=settings.EVENT_RETENTION_DAYS)


def organisations_with_old_events():
    """Ids of organisations with events past the retention period (system job)."""
    return list(
        LearningEvent.objects.unscoped()
        .filter(stored_at__lt=cutoff())
        .values_list("organisation_id", flat=True)
        .distinct()
        .order_by()
    )


def delete_old_events(organisation_id, limit=500):
    """Summarise and delete the old events of up to `limit` of one
    organisation's enrollments. Returns how many enrollments it handled.
    Safe to run twice: the second run finds no old events."""
    before = cutoff()
    events = LearningEvent.objects.for_organisation(organisation_id)
    enrollment_ids = list(
        events.filter(stored_at__lt=before)
        .values_list("enrollment_id", flat=True)
        .distinct()
        .order_by()[:limit]
    )
    for enrollment_id in enrollment_ids:
        tracking.fold_enrollment(enrollment_id, organisation_id)  # no-op unless stale
        _summarise(enrollment_id, organisation_id, before)
    return len(enrollment_ids)


@transaction.atomic
def _summarise(enrollment_id, organisation_id, before):
    enrollment = (
        Enrollment.objects.for_organisation(organisation_id)
        .select_for_update()
        .filter(pk=enrollment_id, stale=False)
        .first()
    )
    if enrollment is None:
        return  # statements arrived meanwhile: the next run, after the fold
    old = LearningEvent.objects.for_organisation(organisation_id).filter(
        enrollment_id=enrollment_id, stored_at__lt=before
    )
    durations, latest = {}, None
    for activity_id, result, timestamp in old.values_list("activity_id", "result", "timestamp"):
        duration = (result or {}).get("duration") or 0
        durations[activity_id] = max(durations.get(activity_id, 0), duration)
        latest = max(latest, timestamp) if latest else timestamp
    if latest is None:
        return
    states = ActivityState.objects.for_organisation(organisation_id).filter(
        enrollment_id=enrollment_id
    )
    summary = [
        LearningEvent(
            id=uuid.uuid4(),
            organisation_id=organisation_id,
            unit_id=enrollment.unit_id,
            job_role_id=enrollment.job_role_id,
            enrollment_id=enrollment_id,
            user_id=enrollment.user_id,
            course_id=enrollment.course_id,
            lesson_id=state.lesson_id,
            activity_id=state.activity_id,
            verb=verb,
            result=result,
            timestamp=latest,
        )
        for state in states
        for verb, result in _statements(state, durations.get(state.activity_id, 0))
    ]
    old.delete()
    LearningEvent.objects.bulk_create(summary)


def _statements(state, duration):
    """(verb, result) pairs that fold back into `state` (tracking.services._activity_state)."""
    if state.kind == ActivityState.Kind.QUIZ:
        if not state.completed:
            return []
        score = {"score": state.score} if state.score is not None else {}
        pairs = [("answered", score)]
        if state.passed is not None:
            pairs.append(("passed" if state.passed else "failed", score))
        return pairs
    if state.kind == ActivityState.Kind.VIDEO:
        if not state.segments:
            return []
        result = {"segments": state.segments}
        if duration:
            result["duration"] = duration
        return [("progressed", result)]
    if state.completed:
        return [("experienced", {})]
    if state.progress:
        return [("progressed", {"progress": round(state.progress * 100)})]
    return []
