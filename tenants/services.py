"""How other apps ask about organisations. Plain functions; the rules live here."""

from django.db import models, transaction

from .models import Employment, Organisation
from .provisioning import provision_organisation, provision_organisations

__all__ = [
    "active_employers",
    "approve_employment",
    "current_organisation",
    "organisation_for_site",
    "organisations_administered_by",
    "organisations_edited_by",
    "provision_organisation",
    "provision_organisations",
    "reject_employment",
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
    return Organisation.objects.filter(site=site).first()


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
    employers = list(active_employers(user))
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


def approve_employment(employment, by):
    """Approve `employment`: its person now counts as an employee of its
    organisation. The caller checks that `by` administers that organisation
    (organisations_administered_by). Idempotent: approving twice keeps the
    first approver."""
    with transaction.atomic():
        updated = (
            Employment.objects.for_organisation(employment.organisation_id)
            .filter(pk=employment.pk)
            .exclude(status=Employment.Status.ACTIVE)
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
