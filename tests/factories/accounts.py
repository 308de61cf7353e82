import time

import factory
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from learning.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    """A person. Confirmed ones get allauth's confirmed address from the
    User post_save receiver; unconfirmed ones get the unconfirmed address
    sign-up would have made."""

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    email_confirmed = True
    password = factory.django.Password("passord-for-test")

    @factory.post_generation
    def address(self, create, extracted, **kwargs):
        if create and not self.email_confirmed:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"primary": True, "verified": False}
            )


def totp_code(secret, step=0):
    """The code an authenticator app shows now (step=1: in the next period),
    from allauth's own TOTP helpers."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + step
    return format_hotp_value(hotp_value(secret, counter))


def give_second_factor(user, secret=None):
    """An authenticator app (TOTP) and recovery codes for `user`, as enrolling
    would make them. Returns (secret, recovery codes)."""
    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user)
    return secret, codes.get_unused_codes()


def mark_signed_in_with_second_factor(client):
    """What allauth records in the session when a person signs in with a code
    (for tests that sign in with client.force_login; see tests/conftest.py)."""
    session = client.session
    session["account_authentication_methods_user"] = session["_auth_user_id"]
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "mfa", "type": "totp", "at": time.time()}
    ]
    session.save()
