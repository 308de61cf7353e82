"""How other apps ask about organisations. Plain functions; the rules live here."""

from django.core.cache import cache

from .models import Employment, Organisation
from .provisioning import provision_organisation, provision_organisations

__all__ = [
    "active_employers",
    "current_organisation",
    "organisation_for_site",
    "provision_organisation",
    "provision_organisations",
]

SESSION_KEY = "current_organisation_id"


def organisation_for_site(site):
    """The organisation whose Wagtail site this is, or None (cached briefly)."""
    if site is None:
        return None
    key = f"tenants:site-org:{site.pk}"
    org_id = cache.get(key)
    if org_id is None:
        org_id = Organisation.objects.filter(site=site).values_list("pk", flat=True).first() or 0
        cache.set(key, org_id, 300)
    return Organisation.objects.filter(pk=org_id).first() if org_id else None


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
