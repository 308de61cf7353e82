from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants import services as tenant_services
from tenants.services import SESSION_KEY, active_employers, current_organisation, site_root_url

from . import forms, services
from .models import User

SIGNUP_SESSION_KEY = "accounts:signup_user_id"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = forms.SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            if form.chosen_organisation is not None:
                tenant_services.request_employment(user, form.chosen_organisation)
        # A language chosen in the footer before signing up is their choice.
        services.remember_language(user, request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        services.send_confirmation_email(request, user)
        request.session[SIGNUP_SESSION_KEY] = user.pk
        return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


def signup_done(request):
    user = User.objects.filter(pk=request.session.get(SIGNUP_SESSION_KEY)).first()
    if user is None:
        return redirect("accounts:signup")
    context = {
        "new_user": user,
        "email_organisation": services.organisation_for_email(user.email),
        "pending": services.pending_organisations(user),
    }
    return render(request, "accounts/signup_done.html", context)


def _invalid_link(request, expired):
    context = {"expired": expired, "form": forms.ResendConfirmationForm()}
    return render(request, "accounts/confirm_invalid.html", context, status=400)


def confirm(request, token):
    """GET shows a password field, POST confirms. Mail scanners that open every
    link must not confirm addresses or receive a logged-in session, and the
    mailbox alone must not switch on a password its owner did not choose:
    someone who signed up in their name knows the password but not the link,
    the owner knows the link but not the password (they choose their own
    through "glemt passord", which also confirms)."""
    try:
        user = services.user_for_confirmation_token(token)
    except signing.SignatureExpired:
        return _invalid_link(request, expired=True)
    except signing.BadSignature:
        return _invalid_link(request, expired=False)

    form = None
    if not user.email_confirmed:
        data = request.POST if request.method == "POST" else None
        form = forms.ConfirmEmailForm(user, data)
        if data is not None:
            if form.is_valid():
                services.confirm_email(user)
                login(request, user, backend=MODEL_BACKEND)
                messages.success(request, _("Takk! E-postadressen din er bekreftet."))
                return redirect("accounts:status")
            context = {"confirm_user": user, "form": form}
            return render(request, "accounts/confirm.html", context, status=400)
    return render(request, "accounts/confirm.html", {"confirm_user": user, "form": form})


def resend_confirmation(request):
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    form = forms.ResendConfirmationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email=email, is_active=True, email_confirmed=False).first()
        if user is not None:
            services.send_confirmation_email(request, user)
        # The same answer whether or not the address has an account.
        return render(request, "accounts/resend_confirmation_done.html", {"email": email})
    return render(request, "accounts/resend_confirmation.html", {"form": form})


class LoginView(auth_views.LoginView):
    form_class = forms.LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        # Unconfirmed people are told by the notice every page shows them
        # (base.html); a message here would say it a second time.
        user = form.get_user()
        if not user.language:
            # Chosen in the footer before signing in: keep it on the account.
            services.remember_language(
                user, self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            )
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.AccountPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Links start at the site's configured address, not the Host header.
        self.extra_email_context = {"base_url": site_root_url(self.request)}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.AccountSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The reset link reached the mailbox, which is what confirmation proves.
        services.confirm_email(form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


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
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    pending = services.pending_organisations(request.user)
    context = {
        "state": services.learner_state(request.user),
        "pending_names": get_text_list([org.name for org in pending], _("og")),
        "employers": list(active_employers(request.user).order_by("name")),
        "next_url": next_url,
    }
    return render(request, "accounts/status.html", context)
