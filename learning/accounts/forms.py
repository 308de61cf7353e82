from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.webauthn import forms as webauthn_forms

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tenants import services as tenant_services
from tenants.models import Employment
from tenants.organisation_fields import OrganisationChoiceField
from tenants.services import active_employers

from . import services

ORGANISATION_HELP = _(
    "Velg kommunen eller fylkeskommunen du jobber i. Registrerer du deg med "
    "jobbadressen din i kommunen, kjenner vi den igjen og du trenger ikke velge."
)
PASSWORD_MISMATCH = _("Passordene er ikke like. Skriv det samme passordet i begge feltene.")


class PlainLabelsMixin:
    """No trailing colon after labels; Norwegian forms do not use one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def email_field(autocomplete="email", label=None, **kwargs):
    return forms.EmailField(
        label=label or _("E-postadresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": autocomplete}),
        **kwargs,
    )


def relabel_passwords(form, first, second=None):
    """allauth's password fields with our labels; the help text stays on the first."""
    for name, label in (first, second or (None, None)):
        if name and name in form.fields:
            form.fields[name].label = label
            form.fields[name].widget.attrs.pop("placeholder", None)


class SignupForm(PlainLabelsMixin, allauth_forms.SignupForm):
    """allauth's sign-up with our names and "where do you work?".

    An address whose domain belongs to an organisation decides the employer
    (on confirmation); anyone else chooses one and waits for its admin."""

    first_name = forms.CharField(
        label=_("Fornavn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Etternavn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    organisation = OrganisationChoiceField(
        label=_("Hvor jobber du?"),
        queryset=services.selectable_organisations(),
        required=False,
        empty_label=_("Velg kommune eller fylkeskommune"),
        help_text=ORGANISATION_HELP,
    )

    field_order = ["first_name", "last_name", "email", "organisation", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = _("E-postadresse")
        email.help_text = _("Bruk jobbadressen din hvis du har en.")
        email.widget.attrs.pop("placeholder", None)
        email.widget.attrs["autocomplete"] = "email"
        relabel_passwords(self, ("password1", _("Passord")), ("password2", _("Gjenta passordet")))
        if "password2" in self.fields:
            self.fields["password2"].help_text = _("Skriv det samme passordet en gang til.")
        self.email_organisation = None

    def _clean_name(self, field):
        name = self.cleaned_data[field]
        if not services.is_plain_name(name):
            raise forms.ValidationError(
                _("Skriv bare navnet ditt, uten lenker, e-postadresser eller linjeskift."),
                code="not_a_name",
            )
        return name

    def clean_first_name(self):
        return self._clean_name("first_name")

    def clean_last_name(self):
        return self._clean_name("last_name")

    def clean(self):
        cleaned = super().clean()
        if "password2" in self.errors:
            # allauth's own wording, in English for nynorsk: ours instead.
            self.errors["password2"] = self.error_class([PASSWORD_MISMATCH])
        email = cleaned.get("email")
        if email:
            self.email_organisation = services.organisation_for_email(email)
            if self.email_organisation is None and not cleaned.get("organisation"):
                self.add_error(
                    "organisation",
                    _(
                        "Vi kjenner ikke igjen e-postadressen som en adresse i en kommune. "
                        "Velg hvor du jobber, så sender vi forespørselen dit for godkjenning."
                    ),
                )
        return cleaned

    @property
    def chosen_organisation(self):
        """The organisation to ask for approval, or None when the address decides."""
        if self.email_organisation is not None:
            return None
        return self.cleaned_data.get("organisation")

    def custom_signup(self, request, user):
        # Called by allauth for a new account only, never for an address that
        # already has one (that gets a mail instead; the page looks the same).
        if self.chosen_organisation is not None:
            tenant_services.request_employment(user, self.chosen_organisation)
        # A language chosen in the footer before signing up is their choice.
        services.remember_language(user, request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))


class LoginEmailForm(PlainLabelsMixin, forms.Form):
    """The login page's first step: the address alone, so single sign-on can
    take over for organisations that have it."""

    login = email_field(autocomplete="username")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].widget.attrs["autofocus"] = True

    def clean_login(self):
        return self.cleaned_data["login"].strip().lower()


class LoginForm(PlainLabelsMixin, allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("E-postadresse")
        login.widget.attrs.pop("placeholder", None)
        login.widget.attrs["autocomplete"] = "username"
        relabel_passwords(self, ("password", _("Passord")))
        self.fields["password"].help_text = ""
        # The second step: the address is already typed, the password is next.
        login.widget.attrs.pop("autofocus", None)
        self.fields["password"].widget.attrs["autofocus"] = True

    def clean_login(self):
        return super().clean_login().lower()


class ConfirmEmailForm(PlainLabelsMixin, forms.Form):
    """Confirming an address needs the password chosen at sign-up as well as
    the link: whoever holds the mailbox must not switch on a password someone
    else chose (an account made in their name before they signed up).
    Wrong passwords count towards allauth's limit on failed logins."""

    password = forms.CharField(
        label=_("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Passordet du valgte da du registrerte deg."),
        error_messages={"required": _("Skriv passordet du valgte da du registrerte deg.")},
    )

    def __init__(self, request, email_address, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.email_address = email_address

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = get_adapter(self.request).authenticate(
            self.request, email=self.email_address.email, password=password
        )
        if user is None or user.pk != self.email_address.user_id:
            raise forms.ValidationError(
                _(
                    "Passordet stemmer ikke. Skriv passordet du valgte da du registrerte "
                    "deg, eller lag et nytt passord med lenken under."
                ),
                code="wrong_password",
            )
        return password


class ResendConfirmationForm(PlainLabelsMixin, forms.Form):
    email = email_field()


class ResetPasswordForm(PlainLabelsMixin, allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"] = email_field()

    def clean_email(self):
        # Mail goes to the address as we hold it, not as typed.
        self.cleaned_data["email"] = self.cleaned_data["email"].strip().lower()
        return super().clean_email()


class OurMismatchMessageMixin:
    """allauth's "type the same password each time", in our words."""

    def clean(self):
        cleaned = super().clean()
        if "password2" in self.errors:
            self.errors["password2"] = self.error_class([PASSWORD_MISMATCH])
        return cleaned


class ResetPasswordKeyForm(
    OurMismatchMessageMixin, PlainLabelsMixin, allauth_forms.ResetPasswordKeyForm
):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel_passwords(
            self, ("password1", _("Nytt passord")), ("password2", _("Gjenta det nye passordet"))
        )


class ChangePasswordForm(
    OurMismatchMessageMixin, PlainLabelsMixin, allauth_forms.ChangePasswordForm
):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel_passwords(self, ("oldpassword", _("Passordet du bruker nå")))
        self.fields["oldpassword"].help_text = ""  # the page links to "forgot password"
        relabel_passwords(
            self, ("password1", _("Nytt passord")), ("password2", _("Gjenta det nye passordet"))
        )


class SetPasswordForm(OurMismatchMessageMixin, PlainLabelsMixin, allauth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel_passwords(self, ("password1", _("Passord")), ("password2", _("Gjenta passordet")))


class ChangeEmailForm(PlainLabelsMixin, allauth_forms.AddEmailForm):
    """The address one signs in with, changed: allauth sends a confirmation
    to the new one and switches when it is confirmed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"] = email_field(label=_("Ny e-postadresse"))


class PasswordReauthenticateForm(PlainLabelsMixin, allauth_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel_passwords(self, ("password", _("Passord")))
        self.fields["password"].help_text = ""  # the page links to "forgot password"


class SwitchOrganisationForm(PlainLabelsMixin, forms.Form):
    """Choose among the user's own active employers; any other id is invalid."""

    organisation = forms.ModelChoiceField(
        label=_("Jeg jobber nå for"), queryset=None, empty_label=None
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_employers(user).order_by("name")


class RequestEmploymentForm(PlainLabelsMixin, forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisasjon"),
        queryset=None,
        empty_label=_("Velg kommune eller fylkeskommune"),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        taken = user.employments.filter(
            status__in=[Employment.Status.PENDING, Employment.Status.ACTIVE]
        ).values_list("organisation_id", flat=True)
        self.fields["organisation"].queryset = services.selectable_organisations().exclude(
            pk__in=list(taken)
        )


class CodeLabelMixin:
    """allauth.mfa's code field with our label, for phones' one-time-code fill."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = _("Kode")
        code.help_text = _("Seks sifre fra autentiseringsappen, eller en reservekode.")
        code.widget.attrs.pop("placeholder", None)
        code.widget.attrs.update({"autocomplete": "one-time-code", "inputmode": "numeric"})


class AuthenticateForm(CodeLabelMixin, PlainLabelsMixin, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateForm(CodeLabelMixin, PlainLabelsMixin, mfa_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(CodeLabelMixin, PlainLabelsMixin, totp_forms.ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("Seks sifre fra autentiseringsappen.")


# What fido2 raises on a credential with missing or mistyped members, where
# allauth expects only its ValidationError (allauth 65.22, fido2 2.2).
MALFORMED = (KeyError, TypeError, ValueError)
PASSKEY_REFUSED = _("Passnøkkelen ble ikke godtatt. Prøv igjen, eller bruk en annen måte.")


class PasskeyNameMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = self.fields["name"]
        name.label = _("Navn på passnøkkelen")
        name.help_text = _(
            "For at du skal kjenne den igjen, for eksempel «Jobbmobilen» eller «Bærbar PC»."
        )
        name.max_length = 100
        name.widget.attrs.update({"maxlength": 100, "autocomplete": "off"})


class AddPasskeyForm(PasskeyNameMixin, PlainLabelsMixin, webauthn_forms.AddWebAuthnForm):
    """Always a passkey: a key the device keeps (discoverable) and unlocks with
    fingerprint, face or PIN (user verification), so it signs in on its own
    and counts as a second factor. No "passwordless" choice to get wrong."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("passwordless", None)

    def clean(self):
        if self.errors.pop("credential", None):
            # Missing or not JSON: said once, not against a hidden field.
            raise forms.ValidationError(PASSKEY_REFUSED, code="incorrect_code")
        self.cleaned_data["passwordless"] = True  # user verification required
        try:
            return super().clean()
        except (forms.ValidationError, *MALFORMED) as error:
            raise forms.ValidationError(PASSKEY_REFUSED, code="incorrect_code") from error


class EditPasskeyForm(PasskeyNameMixin, PlainLabelsMixin, webauthn_forms.EditWebAuthnForm):
    pass


class PasskeyErrorMixin:
    """allauth answers any failed passkey ceremony with its "incorrect code"
    message, which here speaks of the authenticator app; and a malformed
    credential is a refusal too, not a server error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        errors = self.fields["credential"].error_messages
        errors.update({"required": PASSKEY_REFUSED, "invalid": PASSKEY_REFUSED})

    def clean_credential(self):
        try:
            return super().clean_credential()
        except (forms.ValidationError, *MALFORMED) as error:
            if getattr(error, "code", None) == "too_many_login_attempts":
                raise
            raise forms.ValidationError(PASSKEY_REFUSED, code="incorrect_code") from error


class LoginPasskeyForm(PasskeyErrorMixin, webauthn_forms.LoginWebAuthnForm):
    pass


class AuthenticatePasskeyForm(PasskeyErrorMixin, webauthn_forms.AuthenticateWebAuthnForm):
    pass


class ReauthenticatePasskeyForm(PasskeyErrorMixin, webauthn_forms.ReauthenticateWebAuthnForm):
    pass
