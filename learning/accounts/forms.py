from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tenants.models import Employment
from tenants.organisation_fields import OrganisationChoiceField
from tenants.services import active_employers

from . import services
from .models import User

ORGANISATION_HELP = _(
    "Velg kommunen eller fylkeskommunen du jobber i. Registrerer du deg med "
    "jobbadressen din i kommunen, kjenner vi den igjen og du trenger ikke velge."
)


class PlainLabelsMixin:
    """No trailing colon after labels; Norwegian forms do not use one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def new_password_field(label, help_text=""):
    """A password being chosen: not stripped, and marked for password managers."""
    return forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=help_text,
    )


class SignupForm(PlainLabelsMixin, BaseUserCreationForm):
    password1 = new_password_field(
        _("Passord"), password_validation.password_validators_help_text_html()
    )
    password2 = new_password_field(
        _("Gjenta passordet"), _("Skriv det samme passordet en gang til.")
    )
    organisation = OrganisationChoiceField(
        label=_("Hvor jobber du?"),
        queryset=services.selectable_organisations(),
        required=False,
        empty_label=_("Velg kommune eller fylkeskommune"),
        help_text=ORGANISATION_HELP,
    )

    error_messages = {
        "password_mismatch": _(
            "Passordene er ikke like. Skriv det samme passordet i begge feltene."
        ),
    }

    class Meta:
        model = User
        fields = ("first_name", "last_name", "email")
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.pop("autofocus", None)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["email"].help_text = _("Bruk jobbadressen din hvis du har en.")
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

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "Det finnes allerede en konto med denne e-postadressen. "
                    "Logg inn, eller be om nytt passord hvis du har glemt det."
                ),
                code="duplicate_email",
            )
        return email

    def clean(self):
        cleaned = super().clean()
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


class LoginForm(PlainLabelsMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-postadresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "E-postadressen eller passordet er feil. Sjekk at du har skrevet riktig, "
            "eller be om nytt passord."
        ),
        "inactive": _("Kontoen er stengt. Ta kontakt med administratoren i kommunen din."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class ConfirmEmailForm(PlainLabelsMixin, forms.Form):
    """Confirming an address needs the password chosen at sign-up as well as
    the link: whoever holds the mailbox must not switch on a password someone
    else chose (an account made in their name before they signed up)."""

    password = forms.CharField(
        label=_("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Passordet du valgte da du registrerte deg."),
        error_messages={"required": _("Skriv passordet du valgte da du registrerte deg.")},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _(
                    "Passordet stemmer ikke. Skriv passordet du valgte da du registrerte "
                    "deg, eller lag et nytt passord med lenken under."
                ),
                code="wrong_password",
            )
        return password


class ResendConfirmationForm(PlainLabelsMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-postadresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class AccountPasswordResetForm(PlainLabelsMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("E-postadresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        """In the account holder's language, not that of whoever asked, and
        with a name fit for a mail."""
        context = {**context, "name": services.name_for_mail(context["user"])}
        with translation.override(services.language_of(context["user"])):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class AccountSetPasswordForm(PlainLabelsMixin, SetPasswordForm):
    new_password1 = new_password_field(
        _("Nytt passord"), password_validation.password_validators_help_text_html()
    )
    new_password2 = new_password_field(_("Gjenta det nye passordet"))

    error_messages = SignupForm.error_messages


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
