"""The audit log, the anonymous counts left by erased accounts, and the two
pages the law asks for (privacy notice and accessibility statement)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.fields import RichTextField

from tenants.scoping import ScopedManager
from tenants.tenancy import TenantOwnedModel


class AuditEntry(TenantOwnedModel):
    """Someone looked at or exported personal learning data of this
    organisation. Append-only: nothing in the code updates or deletes a row,
    and the admin shows it read-only. Holds ids and a path, never names."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("Så på")
        EXPORTED = "exported", _("Eksporterte")

    organisation = models.ForeignKey(
        "tenants.Organisation",
        verbose_name=_("organisasjon"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hvem"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("handling"), max_length=10, choices=Action.choices)
    what = models.CharField(_("hva"), max_length=100)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("om person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    path = models.CharField(_("adresse"), max_length=500)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("innsynslogg")
        verbose_name_plural = _("innsynslogg")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.what}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)


class ErasedEnrollments(TenantOwnedModel):
    """How many enrollments of people who deleted their account had these
    properties: what the rollups need (learning/reports/rollups.py), and
    nothing that points at a person. Erasing merges into an existing row of
    the same kind, so rows do not line up with people."""

    organisation = models.ForeignKey(
        "tenants.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey("tenants.Unit", null=True, on_delete=models.SET_NULL, related_name="+")
    job_role = models.ForeignKey(
        "tenants.JobRole", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12)
    assigned = models.BooleanField()
    enrolled_on = models.DateField()
    started_on = models.DateField(null=True)
    completed_on = models.DateField(null=True)
    passed_on = models.DateField(null=True)
    count = models.PositiveIntegerField(default=0)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("anonyme kursdeltakelser")
        verbose_name_plural = _("anonyme kursdeltakelser")
        # No unique constraint (SQLite cannot make NULLs equal in one):
        # readers sum `count`, so two rows of one kind add up the same.

    def __str__(self):
        return f"{self.count} × {self.course_id}"


class LegalText(models.Model):
    """The privacy notice or the accessibility statement: one each for the
    whole platform, written by KS, shown at /personvern/ and /tilgjengelighet/."""

    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("Personvernerklæring")
        ACCESSIBILITY = "accessibility", _("Tilgjengelighetserklæring")

    kind = models.CharField(_("side"), max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(_("tittel"), max_length=200)
    body = RichTextField(_("tekst"))
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    class Meta:
        verbose_name = _("lovpålagt side")
        verbose_name_plural = _("lovpålagte sider")
        ordering = ["kind"]

    def __str__(self):
        return self.title
