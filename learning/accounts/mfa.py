"""Two-factor authentication for the people who can see others' personal data.

Editors and organisation admins (anyone let into the Wagtail admin), unit
leaders, KS analysts and superusers must have signed in with a second factor
(allauth.mfa: an authenticator app, a passkey or a recovery code) before they
reach the admin or the reports. A sign-in with a passkey alone counts: the
passkey is something the person has, unlocked by their fingerprint, face or
PIN (user verification, which allauth requires for it). Learners may turn
it on; nobody else is asked.

One gate, SecondFactorMiddleware: someone who must and has no second factor
is sent to set one up; someone who has one but signed in this session
without it (e.g. through a provider that did not vouch for one) is asked
for a code.
"""

from urllib.parse import urlencode

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from django.shortcuts import redirect
from django.urls import reverse

from tenants import services as tenant_services
from tenants.services import organisations_administered_by

# Permissions that open personal data (strings, so no app imports another).
ADMIN_PERMISSION = "wagtailadmin.access_admin"
NATIONAL_REPORTS_PERMISSION = "reports.view_national_reports"

# Paths behind the gate: the admin and the reports (the JSON API uses
# analysts' tokens, not sessions, and holds aggregates only).
PROTECTED_PREFIXES = ("/admin/", "/rapporter/")
NEXT_SESSION_KEY = "accounts_mfa_next"


def needs_second_factor(user):
    """True for someone who can see other people's personal data."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_superuser
        or user.has_perm(ADMIN_PERMISSION)
        or user.has_perm(NATIONAL_REPORTS_PERMISSION)
        or organisations_administered_by(user).exists()
        # Unit leaders (learning.reports.models.UnitLeader, related_name).
        or user.led_units.exists()
    )


def signed_in_with_second_factor(request):
    """Whether this session's sign-in included a second factor: a code or a
    passkey through allauth.mfa, or a provider whose ID token says it asked for one (`amr`)."""
    if tenant_services.signed_in_with_providers_second_factor(request):
        return True
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._gate(request)
        return response if response is not None else self.get_response(request)

    def _gate(self, request):
        if not request.path.startswith(PROTECTED_PREFIXES):
            return None
        user = getattr(request, "user", None)
        if user is None or not needs_second_factor(user):
            return None
        if signed_in_with_second_factor(request):
            return None
        challenge = ask_for_second_factor(user, request.get_full_path())
        if challenge is not None:
            return challenge
        # Where to go once the recovery codes are saved (their page links it).
        request.session[NEXT_SESSION_KEY] = request.get_full_path()
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('mfa_activate_totp')}?{query}")


def ask_for_second_factor(user, next_url):
    """A redirect to where `user` proves their second factor (the app's code,
    else their passkey) and then goes on to `next_url`; None if they have none."""
    query = urlencode({"next": next_url})
    if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
    if is_mfa_enabled(user, [Authenticator.Type.WEBAUTHN]):
        return redirect(f"{reverse('mfa_reauthenticate_webauthn')}?{query}")
    return None
