from urllib.parse import urlencode

from allauth.account import app_settings as allauth_settings
from allauth.account import views as allauth_views
from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from allauth.account.internal.flows.login import perform_login, record_authentication
from allauth.account.models import EmailAddress, Login
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.base.views import AuthenticateView as AuthenticateViewBase
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView as ActivateTOTPViewBase
from allauth.mfa.webauthn import views as webauthn_views
from allauth.mfa.webauthn.internal import auth as webauthn_auth

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from learning.redirects import safe_next_url
from tenants import services as tenant_services
from tenants.services import SESSION_KEY, active_employers, current_organisation

from . import forms, mfa, services
from .models import User

# What the sign-up page sent, for the "check your mail" page: the same
# answer whether or not the address already had an account.
SIGNUP_SESSION_KEY = "accounts:signup"


class SignupView(allauth_views.SignupView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("accounts:profile")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        organisation = form.chosen_organisation
        self.request.session[SIGNUP_SESSION_KEY] = {
            "email": form.cleaned_data["email"],
            "organisation": organisation.pk if organisation is not None else None,
        }
        return super().form_valid(form)


def verification_sent(request):
    """After sign-up, and after a sign-in with an unconfirmed address."""
    signup = request.session.get(SIGNUP_SESSION_KEY) or {}
    email = signup.get("email", "")
    context = {
        "signup_email": email,
        "email_organisation": services.organisation_for_email(email) if email else None,
        "chosen_organisation": services.selectable_organisations()
        .filter(pk=signup.get("organisation"))
        .first(),
    }
    return render(request, "account/verification_sent.html", context)


def _confirmation_for_key(key):
    """(EmailAddress, None) for a valid link, else (None, "expired"/"invalid").

    allauth's keys are signed and name the address; one for an address that
    has since been removed or changed no longer works."""
    max_age = 60 * 60 * 24 * settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS
    try:
        pk = signing.loads(key, max_age=max_age, salt=allauth_settings.SALT)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    address = (
        EmailAddress.objects.select_related("user").filter(pk=pk, user__is_active=True).first()
    )
    if address is None:
        return None, "invalid"
    return address, None


@sensitive_post_parameters("password")
@never_cache
def confirm_email(request, key):
    """GET shows a password field, POST confirms. Mail scanners that open every
    link must not confirm addresses or receive a logged-in session, and the
    mailbox alone must not switch on a password its owner did not choose:
    someone who signed up in their name knows the password but not the link,
    the owner knows the link but not the password (they choose their own
    through "glemt passord", which also confirms)."""
    address, problem = _confirmation_for_key(key)
    if address is None:
        context = {"expired": problem == "expired", "form": forms.ResendConfirmationForm()}
        return render(request, "account/email_confirm_invalid.html", context, status=400)

    form = None
    if not address.verified:
        data = request.POST if request.method == "POST" else None
        form = forms.ConfirmEmailForm(request, address, data)
        if data is not None:
            if form.is_valid():
                return _confirm_and_sign_in(request, address)
            context = {"address": address, "form": form}
            return render(request, "account/email_confirm.html", context, status=400)
    return render(request, "account/email_confirm.html", {"address": address, "form": form})


def _confirm_and_sign_in(request, address):
    adapter = get_adapter(request)
    if request.user.is_authenticated and request.user.pk != address.user_id:
        adapter.logout(request)
    adapter.confirm_email(request, address)
    # The password was typed: a sign-in like any other (a second factor
    # still asked for by allauth's login stages if the person has one).
    user = address.user
    record_authentication(request, user, method="password", email=address.email)
    login = Login(user=user, email=address.email, redirect_url=reverse("accounts:status"))
    return perform_login(request, login)


def resend_confirmation(request):
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    form = forms.ResendConfirmationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email=email, is_active=True, email_confirmed=False).first()
        if user is not None:
            address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
            if address is None:
                address = EmailAddress.objects.create(user=user, email=email, primary=True)
            # Under allauth's limit of one mail per address every few minutes.
            send_verification_email_to_address(request, address)
        # The same answer whether or not the address has an account.
        return render(request, "accounts/resend_confirmation_done.html", {"email": email})
    return render(request, "accounts/resend_confirmation.html", {"form": form})


class LoginView(allauth_views.LoginView):
    """E-mail first: the address decides whether the person signs in here
    with a password or at their organisation's identity provider (single
    sign-on, services.identity_provider_for_email). Deep links (?next=) are
    carried through both steps."""

    def post(self, request, *args, **kwargs):
        if "password" in request.POST:
            return super().post(request, *args, **kwargs)
        email_form = forms.LoginEmailForm(request.POST)
        if not email_form.is_valid():
            return self.render_to_response(self.get_context_data(email_form=email_form))
        email = email_form.cleaned_data["login"]
        provider_url = services.identity_provider_for_email(email)
        if provider_url is not None:
            next_url = self.get_next_url()
            if next_url:
                separator = "&" if "?" in provider_url else "?"
                provider_url += separator + urlencode({"next": next_url})
            return redirect(provider_url)
        # The same password form whether or not the address has an account.
        form = self.get_form_class()(initial={"login": email}, request=request)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_password = self.request.method == "POST" and "email_form" not in kwargs
        if not show_password:
            context["email_form"] = kwargs.get("email_form") or forms.LoginEmailForm()
            # ID-porten, Feide and the like, if KS has enabled them for everyone.
            next_url = self.get_next_url() or ""
            context["national_providers"] = [
                (provider.name, tenant_services.start_url(provider, next_url))
                for provider in tenant_services.national_identity_providers()
            ]
        return context


class ActivateTOTPView(ActivateTOTPViewBase):
    """allauth's, and the code that switched the app on counts as this
    session's second factor: staff sent here by the gate go on at once."""

    def form_valid(self, form):
        response = super().form_valid(form)
        record_authentication(self.request, self.request.user, method="mfa", type="totp")
        return response


class AuthenticateView(AuthenticateViewBase):
    """allauth's second step of a sign-in, told which factors the person has:
    the code field for an app or recovery codes, the button for a passkey."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        types = set(
            Authenticator.objects.filter(user=self.stage.login.user).values_list("type", flat=True)
        )
        context["has_totp"] = Authenticator.Type.TOTP in types
        context["has_codes"] = context["has_totp"] or Authenticator.Type.RECOVERY_CODES in types
        context["has_passkey"] = Authenticator.Type.WEBAUTHN in types
        return context


class AddPasskeyView(webauthn_views.AddWebAuthnView):
    """allauth's, asking the browser for a passkey (a discoverable key,
    unlocked with fingerprint, face or PIN) rather than any security key,
    and counting the new passkey as this session's second factor, as a
    switched-on app does (ActivateTOTPView): staff sent by the gate go on.

    Someone who already has a second factor proves it first: else a sign-in
    with one factor (a provider that vouched for none) could add a passkey
    and with it pass for two."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not mfa.signed_in_with_second_factor(request):
            challenge = mfa.ask_for_second_factor(request.user, request.get_full_path())
            if challenge is not None:
                return challenge
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        options = webauthn_auth.begin_registration(self.request.user, passwordless=True)
        context["js_data"] = {"creation_options": options}
        context["next_url"] = self._next_url()
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        record_authentication(self.request, self.request.user, method="mfa", type="webauthn")
        next_url = self._next_url()
        if next_url and not self.did_generate_recovery_codes:
            return redirect(next_url)
        return response

    def get_success_url(self):
        if self.did_generate_recovery_codes:
            return reverse("mfa_view_recovery_codes")
        return reverse("mfa_list_webauthn")

    def _next_url(self):
        next_url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        return safe_next_url(self.request, next_url)


class ReauthenticatePasskeyView(webauthn_views.ReauthenticateWebAuthnView):
    """allauth's, but a refused passkey leads back here (allauth's goes to
    the login page, which a signed-in person has no use for)."""

    def form_invalid(self, form):
        for error in form.errors.get("credential", []):
            messages.error(self.request, error)
        query = urlencode({"next": self.get_next_url() or ""})
        return redirect(f"{reverse('mfa_reauthenticate_webauthn')}?{query}")


class RemovePasskeyView(webauthn_views.RemoveWebAuthnView):
    """allauth's, but staff keep a second factor (MFAAdapter)."""

    def form_valid(self, form):
        if not get_mfa_adapter().can_delete_authenticator(self.object):
            messages.error(
                self.request,
                _(
                    "Du kan ikke fjerne den eneste passnøkkelen din: du kan se andres "
                    "personopplysninger og må ha totrinnsbekreftelse. Legg til en ny "
                    "passnøkkel eller en autentiseringsapp først."
                ),
            )
            return redirect("mfa_list_webauthn")
        return super().form_valid(form)


def _render_profile(request, switch_form=None, status=200):
    user = request.user
    employers = list(active_employers(user).order_by("name"))
    if switch_form is None and len(employers) > 1:
        current = current_organisation(request)
        switch_form = forms.SwitchOrganisationForm(
            user, initial={"organisation": getattr(current, "pk", None)}
        )
    context = {
        "employments": user.employments.select_related("organisation").order_by(
            "organisation__name"
        ),
        "switch_form": switch_form,
        "request_form": forms.RequestEmploymentForm(user),
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
def profile(request):
    return _render_profile(request)


@login_required
@require_POST
def switch_organisation(request):
    form = forms.SwitchOrganisationForm(request.user, request.POST)
    if not form.is_valid():
        return _render_profile(request, switch_form=form, status=400)
    org = form.cleaned_data["organisation"]
    request.session[SESSION_KEY] = org.pk
    messages.success(request, _("Du ser nå kursene til %(org)s.") % {"org": org.name})
    return redirect("accounts:profile")


@login_required
def request_employment(request):
    form = forms.RequestEmploymentForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = form.cleaned_data["organisation"]
        tenant_services.request_employment(request.user, org)
        messages.success(
            request,
            _(
                "Forespørselen er sendt til %(org)s. Du får tilgang når en "
                "administrator der har godkjent den."
            )
            % {"org": org.name},
        )
        return redirect("accounts:profile")
    return render(request, "accounts/request_employment.html", {"form": form})


@login_required
def status(request):
    """Where learner_required sends people who cannot take courses yet."""
    next_url = safe_next_url(request, request.GET.get("next", ""))
    pending = services.pending_organisations(request.user)
    context = {
        "state": services.learner_state(request.user),
        "pending_names": get_text_list([org.name for org in pending], _("og")),
        "employers": list(active_employers(request.user).order_by("name")),
        "next_url": next_url,
    }
    return render(request, "accounts/status.html", context)
