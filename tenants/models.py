"""Organisations are the tenants: every learner record carries one."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .employers import ForgetsEmployersOnBulkWrites
from .scoping import ScopedManager, ScopedQuerySet
from .tenancy import TenantOwnedModel


class OrganisationQuerySet(ForgetsEmployersOnBulkWrites, models.QuerySet):
    pass


class EmploymentQuerySet(ForgetsEmployersOnBulkWrites, ScopedQuerySet):
    pass


class Organisation(ClusterableModel):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("Nasjonal")
        COUNTY = "county", _("Fylkeskommune")
        MUNICIPALITY = "municipality", _("Kommune")
        REGION = "region", _("Region")

    class SizeClass(models.TextChoices):
        # SSB's usual split by population.
        SMALL = "small", _("Liten (under 5 000)")
        MEDIUM = "medium", _("Mellomstor (5 000–19 999)")
        LARGE = "large", _("Stor (20 000 og over)")

    class WrittenForm(models.TextChoices):
        BOKMAL = "bokmal", _("Bokmål")
        NYNORSK = "nynorsk", _("Nynorsk")
        NEUTRAL = "neutral", _("Nøytral")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    # kommunenummer (4 digits) or fylkesnummer (2 digits); blank for KS and regions.
    number = models.CharField(
        _("nummer"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{2}(\d{2})?$", _("Bruk 2 eller 4 sifre."))],
    )
    slug = models.SlugField(_("kortnavn"), max_length=80, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    sami_name = models.CharField(_("samisk navn"), max_length=200, blank=True)
    county = models.ForeignKey(
        "self",
        verbose_name=_("fylke"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="county_municipalities",
        limit_choices_to={"kind": "county"},
    )
    members = models.ManyToManyField(
        "self",
        verbose_name=_("medlemskommuner"),
        symmetrical=False,
        blank=True,
        related_name="regions",
        limit_choices_to={"kind": "municipality"},
    )
    population = models.PositiveIntegerField(_("innbyggere"), null=True, blank=True)
    size_class = models.CharField(
        _("størrelse"), max_length=10, choices=SizeClass.choices, blank=True
    )
    written_form = models.CharField(
        _("målform"), max_length=10, choices=WrittenForm.choices, blank=True
    )
    administrative_centre = models.CharField(_("administrasjonssenter"), max_length=200, blank=True)
    website = models.URLField(_("nettsted"), blank=True)
    headcount = models.PositiveIntegerField(
        _("antall ansatte"),
        null=True,
        blank=True,
        help_text=_(
            "Brukes som nevner når andelen ansatte som har tatt et kurs regnes ut. "
            "Ved import anslås tallet til 8,5 % av innbyggertallet når det ikke er "
            "oppgitt; rett det gjerne."
        ),
    )
    brand_name = models.CharField(_("navn i toppfeltet"), max_length=200, blank=True)
    brand_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    brand_colour = models.CharField(
        _("profilfarge"),
        max_length=7,
        default="#1f4e79",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Bruk en heksadesimal farge, f.eks. #1f4e79."))
        ],
    )

    # Set by provisioning (tenants.services.provision_organisation).
    site = models.OneToOneField(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisation",
    )
    root_page = models.OneToOneField(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    editors_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    admins_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Bulk writes forget the employers kept per person (tenants/employers.py).
    objects = models.Manager.from_queryset(OrganisationQuerySet)()

    class Meta:
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"],
                condition=~models.Q(number=""),
                name="unique_number_per_kind",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def label(self):
        """The name as a chooser shows it, telling namesakes apart by kind and
        county: "Herøy (Nordland)", "Oslo kommune", "Oslo fylkeskommune".
        Reads `county`: select it with the organisation."""
        if self.kind == self.Kind.COUNTY:
            return f"{self.name} fylkeskommune"
        if self.kind == self.Kind.MUNICIPALITY:
            county = self.county.name if self.county_id else ""
            if not county or county == self.name:
                return f"{self.name} kommune"
            return f"{self.name} ({county})"
        if self.kind == self.Kind.REGION:
            return f"{self.name} (region)"
        return self.name

    @property
    def county_name(self):
        """The county a chooser groups this organisation under ("" for KS and regions)."""
        if self.kind == self.Kind.COUNTY:
            return self.name
        return self.county.name if self.county_id else ""

    @property
    def is_provisioned(self):
        return self.site_id is not None

    is_provisioned.fget.short_description = _("har nettsted")  # the admin's column heading


class EmailDomain(models.Model):
    """An e-mail domain whose owners are this organisation's employees."""

    tenancy_exempt = (
        "Part of the organisation's public profile (which addresses it employs), "
        "edited inline on the organisation; read by sign-up for everyone."
    )

    # A ParentalKey so domains can be edited inline on the organisation.
    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="email_domains")
    domain = models.CharField(_("domene"), max_length=253, unique=True)

    class Meta:
        verbose_name = _("e-postdomene")
        verbose_name_plural = _("e-postdomener")
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)


class Unit(TenantOwnedModel):
    """A place inside an organisation: sektor → arbeidssted."""

    class Kind(models.TextChoices):
        SECTOR = "sector", _("Sektor")
        WORKPLACE = "workplace", _("Arbeidssted")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.SECTOR)
    name = models.CharField(_("navn"), max_length=200)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "parent", "name"], name="unique_unit_name"
            )
        ]

    def __str__(self):
        return self.name


class JobRole(TenantOwnedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="job_roles"
    )
    name = models.CharField(_("navn"), max_length=200)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("stilling")
        verbose_name_plural = _("stillinger")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_job_role_name")
        ]

    def __str__(self):
        return self.name


class Employment(TenantOwnedModel):
    """Who employs whom, from when to when. A person may hold several."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Venter på godkjenning")
        ACTIVE = "active", _("Godkjent")
        REJECTED = "rejected", _("Avvist")
        ENDED = "ended", _("Avsluttet")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employments"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="employments"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="employments"
    )
    job_role = models.ForeignKey(
        JobRole, null=True, blank=True, on_delete=models.SET_NULL, related_name="employments"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    start_date = models.DateField(_("fra"), null=True, blank=True)
    end_date = models.DateField(_("til"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Scoped; bulk writes forget the employers kept per person.
    objects = ScopedManager.from_queryset(EmploymentQuerySet)()

    class Meta:
        verbose_name = _("ansettelse")
        verbose_name_plural = _("ansettelser")
        ordering = ["-start_date", "-created_at"]
        indexes = [models.Index(fields=["organisation", "status"])]
        constraints = [
            # One open employment per person and organisation: a double submit
            # must not count a person twice in uptake rates.
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=models.Q(status__in=["pending", "active"]),
                name="one_open_employment_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class IdentityProvider(TenantOwnedModel):
    """An organisation's OpenID Connect provider (single sign-on).

    People whose e-mail domain belongs to the organisation (its EmailDomain
    rows) are sent here to sign in, and a provider may sign in only those
    addresses. A national provider (ID-porten, Feide), enabled by KS, serves
    everyone and makes nobody an employee by itself. The client secret is
    stored encrypted (tenants.sso) and never shown again once saved.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="identity_providers"
    )
    name = models.CharField(
        _("navn på knappen"),
        max_length=200,
        help_text=_("Vises som «Logg inn med …», for eksempel «Kongsberg kommune»."),
    )
    slug = models.SlugField(
        _("kortnavn"),
        max_length=80,
        unique=True,
        help_text=_("Del av adressen innloggingen kommer tilbake til; endres ikke etter oppstart."),
    )
    issuer = models.URLField(
        _("utsteder (issuer)"),
        help_text=_(
            "OpenID Connect-utstederen, for eksempel "
            "https://login.microsoftonline.com/<tenant-id>/v2.0."
        ),
    )
    client_id = models.CharField(_("klient-ID"), max_length=255)
    client_secret_encrypted = models.TextField(editable=False, blank=True)
    email_claim = models.CharField(
        _("claim med e-postadressen"),
        max_length=100,
        default="email",
        help_text=_("Vanligvis «email»; i noen Entra ID-oppsett «upn» eller «preferred_username»."),
    )
    employees_at_once = models.BooleanField(
        _("blir ansatt med en gang"),
        default=False,
        help_text=_(
            "Uten dette venter den som logger inn første gang, på godkjenning fra en administrator."
        ),
    )
    national = models.BooleanField(
        _("nasjonal (for alle)"),
        default=False,
        help_text=_(
            "ID-porten, Feide: tilbys alle og gjør ingen til ansatt. Bare KS kan slå dette på."
        ),
    )
    enabled = models.BooleanField(_("i bruk"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("innloggingstjeneste")
        verbose_name_plural = _("innloggingstjenester")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def has_client_secret(self):
        return bool(self.client_secret_encrypted)

    def set_client_secret(self, secret):
        from .sso import encrypt_secret

        self.client_secret_encrypted = encrypt_secret(secret)

    def get_client_secret(self):
        from .sso import decrypt_secret

        return decrypt_secret(self.client_secret_encrypted) if self.client_secret_encrypted else ""
