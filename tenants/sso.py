"""Single sign-on through an organisation's OpenID Connect provider.

allauth's `openid_connect` provider does the protocol (state, PKCE, code
exchange, and the ID token's issuer, audience and expiry); its apps are built
here from our `IdentityProvider` rows instead of allauth's SocialApp table, so
an organisation's admin edits them in our admin, scoped to their organisation.
Our rules sit in the adapter: the e-mail comes from the claim the organisation
named, its domain must belong to the provider's organisation, the account is
created or linked by that verified address (never by a national ID number),
and the employment follows (tenants.services).
"""

import base64
import hashlib

import requests
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base import AuthProcess
from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from wagtail.admin.forms import WagtailAdminModelForm

from learning.redirects import safe_next_url

from .models import IdentityProvider
from .services import (
    SECOND_FACTOR_SESSION_KEY,
    employ_through_identity_provider,
    organisation_for_email,
)

PROVIDER = "openid_connect"  # allauth's provider class for every row
# Claims that may carry a national identity number (ID-porten's `pid`, Feide's
# `norEduPersonNIN`): never used, never stored with the account.
NATIONAL_ID_CLAIMS = {"pid", "nin", "norEduPersonNIN", "national_id", "fnr", "ssn"}


# --- the client secret, encrypted at rest ------------------------------------


def _fernet():
    """Keyed by SSO_SECRET_KEY (or the file SSO_SECRET_KEY_FILE names) when
    set, else derived from SECRET_KEY; SECRET_KEY_FALLBACKS still decrypt."""
    explicit = getattr(settings, "SSO_SECRET_KEY", "")
    sources = [explicit] if explicit else [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet(
        [
            Fernet(
                base64.urlsafe_b64encode(hashlib.sha256(f"kompetanse.sso:{s}".encode()).digest())
            )
            for s in sources
        ]
    )


def encrypt_secret(secret):
    return _fernet().encrypt(secret.encode()).decode()


def decrypt_secret(token):
    """The secret, or "" when it cannot be decrypted (the key changed): the
    provider then refuses our client and the admin enters the secret again."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


# --- allauth -------------------------------------------------------------------


def social_app(row):
    """An (unsaved) allauth SocialApp for `row`. The ID token must name the
    issuer configured here, whatever the discovery document says."""
    return SocialApp(
        provider=PROVIDER,
        provider_id=row.slug,
        name=row.name,
        client_id=row.client_id,
        secret=row.get_client_secret(),
        settings={
            "server_url": row.issuer.rstrip("/"),
            "oauth_pkce_enabled": True,
            "openid_configuration_overrides": {"issuer": row.issuer},
            # Only national providers get a button of their own on allauth's
            # pages; an organisation's is reached through the e-mail address.
            "hidden": not row.national,
        },
    )


def refuse(request, message, status=403):
    raise ImmediateHttpResponse(
        render(request, "tenants/sso_refused.html", {"message": message}, status=status)
    )


def claims_of(sociallogin):
    """The ID token's claims, overlaid by those from the userinfo endpoint."""
    data = sociallogin.account.extra_data or {}
    return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}


def _scrub(data):
    if isinstance(data, dict):
        return {k: _scrub(v) for k, v in data.items() if k not in NATIONAL_ID_CLAIMS}
    return data


def _provider_row(sociallogin):
    # Sign-in comes before anyone's organisation is known: a system lookup.
    return IdentityProvider.objects.unscoped().filter(slug=sociallogin.account.provider).first()


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        rows = IdentityProvider.objects.unscoped().filter(enabled=True)
        if provider and provider != PROVIDER:
            rows = rows.filter(slug=provider)
        if client_id:
            rows = rows.filter(client_id=client_id)
        return apps + [social_app(row) for row in rows]

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        """A forged or reused state, a refused code, or an ID token with the
        wrong audience, issuer or expiry ends here: nobody is signed in."""
        refuse(
            request,
            _(
                "Innloggingen kunne ikke bekreftes, og du er ikke logget inn. "
                "Start innloggingen på nytt fra innloggingssiden."
            ),
            status=400,
        )

    def save_user(self, request, sociallogin, form=None):
        # allauth records the provider's verified address itself when it
        # saves a new user; confirm ours only afterwards, or accounts' save
        # hook would record it first and allauth refuses a second record.
        sociallogin.user.email_confirmed = False
        user = super().save_user(request, sociallogin, form)
        user.email_confirmed = True
        user.save(update_fields=["email_confirmed"])
        return user

    def pre_social_login(self, request, sociallogin):
        row = _provider_row(sociallogin)
        if row is None or not row.enabled:
            refuse(request, _("Denne innloggingstjenesten er ikke i bruk lenger."))
        sociallogin.account.extra_data = _scrub(sociallogin.account.extra_data)
        claims = claims_of(sociallogin)
        email = str(claims.get(row.email_claim) or "").strip().lower()
        if "@" not in email:
            refuse(
                request,
                _(
                    "%(provider)s oppga ingen e-postadresse, og uten den finner vi ikke "
                    "kontoen din. Logg inn med e-post og passord i stedet."
                )
                % {"provider": row.name},
            )
        if row.national:
            if str(claims.get("email_verified")).lower() != "true":
                refuse(
                    request,
                    _(
                        "%(provider)s har ikke bekreftet e-postadressen din. Logg inn med "
                        "e-post og passord i stedet."
                    )
                    % {"provider": row.name},
                )
        elif organisation_for_email(email) != row.organisation:
            # A provider vouches only for its own organisation's addresses.
            refuse(
                request,
                _(
                    "%(provider)s kan bare logge inn personer med e-postadresse i "
                    "%(organisation)s. %(email)s hører ikke til der, så du er ikke "
                    "logget inn. Bruk innloggingen til din egen arbeidsgiver, eller "
                    "logg inn med e-post og passord."
                )
                % {"provider": row.name, "organisation": row.organisation.label, "email": email},
            )

        sociallogin.email_addresses = [EmailAddress(email=email, verified=True, primary=True)]
        if sociallogin.is_existing:
            return
        sociallogin.user.email = email
        sociallogin.user.email_confirmed = True
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is not None:
            if not user.is_active:
                refuse(request, _("Kontoen er stengt. Ta kontakt med administratoren din."))
            if not user.email_confirmed:
                # The provider vouches for the address. A password set by
                # whoever signed up with it unconfirmed may be a stranger's
                # (an account made in the owner's name): it goes.
                user.set_unusable_password()
                user.email_confirmed = True
                user.save(update_fields=["password", "email_confirmed"])
            sociallogin.connect(request, user)


# `amr` values (RFC 8176) that say the provider asked for more than a password.
SECOND_FACTOR_AMR = {"mfa", "otp", "hwk", "swk", "sms", "fpt", "face", "iris", "retina", "sc"}


def vouches_for_second_factor(claims):
    """Whether the ID token says the provider asked for a second factor."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    acr = str(claims.get("acr") or "")
    # ID-porten's "substantial"/"high" (idporten-loa-*) always mean two factors.
    return bool(SECOND_FACTOR_AMR.intersection(amr)) or acr.endswith(("substantial", "high"))


def on_user_logged_in(sender, request, user, sociallogin=None, **kwargs):
    """allauth's user_logged_in: after a sign-in through a provider, the
    address is confirmed and the person is (or asks to be) an employee, and
    the session remembers whether the provider asked for a second factor."""
    request.session.pop(SECOND_FACTOR_SESSION_KEY, None)
    if sociallogin is None:
        return
    if vouches_for_second_factor(claims_of(sociallogin)):
        request.session[SECOND_FACTOR_SESSION_KEY] = True
    row = _provider_row(sociallogin)
    if row is not None:
        employ_through_identity_provider(user, row)


# --- the admin form ------------------------------------------------------------


class IdentityProviderForm(WagtailAdminModelForm):
    """An organisation's identity provider, for its admins (and KS). The
    client secret is write-only: never shown, kept when left empty; only KS
    may make a provider national."""

    issuer = forms.URLField(
        label=IdentityProvider._meta.get_field("issuer").verbose_name,
        help_text=IdentityProvider._meta.get_field("issuer").help_text,
        assume_scheme="https",
        max_length=200,
    )
    client_secret = forms.CharField(
        label=gettext_lazy("klienthemmelighet"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = IdentityProvider
        fields = [
            "organisation",
            "name",
            "slug",
            "issuer",
            "client_id",
            "email_claim",
            "employees_at_once",
            "national",
            "enabled",
        ]

    def __init__(self, *args, user, organisations, **kwargs):
        super().__init__(*args, for_user=user, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].label_from_instance = lambda org: org.label
        if self.instance.has_client_secret:
            self.fields["client_secret"].help_text = gettext_lazy(
                "Lagret. Skriv en ny bare hvis du vil bytte den."
            )
        if not user.has_perm("tenants.change_organisation"):
            del self.fields["national"]

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("client_secret") and not self.instance.has_client_secret:
            self.add_error(
                "client_secret",
                _("Skriv inn klienthemmeligheten du fikk da tjenesten ble registrert."),
            )
        return cleaned_data

    def validate_unique(self):
        # The slug names the provider in URLs, across organisations (a system check).
        slug = self.cleaned_data.get("slug")
        taken = IdentityProvider.objects.unscoped().filter(slug=slug).exclude(pk=self.instance.pk)
        if slug == PROVIDER or (slug and taken.exists()):
            self.add_error("slug", _("Kortnavnet er allerede i bruk. Velg et annet."))

    def save(self, commit=True):
        if self.cleaned_data.get("client_secret"):
            self.instance.set_client_secret(self.cleaned_data["client_secret"])
        return super().save(commit)


# --- views ---------------------------------------------------------------------


@require_GET
def start(request, slug):
    """Send the person to `slug`'s provider; they come back to allauth's
    callback and from there to `next`. A GET, so the login page can redirect
    here once it knows the address."""
    row = get_object_or_404(IdentityProvider.objects.unscoped(), slug=slug, enabled=True)
    provider = get_social_adapter().get_provider(request, row.slug)
    try:
        return provider.redirect(
            request, AuthProcess.LOGIN, next_url=safe_next_url(request, request.GET.get("next", ""))
        )
    except requests.RequestException:
        # Discovery failed: the provider is down or its issuer is wrong.
        return render(
            request,
            "tenants/sso_refused.html",
            {
                "message": _(
                    "%(provider)s svarer ikke akkurat nå. Prøv igjen om litt, eller logg "
                    "inn med e-post og passord."
                )
                % {"provider": row.name}
            },
            status=502,
        )
