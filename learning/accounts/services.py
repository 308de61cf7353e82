"""Sign-up, e-mail confirmation and learner state. Plain functions; views and
the allauth adapter (adapters.py) call these.

Employments change state only in tenants.services; `organisation_for_email` and
`pending_organisations` are re-exported from there for the views and forms."""

import re

from allauth.account.models import EmailAddress

from django.conf import settings
from django.db import transaction

from tenants import services as tenant_services
from tenants.models import Employment, Organisation
from tenants.services import (
    active_employers,
    confirm_employment_by_email,
    organisation_for_email,
    pending_organisations,
)

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


@transaction.atomic
def confirm_email(user):
    """Mark the address confirmed and, if its domain belongs to an organisation,
    make the person an active employee there (tenants.services decides; a
    rejection by the organisation's admin is respected). Safe to run twice."""
    if not user.email_confirmed:
        user.email_confirmed = True
        user.save(update_fields=["email_confirmed"])
    return confirm_employment_by_email(user)


@transaction.atomic
def confirm_mailbox(user):
    """The person proved they hold the mailbox of their address another way
    (a password-reset link reached it): mark the address confirmed for allauth
    as well as for us. Safe to run twice."""
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        address = EmailAddress(user=user, email=user.email, primary=True)
    if not address.verified:
        address.verified = True
        address.save()
    return confirm_email(user)


def sync_confirmed_address(sender, instance, created=False, update_fields=None, **kwargs):
    """post_save of User: someone whose address we hold as confirmed (made in
    the shell, by a demo command or a test) has it confirmed for allauth too,
    else allauth would ask them to confirm it at their next sign-in."""
    if not instance.email_confirmed:
        return
    if update_fields is not None and not {"email", "email_confirmed"} & set(update_fields):
        return
    address = EmailAddress.objects.filter(user=instance, email__iexact=instance.email).first()
    if address is None:
        EmailAddress.objects.filter(user=instance, primary=True).update(primary=False)
        EmailAddress.objects.create(
            user=instance, email=instance.email, verified=True, primary=True
        )
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])


def identity_provider_for_email(email):
    """Where someone with this address signs in instead of with a password:
    the URL that starts sign-in at their organisation's identity provider
    (single sign-on, tenants.sso), or None for the password form. The login
    page asks this after the person typed their address and redirects there,
    adding the deep link as ?next=."""
    provider = tenant_services.identity_provider_for_email(email)
    return None if provider is None else tenant_services.start_url(provider)


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
