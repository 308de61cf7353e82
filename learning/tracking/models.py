"""Learner records: enrollments, the append-only event log and the state folded from it.

Every row carries the learner's employing organisation, unit and job role at
the time (from their active Employment), so reports never join through users
and stay right when people move. The contract with reports is in
/work/brief/TRACKING_SPEC.md; field names are fixed by it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tenants.scoping import ScopedManager
from tenants.tenancy import TenantOwnedModel


class LearnerContextModel(TenantOwnedModel):
    """Organisation (from TenantOwnedModel), unit and job role at the time."""

    unit = models.ForeignKey(
        "tenants.Unit",
        verbose_name=_("enhet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    job_role = models.ForeignKey(
        "tenants.JobRole",
        verbose_name=_("stilling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager()

    class Meta:
        abstract = True


class Assignment(TenantOwnedModel):
    """An organisation's admin asks named people, units or job roles to take a course."""

    organisation = models.ForeignKey(
        "tenants.Organisation",
        verbose_name=_("organisasjon"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("kurs"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    due_date = models.DateField(_("frist"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tildelt av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("personer"), blank=True, related_name="+"
    )
    units = models.ManyToManyField(
        "tenants.Unit", verbose_name=_("enheter"), blank=True, related_name="+"
    )
    include_subunits = models.BooleanField(_("ta med underenheter"), default=True)
    job_roles = models.ManyToManyField(
        "tenants.JobRole", verbose_name=_("stillinger"), blank=True, related_name="+"
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("tildeling")
        verbose_name_plural = _("tildelinger")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.course} ({self.organisation})"


class Enrollment(LearnerContextModel):
    """One learner taking one course for one employer. State folded from events."""

    class Source(models.TextChoices):
        SELF = "self", _("Påmeldt selv")
        ASSIGNED = "assigned", _("Tildelt")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Ikke startet")
        IN_PROGRESS = "in_progress", _("Påbegynt")
        COMPLETED = "completed", _("Fullført")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("kurs"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    enrolled_at = models.DateTimeField(_("påmeldt"), auto_now_add=True, db_index=True)
    source = models.CharField(
        _("kilde"), max_length=10, choices=Source.choices, default=Source.SELF
    )
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("tildeling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrollments",
    )
    due_date = models.DateField(_("frist"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    completed_at = models.DateTimeField(_("fullført"), null=True, blank=True)
    passed_at = models.DateTimeField(_("bestått"), null=True, blank=True)
    progress_percent = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    lessons_completed = models.PositiveSmallIntegerField(_("leksjoner fullført"), default=0)
    lessons_total = models.PositiveSmallIntegerField(_("leksjoner i alt"), default=0)
    # Page ids of the lessons done, so course pages tick them off in one query.
    completed_lessons = models.JSONField(default=list, blank=True)
    last_lesson = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("siste leksjon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set (with stale_since) in the transaction that stores events; cleared by
    # the fold in the transaction that writes the state it computed.
    stale = models.BooleanField(default=False, db_index=True)
    stale_since = models.DateTimeField(null=True, blank=True)
    # Events stored before the last reset no longer count.
    reset_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("kursdeltakelse")
        verbose_name_plural = _("kursdeltakelser")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "organisation"], name="one_enrollment_per_employer"
            )
        ]
        indexes = [
            # Reports' gap list: an organisation's open assignments by due date
            # (learning.reports.municipal.gap_list), without reading the rest.
            models.Index(
                fields=["organisation", "due_date"],
                name="enrollment_open_assignment",
                condition=(Q(source="assigned") | Q(assignment__isnull=False))
                & ~Q(status="completed"),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.course}"

    @property
    def passed(self):
        return self.passed_at is not None


class LearningEvent(LearnerContextModel):
    """An xAPI-shaped statement, as received (append-only). The id is the
    statement id the browser made, so a resend is a no-op by the primary key."""

    class Verb(models.TextChoices):
        EXPERIENCED = "experienced"
        PROGRESSED = "progressed"
        ANSWERED = "answered"
        PASSED = "passed"
        FAILED = "failed"
        COMPLETED = "completed"
        PLAYED = "played"
        PAUSED = "paused"
        SEEKED = "seeked"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    activity_id = models.CharField(max_length=64)
    verb = models.CharField(max_length=12, choices=Verb.choices)
    result = models.JSONField(default=dict, blank=True)
    timestamp = models.DateTimeField()
    stored_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("læringshendelse")
        verbose_name_plural = _("læringshendelser")
        indexes = [models.Index(fields=["enrollment", "timestamp"])]

    def __str__(self):
        return f"{self.verb} {self.activity_id}"


class ActivityState(TenantOwnedModel):
    """What the events say about one activity (a text, a film, a quiz) of a lesson."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Tekst")
        VIDEO = "video", _("Video")
        QUIZ = "quiz", _("Quiz")

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="activity_states"
    )
    lesson = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    activity_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=5, choices=Kind.choices)
    segments = models.JSONField(default=list, blank=True)
    progress = models.FloatField(default=0.0)
    completed = models.BooleanField(default=False)
    passed = models.BooleanField(null=True)
    score = models.FloatField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("aktivitetsstatus")
        verbose_name_plural = _("aktivitetsstatuser")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "activity_id"], name="one_state_per_activity"
            )
        ]

    def __str__(self):
        return f"{self.activity_id}: {self.progress:.0%}"


class Certificate(TenantOwnedModel):
    """Proof of a completed course. Names are snapshots: they stay as issued."""

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(_("kontrollkode"), max_length=32, unique=True)
    issued_at = models.DateTimeField(_("utstedt"), auto_now_add=True)
    learner_name = models.CharField(_("navn"), max_length=300)
    course_title = models.CharField(_("kurs"), max_length=255)
    organisation_name = models.CharField(_("organisasjon"), max_length=200)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("kursbevis")
        verbose_name_plural = _("kursbevis")

    def __str__(self):
        return self.code


class ResetLog(TenantOwnedModel):
    """Who reset whose progress on which course, and why (an audit trail)."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="reset_logs")
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("begrunnelse"))
    created_at = models.DateTimeField(auto_now_add=True)
    previous_status = models.CharField(max_length=12, choices=Enrollment.Status.choices)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("tilbakestilling")
        verbose_name_plural = _("tilbakestillinger")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.enrollment} ({self.created_at:%Y-%m-%d})"
