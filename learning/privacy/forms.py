from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    """Confirms with the password; people who only sign in through their
    organisation's provider (no password here) type their e-mail address."""

    password = forms.CharField(
        label=_("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            self.fields["password"] = forms.EmailField(
                label=_("E-postadressen din"),
                widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            )

    def clean_password(self):
        value = self.cleaned_data["password"]
        if self.user.has_usable_password():
            if not self.user.check_password(value):
                raise forms.ValidationError(
                    _("Passordet stemmer ikke. Skriv passordet du logger inn med."),
                    code="wrong_password",
                )
        elif value.strip().lower() != self.user.email.lower():
            raise forms.ValidationError(
                _("Skriv e-postadressen du er registrert med."), code="wrong_email"
            )
        return value
