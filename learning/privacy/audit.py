"""The audit log: who looked at or exported people's learning records.

One registry instead of a call in every view: `AUDITED_VIEWS` names each page
or export that shows personal learning data, and how to tell whose it is.
`AuditMiddleware` calls `record_view` after the view ran, so only what was
really shown (a 200, or the 302 of an export that was queued) is logged;
refusals are not. Entries hold ids and the path, never names, so they stay
meaningful without becoming a copy of the data.
"""

from dataclasses import dataclass

from .models import AuditEntry


@dataclass(frozen=True)
class Audited:
    action: str
    what: str
    statuses: tuple = (200,)
    methods: tuple = ("GET",)


def _kwarg(name):
    return lambda request: request.resolver_match.kwargs.get(name)


def _none(request):
    return None


def _administered_organisation(request):
    # The same choice the admin view made (?organisasjon=, else the first).
    from learning.tracking.admin_views import _organisation

    return _organisation(request)[0].pk


def _enrollment(request):
    from learning.tracking.models import Enrollment
    from tenants.services import organisations_administered_by

    return (
        Enrollment.objects.for_organisations(organisations_administered_by(request.user))
        .filter(pk=request.resolver_match.kwargs["pk"])
        .values("organisation_id", "user_id")
        .first()
    )


# view name → (what was done, organisation of the data, the person it was about)
AUDITED_VIEWS = {
    "reports:municipal": (
        Audited(AuditEntry.Action.VIEWED, "municipal_dashboard"),
        _kwarg("organisation_id"),
        _none,
    ),
    "reports:municipal_person": (
        Audited(AuditEntry.Action.VIEWED, "learning_record"),
        _kwarg("organisation_id"),
        _kwarg("user_id"),
    ),
    "reports:municipal_export": (
        Audited(AuditEntry.Action.EXPORTED, "municipal_export", statuses=(200, 302)),
        _kwarg("organisation_id"),
        _none,
    ),
    "tracking_enrollments": (
        Audited(AuditEntry.Action.VIEWED, "enrollments"),
        _administered_organisation,
        _none,
    ),
    "tracking_reset": (
        Audited(AuditEntry.Action.VIEWED, "learning_record"),
        lambda request: _enrollment(request)["organisation_id"],
        lambda request: _enrollment(request)["user_id"],
    ),
}


def record(*, organisation_id, actor, action, what, path, subject_id=None):
    """Append one entry. For places the registry cannot see (a task, a service)."""
    return AuditEntry.objects.for_organisation(organisation_id).create(
        organisation_id=organisation_id,
        actor=actor,
        action=action,
        what=what,
        subject_id=subject_id,
        path=path[:500],
    )


def record_view(request, response):
    """Log the request if it showed an audited view successfully."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in AUDITED_VIEWS:
        return
    audited, organisation_of, subject_of = AUDITED_VIEWS[match.view_name]
    if request.method not in audited.methods or response.status_code not in audited.statuses:
        return
    if not request.user.is_authenticated:
        return
    record(
        organisation_id=organisation_of(request),
        actor=request.user,
        action=audited.action,
        what=audited.what,
        subject_id=subject_of(request),
        path=request.get_full_path(),
    )


def entries_for(user):
    """The audit entries this person may read: those of the organisations
    they administer (every one for KS's platform admins)."""
    from tenants.services import organisations_administered_by

    return AuditEntry.objects.for_organisations(organisations_administered_by(user))
