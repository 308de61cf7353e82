"""How other apps ask about organisations. Plain functions; the rules live here."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from wagtail.models import Site

from .employers import kept_employers
from .models import EmailDomain, Employment, IdentityProvider, Organisation
from .provisioning import provision_organisation, provision_organisations

__all__ = [
    "active_employers",
    "approve_employment",
    "confirm_employment",
    "confirm_employment_by_email",
    "employ_through_identity_provider",
    "end_employment",
    "current_organisation",
    "organisation_for_site",
    "organisations_administered_by",
    "organisations_edited_by",
    "organisation_for_email",
    "identity_provider_for_email",
    "national_identity_providers",
    "pending_organisations",
    "provision_organisation",
    "provision_organisations",
    "reject_employment",
    "request_employment",
    "site_root_url",
]

SESSION_KEY = "current_organisation_id"
# KS's named permissions (what superusers once meant): managing every
# organisation (sites, pages, people lists) and administering every
# organisation's employments. KS analysts hold neither.
MANAGE_ORGANISATIONS = "tenants.change_organisation"
ADMINISTER_ALL_EMPLOYMENTS = "tenants.change_employment"


def organisation_for_site(site):
    """The organisation whose Wagtail site this is, or None. One query; only
    pages that show the site's branding ask (the middleware is lazy)."""
    if site is None:
        return None
    # Kept on the Site object: one kept across requests by courses.routing is
    # dropped on any change to a site or an organisation.
    if "_tenant_organisation" not in site.__dict__:
        site._tenant_organisation = Organisation.objects.filter(site=site).first()
    return site._tenant_organisation


def site_root_url(request):
    """Where links in mail start: the configured address (hostname and port)
    of the Wagtail site this request is for, else WAGTAILADMIN_BASE_URL.
    Never the Host header as sent: a forged one must not end up in a
    password-reset link. Wagtail answers a host it does not know with the
    default site."""
    site = Site.find_for_request(request)
    return site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def active_employers(user):
    """Organisations that employ `user` now (approved employments only)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        employments__user=user, employments__status=Employment.Status.ACTIVE
    ).distinct()


def current_organisation(request):
    """The learner's employer for this request: the one chosen in the session,
    else their first active employer. None for anonymous people and for people
    no organisation has approved yet. Hostnames are branding, not access."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    # Kept between requests until an employment or organisation changes.
    employers = kept_employers(user.pk, lambda: list(active_employers(user)))
    if not employers:
        return None
    chosen = request.session.get(SESSION_KEY)
    for org in employers:
        if org.pk == chosen:
            return org
    return employers[0]


def organisations_administered_by(user):
    """Organisations whose admins' group `user` is in; every organisation for a
    superuser (KS). Decides who may approve employments and see people."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.has_perm(ADMINISTER_ALL_EMPLOYMENTS):
        return Organisation.objects.all()
    return Organisation.objects.filter(admins_group__in=user.groups.all())


def organisations_edited_by(user):
    """Organisations whose editors' or admins' group `user` is in (every one for
    a superuser): whose pages, images, documents and media they work on."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.has_perm(MANAGE_ORGANISATIONS):
        return Organisation.objects.all()
    groups = user.groups.all()
    return Organisation.objects.filter(
        models.Q(editors_group__in=groups) | models.Q(admins_group__in=groups)
    ).distinct()


def organisation_for_email(email):
    """The organisation that owns the address's domain, or None.

    Exact match only: `ola@bergen.kommune.no` maps to Bergen, but
    `ola@elev.bergen.kommune.no` does not. Subdomains often belong to pupils,
    schools or partners who are not employees; an organisation that wants a
    subdomain adds it as its own EmailDomain row.
    """
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    match = EmailDomain.objects.filter(domain=domain).select_related("organisation").first()
    return match.organisation if match else None


def pending_organisations(user):
    """Organisations the person has asked to join and that have not answered yet."""
    return [
        e.organisation
        for e in user.employments.filter(status=Employment.Status.PENDING).select_related(
            "organisation"
        )
    ]


# Every change of an employment's state happens below, and nowhere else:
# requested (pending), confirmed by the e-mail domain, approved, rejected, ended.


def request_employment(user, organisation):
    """Ask `organisation` to approve `user` as an employee (a pending
    employment). Safe to run twice: an open request or employment is kept,
    and a double submit does not make a second one."""
    try:
        with transaction.atomic():
            Employment.objects.create(
                user=user, organisation=organisation, status=Employment.Status.PENDING
            )
    except IntegrityError:
        pass  # already pending or active (one open employment per organisation)


def confirm_employment_by_email(user):
    """`user` has proved they read mail at their address: if its domain belongs
    to an organisation, they are an active employee there. Returns that
    organisation, or None when the domain is nobody's or its admin said no.
    Safe to run twice (see confirm_employment)."""
    org = organisation_for_email(user.email)
    if org is None:
        return None
    return confirm_employment(user, org)


@transaction.atomic
def confirm_employment(user, org):
    """Make `user` an active employee of `org`, whose own proof (their mail
    domain, their identity provider) says they work there. Returns `org`, or
    None when its admin said no.

    Safe to run twice: an active employment is kept, a pending one is
    approved, and a rejection by the organisation's admin is respected (no
    new employment: a later request waits for them, it is never approved by
    the proof alone). Requests to other organisations stay pending."""
    statuses = {e.status for e in user.employments.filter(organisation=org)}
    if Employment.Status.ACTIVE in statuses:
        return org
    if Employment.Status.REJECTED in statuses:
        return None
    if Employment.Status.PENDING in statuses:
        user.employments.filter(organisation=org, status=Employment.Status.PENDING).update(
            status=Employment.Status.ACTIVE
        )
        return org
    try:
        with transaction.atomic():
            Employment.objects.create(user=user, organisation=org, status=Employment.Status.ACTIVE)
    except IntegrityError:
        pass  # confirmed in two tabs at once: the other one made it
    return org


def employ_through_identity_provider(user, provider):
    """`user` has just signed in through `provider` (an IdentityProvider),
    which has vouched for their address: it is confirmed. An organisation's
    provider makes them its employee at once when it is set to, else asks
    its admin (a pending employment); a rejection stands either way. A
    national provider employs nobody by itself: the address's domain decides,
    as when a person confirms it by mail. Safe to run twice."""
    if not user.email_confirmed:
        user.email_confirmed = True
        user.save(update_fields=["email_confirmed"])
    if provider.national:
        return confirm_employment_by_email(user)
    org = provider.organisation
    if provider.employees_at_once:
        return confirm_employment(user, org)
    if not user.employments.filter(organisation=org, status=Employment.Status.REJECTED).exists():
        request_employment(user, org)
    return None


def identity_provider_for_email(email):
    """The enabled identity provider of the organisation that owns the
    address's domain, or None: where the login page sends this person to
    sign in. National providers are never the answer (they are offered to
    everyone, as buttons)."""
    org = organisation_for_email(email)
    if org is None:
        return None
    return (
        IdentityProvider.objects.for_organisation(org)
        .filter(enabled=True, national=False)
        .order_by("pk")
        .first()
    )


def national_identity_providers():
    """Enabled national providers (ID-porten, Feide), offered to everyone."""
    # Enabled by KS for everyone: a lookup across organisations on purpose.
    return IdentityProvider.objects.unscoped().filter(enabled=True, national=True)


def end_employment(employment, by, on=None):
    """The person no longer works there (from `on`, default today): they stop
    counting as its employee, and may be employed there again later. The
    caller checks that `by` administers the organisation. Idempotent: the
    first end date is kept."""
    on = on or timezone.localdate()
    updated = (
        Employment.objects.for_organisation(employment.organisation_id)
        .filter(pk=employment.pk, status__in=[Employment.Status.PENDING, Employment.Status.ACTIVE])
        .update(status=Employment.Status.ENDED, end_date=on, approved_by=by)
    )
    if updated:
        employment.status, employment.end_date, employment.approved_by = (
            Employment.Status.ENDED,
            on,
            by,
        )
    return employment


def approve_employment(employment, by):
    """Approve `employment`: its person now counts as an employee of its
    organisation. The caller checks that `by` administers that organisation
    (organisations_administered_by). Idempotent: approving twice keeps the
    first approver."""
    with transaction.atomic():
        updated = (
            Employment.objects.for_organisation(employment.organisation_id)
            .filter(pk=employment.pk)
            .filter(status__in=[Employment.Status.PENDING, Employment.Status.REJECTED])
            .update(status=Employment.Status.ACTIVE, approved_by=by)
        )
    if updated:
        employment.status, employment.approved_by = Employment.Status.ACTIVE, by
    return employment


def reject_employment(employment, by):
    """Reject `employment` (the person does not work there). The caller checks
    that `by` administers its organisation. Idempotent. An approved employment
    may be rejected too, which ends the person's access as that employee."""
    Employment.objects.for_organisation(employment.organisation_id).filter(pk=employment.pk).update(
        status=Employment.Status.REJECTED, approved_by=by
    )
    employment.status, employment.approved_by = Employment.Status.REJECTED, by
    return employment


def start_url(provider, next_url=""):
    """Where to send a person to sign in through `provider` (tenants.sso),
    coming back to `next_url`."""
    url = reverse("sso:start", args=[provider.slug])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


# Set by tenants.sso when a provider's ID token vouched for a second factor.
SECOND_FACTOR_SESSION_KEY = "sso_second_factor"


def signed_in_with_providers_second_factor(request):
    """Whether this session's sign-in went through a provider that vouched for
    a second factor (learning.accounts.mfa counts it as ours)."""
    return bool(request.session.get(SECOND_FACTOR_SESSION_KEY))
