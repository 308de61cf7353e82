"""Uptake rollups (what every report reads), unit leaders, exports and API tokens.

Reports never read the raw event log: Celery keeps two rollups, both
recomputed from tracking's enrollments one organisation × course at a time
(`services.refresh_course`), so running a refresh twice is harmless.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import JobRole, Organisation, Unit
from tenants.scoping import ScopedManager
from tenants.tenancy import TenantOwnedModel


class CourseDayRollup(TenantOwnedModel):
    """How many of an organisation's enrollments in a course were made,
    started, completed, passed (and how many were assigned) on one day.
    A period's figure is the sum of its days."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    enrolled = models.PositiveIntegerField(default=0)
    started = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    passed = models.PositiveIntegerField(default=0)
    assigned = models.PositiveIntegerField(default=0)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("opptak per dag")
        verbose_name_plural = _("opptak per dag")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "course", "day"], name="unique_course_day_rollup"
            )
        ]
        indexes = [models.Index(fields=["day", "organisation"])]
        permissions = [
            ("view_national_reports", _("Kan se nasjonale rapporter (bare aggregerte tall)")),
        ]


class UnitRollup(TenantOwnedModel):
    """Where an organisation's people stand in a course now, per unit and job role."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    job_role = models.ForeignKey(
        JobRole, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    not_started = models.PositiveIntegerField(default=0)
    in_progress = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("status per enhet")
        verbose_name_plural = _("status per enhet")
        indexes = [models.Index(fields=["organisation", "course"])]


class RollupState(TenantOwnedModel):
    """When an organisation's rollups were last refreshed (shown on every report)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="rollup_state"
    )
    refreshed_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("oppdateringstidspunkt")


class UnitLeader(TenantOwnedModel):
    """A person who leads a unit: they see it and its sub-units, down to people.
    Set by the organisation's admins."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="unit_leaders"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="led_units"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="leaders")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("enhetsleder")
        verbose_name_plural = _("enhetsledere")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="unique_unit_leader")]

    def __str__(self):
        return f"{self.user} – {self.unit}"


class ExportJob(models.Model):
    """A large export built by Celery; only the person who asked may download it."""

    tenancy_exempt = (
        "Owned by the person who asked: every read filters on requested_by, and the "
        "file holds only what that person's dashboard showed."
    )

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Lages")
        DONE = "done", _("Ferdig")
        FAILED = "failed", _("Feilet")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # None: the national (KS) report; else the organisation's own report.
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    report = models.CharField(max_length=20)  # "national" / "municipal"
    file_format = models.CharField(max_length=4)  # "csv" / "xlsx"
    query = models.CharField(max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="reports/exports/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("eksport")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.report}.{self.file_format} ({self.get_status_display()})"


def _new_token():
    return secrets.token_urlsafe(32)


def token_digest(secret):
    """SHA-256 of a token, hex. A plain hash suffices (no salt, no slow KDF):
    the secret is 256 random bits, not a password anyone could guess."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A KS analyst's token for the JSON API (BI tools). Aggregates only.
    Only the token's digest is stored: the token itself is shown once, when
    it is made (`issue`), and a copy of the database opens nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_tokens"
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("API-nøkkel")

    def __str__(self):
        return f"API-nøkkel for {self.user}"

    @classmethod
    def issue(cls, user):
        """A new token for `user`: (row, secret). The secret is not kept."""
        secret = _new_token()
        return cls.objects.create(user=user, digest=token_digest(secret)), secret

    @classmethod
    def user_for(cls, secret):
        """The user a presented token belongs to, or None."""
        found = cls.objects.filter(digest=token_digest(secret)).select_related("user").first()
        return found.user if found else None


class AnalystSubscription(models.Model):
    """A KS analyst who wants the weekly e-mail (a link, never figures)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_subscription"
    )
    weekly_email = models.BooleanField(_("ukentlig e-post"), default=False)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return str(self.user)
