"""Who sees which report: one place for the rule.

* KS analysts (`reports.view_national_reports`, the "KS-analytikere" group):
  the national report, aggregates only — never a municipal page with names.
* An organisation's admins (and platform admins with `tenants.change_employment`):
  their organisation, down to people.
* Unit leaders (UnitLeader rows): their units and every sub-unit, down to people.
* Everyone else: nothing (the national page is 403, a municipal page 404, so
  another organisation's reports are not even confirmed to exist).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tenants.models import Organisation, Unit
from tenants.services import organisations_administered_by

from .models import UnitLeader

NATIONAL_PERMISSION = "reports.view_national_reports"
ANALYSTS_GROUP = "KS-analytikere"


def analysts_group():
    """The KS analysts' group (made by a migration; made again here if a test
    database was flushed), holding only the national-report permission."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=ANALYSTS_GROUP)
    app_label, codename = NATIONAL_PERMISSION.split(".")
    group.permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    return group


def can_view_national(user):
    return user.is_authenticated and user.is_active and user.has_perm(NATIONAL_PERMISSION)


def require_national(user):
    if not can_view_national(user):
        raise PermissionDenied


def descendants(organisation_id, unit_ids):
    """`unit_ids` and every unit below them (one query, walked in memory)."""
    children = {}
    for pk, parent in Unit.objects.for_organisation(organisation_id).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = set(), list(unit_ids)
    while todo:
        unit = todo.pop()
        if unit in found:
            continue
        found.add(unit)
        todo.extend(children.get(unit, []))
    return found


class Scope:
    """An organisation and the units a person may see in it (None: all)."""

    def __init__(self, organisation, unit_ids=None):
        self.organisation = organisation
        self.unit_ids = unit_ids

    @property
    def whole_organisation(self):
        return self.unit_ids is None

    def filter(self, queryset, field="unit_id"):
        """Scope a tenant-owned queryset to this organisation and units."""
        queryset = queryset.for_organisation(self.organisation)
        if self.unit_ids is not None:
            queryset = queryset.filter(**{f"{field}__in": self.unit_ids})
        return queryset


def municipal_scope(user, organisation_id):
    """The Scope `user` has in the organisation, or Http404."""
    if not (user.is_authenticated and user.is_active):
        raise Http404
    org = organisations_administered_by(user).filter(pk=organisation_id).first()
    if org is not None:
        return Scope(org)
    led = list(
        UnitLeader.objects.for_organisation(organisation_id)
        .filter(user=user)
        .values_list("unit_id", flat=True)
    )
    if not led:
        raise Http404
    org = Organisation.objects.get(pk=organisation_id)
    return Scope(org, descendants(organisation_id, led))


def municipal_organisations(user):
    """Organisations whose municipal report `user` may open (for the landing page)."""
    if not (user.is_authenticated and user.is_active):
        return Organisation.objects.none()
    led = UnitLeader.objects.unscoped().filter(user=user).values("organisation_id")
    administered = organisations_administered_by(user)
    return Organisation.objects.filter(pk__in=administered.values("pk")) | (
        Organisation.objects.filter(pk__in=led)
    )
