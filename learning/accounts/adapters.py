"""Our rules in allauth's terms. allauth does the sign-up, sign-in, e-mail
confirmation and password reset; this adapter decides what we decide:

* An address whose domain belongs to a municipality makes the person its
  employee when the address is confirmed; anyone else asked an organisation
  at sign-up and waits for its admin; a rejection stands (tenants.services).
* Mail is written in the account holder's language, greets them by a name
  fit for mail, and links start at the site's configured address, never at
  the Host header a request sent.
* Messages are ours, in Norwegian, and never say whether an address has an
  account.
"""

import time

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tenants.services import organisation_for_email, pending_organisations, site_root_url

from . import services
from .models import User


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Kontoen er stengt. Ta kontakt med administratoren i kommunen din."),
        "email_password_mismatch": _(
            "E-postadressen eller passordet er feil. Sjekk at du har skrevet riktig, "
            "eller be om nytt passord."
        ),
        "invalid_login": _(
            "E-postadressen eller passordet er feil. Sjekk at du har skrevet riktig, "
            "eller be om nytt passord."
        ),
        "too_many_login_attempts": _(
            "For mange mislykkede forsøk på å logge inn. Vent noen minutter og prøv igjen, "
            "eller be om nytt passord."
        ),
        "rate_limited": _("Du har prøvd for mange ganger på kort tid. Vent litt og prøv igjen."),
        "invalid_password_reset": _("Lenken virker ikke. Be om en ny lenke."),
        "enter_current_password": _("Skriv passordet du bruker nå."),
        "incorrect_password": _("Passordet stemmer ikke."),
        "incorrect_code": _("Koden stemmer ikke. Skriv koden appen viser nå."),
        "cannot_remove_primary_email": _("Du kan ikke fjerne e-postadressen du logger inn med."),
        "duplicate_email": _("Denne e-postadressen er allerede lagt til."),
        "same_as_current": _("Den nye verdien må være forskjellig fra den du har nå."),
    }

    # Where links in mail start.

    def _absolute(self, request, path):
        return site_root_url(request) + path

    def get_email_confirmation_url(self, request, emailconfirmation):
        return self._absolute(
            request, reverse("account_confirm_email", args=[emailconfirmation.key])
        )

    def get_reset_password_from_key_url(self, key):
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return self._absolute(self.request, path.replace("UID-KEY", key))

    def send_account_already_exists_mail(self, email):
        request = self.request
        context = {
            "signup_url": self._absolute(request, reverse("account_signup")),
            "password_reset_url": self._absolute(request, reverse("account_reset_password")),
            "login_url": self._absolute(request, reverse("account_login")),
        }
        self.send_mail("account/email/account_already_exists", email, context)

    def send_confirmation_mail(self, request, emailconfirmation, signup):
        user = emailconfirmation.email_address.user
        context = {
            "user": user,
            "activate_url": self.get_email_confirmation_url(request, emailconfirmation),
            "days": settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS,
            "email_organisation": organisation_for_email(emailconfirmation.email_address.email),
            "pending": pending_organisations(user),
        }
        self.send_mail(
            "account/email/email_confirmation", emailconfirmation.email_address.email, context
        )

    def send_mail(self, template_prefix, email, context):
        """In the account holder's language, not that of whoever asked."""
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        context = {**context, "name": services.name_for_mail(user) if user else ""}
        language = services.language_of(user) if user else translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    # Our rules.

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            user = email_address.user
            if email_address.email.lower() != user.email.lower():
                # A changed address (ACCOUNT_CHANGE_EMAIL): it is now the login.
                user.email = email_address.email.lower()
                user.save(update_fields=["email"])
            services.confirm_email(user)
        return confirmed

    def is_open_for_signup(self, request):
        return True

    def post_login(self, request, user, **kwargs):
        if not user.language:
            # Chosen in the footer before signing in: keep it on the account.
            services.remember_language(user, request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        return super().post_login(request, user, **kwargs)

    def is_reauthentication_required(self, *, app, **kwargs):
        """Setting up a second factor asks for the password again, unless the
        person signed in moments ago (within ACCOUNT_REAUTHENTICATION_TIMEOUT):
        staff sent there by the gate right after signing in are not asked twice."""
        request = self.request
        records = get_authentication_records(request, request.user)
        recent = records and (
            time.time() - records[-1]["at"] < allauth_settings.REAUTHENTICATION_TIMEOUT
        )
        if app == "allauth.mfa" and recent:
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def add_message(self, request, level, message_template=None, message_context=None, **kwargs):
        # "Signed in as ..." says what the page already shows; unconfirmed
        # people are told by the notice every page shows them (base.html).
        if message_template in (
            "account/messages/logged_in.txt",
            "account/messages/logged_out.txt",
            # The page the person lands on says where the mail went.
            "account/messages/email_confirmation_sent.txt",
        ):
            return
        super().add_message(request, level, message_template, message_context, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _(
            "Koden stemmer ikke. Skriv koden appen viser nå, eller en reservekode."
        ),
        "cannot_delete_authenticator": _(
            "Du kan ikke slå av totrinnsbekreftelse: du kan se andres personopplysninger."
        ),
        "unverified_email": _(
            "Du må bekrefte e-postadressen din før du kan slå på totrinnsbekreftelse."
        ),
        "add_email_blocked": _(
            "Du kan ikke legge til en e-postadresse mens totrinnsbekreftelse er slått på."
        ),
        "cannot_generate_recovery_codes": _(
            "Slå på totrinnsbekreftelse før du lager reservekoder."
        ),
    }

    def can_delete_authenticator(self, authenticator):
        """Staff who can see personal data keep a second factor: they may
        remove an app or a passkey only while another one remains."""
        from .mfa import needs_second_factor

        user = authenticator.user
        if not needs_second_factor(user):
            return True
        others = Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exclude(pk=authenticator.pk)
        return others.exists()

    def generate_authenticator_name(self, user, type):
        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        return _("Passnøkkel %(number)s") % {"number": count + 1}

    def get_public_key_credential_rp_entity(self):
        """Passkeys belong to the host the person is on (allauth's rule), or to
        SESSION_COOKIE_DOMAIN when the sign-in is shared across the
        organisations' sites under it: a passkey made on kongsberg.kurs.no
        then works on kurs.no and sortland.kurs.no too, as the session does.
        The host is one ALLOWED_HOSTS let through, and the browser only
        signs for an RP id its own origin may use."""
        entity = super().get_public_key_credential_rp_entity()
        host = entity["id"].lower()
        shared = (settings.SESSION_COOKIE_DOMAIN or "").lstrip(".").lower()
        if shared and (host == shared or host.endswith("." + shared)):
            entity["id"] = shared
        entity["name"] = settings.WAGTAIL_SITE_NAME
        return entity
