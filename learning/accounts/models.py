from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        # Made by an operator in the shell: the address needs no confirming.
        extra_fields.update(is_staff=True, is_superuser=True)
        extra_fields.setdefault("email_confirmed", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. E-mail is the login; no national ID number, ever."""

    email = models.EmailField(_("e-postadresse"), unique=True)
    first_name = models.CharField(_("fornavn"), max_length=150, blank=True)
    last_name = models.CharField(_("etternavn"), max_length=150, blank=True)
    is_staff = models.BooleanField(_("tilgang til administrasjon"), default=False)
    is_active = models.BooleanField(_("aktiv"), default=True)
    email_confirmed = models.BooleanField(_("e-post bekreftet"), default=False)
    date_joined = models.DateTimeField(_("registrert"), default=timezone.now)
    # Blank until the person chooses: then their site's written form decides.
    language = models.CharField(
        _("språk"), max_length=10, choices=settings.LANGUAGES, blank=True, default=""
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email
