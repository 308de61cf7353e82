"""Sign-up, e-mail confirmation and learner state. Plain functions; views call these.

Employments change state only in tenants.services; `organisation_for_email` and
`pending_organisations` are re-exported from there for the views and forms."""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tenants.models import Employment, Organisation
from tenants.services import (
    active_employers,
    confirm_employment_by_email,
    organisation_for_email,
    pending_organisations,
    site_root_url,
)

from .models import User

logger = logging.getLogger(__name__)

CONFIRM_SALT = "accounts.confirm-email"
CONFIRM_MAX_AGE = timedelta(days=3)

# Names are shown to people in mail: no line breaks, addresses or links in them.
LINK_LIKE = re.compile(r"[/\\:@<>]|www\.|\w\.\w{2,}", re.IGNORECASE)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

# Whether Wagtail's user bar (edit this page) is shown; see remember_admin_access.
ADMIN_ACCESS_SESSION_KEY = "accounts_admin_access"

# What learner_state() answers.
ANONYMOUS = "anonymous"
UNCONFIRMED = "unconfirmed"
PENDING = "pending"
NO_EMPLOYER = "no_employer"
READY = "ready"


def language_for_organisation(organisation):
    """The interface language an organisation's people get unless they choose
    another: nynorsk where its chosen written form (målform) is nynorsk, else
    bokmål (also for "neutral" and for no organisation)."""
    if organisation and organisation.written_form == Organisation.WrittenForm.NYNORSK:
        return "nn"
    return settings.LANGUAGE_CODE


def language_of(user):
    """The language to write to `user` in (e-mails, anything sent outside a
    request): their own choice, else their employer's written form."""
    if user.language:
        return user.language
    employer = active_employers(user).order_by("name").first()
    if employer is None:
        employer = next(iter(pending_organisations(user)), None) or organisation_for_email(
            user.email
        )
    return language_for_organisation(employer)


def remember_language(user, language):
    """Keep the language `user` chose on their account. Ignores unknown codes."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def selectable_organisations():
    """Organisations a person can say they work for: municipalities and counties."""
    return Organisation.objects.filter(
        kind__in=[Organisation.Kind.MUNICIPALITY, Organisation.Kind.COUNTY]
    ).order_by("name")


def is_plain_name(value):
    """True for a name a person goes by; False for one holding a line break,
    an address or a link (which would reach others through our mail)."""
    return not CONTROL_CHARACTERS.search(value) and not LINK_LIKE.search(value)


def name_for_mail(user):
    """The first name to greet `user` with in mail, on one line; empty when it
    is not a plain name (accounts made before names were checked)."""
    name = " ".join(user.first_name.split())[:60]
    return name if is_plain_name(name) else ""


def make_confirmation_token(user):
    """A signed, timestamped token naming the user and the address being confirmed.

    Changing the address invalidates old tokens; they expire after CONFIRM_MAX_AGE.
    """
    return signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRM_SALT)


def user_for_confirmation_token(token):
    """The user the token was made for. Raises signing.SignatureExpired when it is
    too old and signing.BadSignature when it is tampered with or no longer fits."""
    data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or user.email != data.get("email"):
        raise signing.BadSignature("The token does not match an active user.")
    return user


def send_confirmation_email(request, user):
    """Send the confirmation link. Safe to call again: each call sends a fresh link.

    A mail server that fails is logged, not raised: the account exists and the
    person can ask for a new link from the page they land on.
    """
    token = make_confirmation_token(user)
    with translation.override(language_of(user)):
        return _send_confirmation_email(request, user, token)


def _send_confirmation_email(request, user, token):
    context = {
        "user": user,
        "name": name_for_mail(user),
        "confirm_url": site_root_url(request) + reverse("accounts:confirm", args=[token]),
        "days": CONFIRM_MAX_AGE.days,
        "email_organisation": organisation_for_email(user.email),
        "pending": pending_organisations(user),
    }
    subject = render_to_string("accounts/email/confirm_subject.txt", context).strip()
    body = render_to_string("accounts/email/confirm_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except OSError:  # smtplib.SMTPException is an OSError
        logger.exception("Could not send the confirmation e-mail to user %s", user.pk)
        return False
    return True


@transaction.atomic
def confirm_email(user):
    """Mark the address confirmed and, if its domain belongs to an organisation,
    make the person an active employee there (tenants.services decides; a
    rejection by the organisation's admin is respected). Safe to run twice."""
    if not user.email_confirmed:
        user.email_confirmed = True
        user.save(update_fields=["email_confirmed"])
    return confirm_employment_by_email(user)


def learner_state(user):
    """Whether `user` may take courses, and if not, what they are waiting for.

    READY needs a signed-in, active user with a confirmed address and at least
    one active employer.
    """
    if not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    if not user.email_confirmed:
        return UNCONFIRMED
    if active_employers(user).exists():
        return READY
    if user.employments.filter(status=Employment.Status.PENDING).exists():
        return PENDING
    return NO_EMPLOYER


def remember_admin_access(sender, request, user, **kwargs):
    """At sign-in, note in the session whether the person may use the admin,
    so learner pages decide on Wagtail's user bar without two permission
    queries per page. Someone made an editor later sees the bar from their
    next sign-in; the admin itself always checks the permission."""
    request.session[ADMIN_ACCESS_SESSION_KEY] = user.has_perm("wagtailadmin.access_admin")
