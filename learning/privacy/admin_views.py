"""The audit log in the Wagtail admin: an organisation's admins read their
organisation's entries (every organisation's for KS's platform admins)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from tenants.services import organisations_administered_by

from . import audit


def audit_log(request):
    if not organisations_administered_by(request.user).exists():
        raise PermissionDenied
    entries = audit.entries_for(request.user).select_related("actor", "subject", "organisation")
    page = Paginator(entries, 50).get_page(request.GET.get("side"))
    return render(request, "privacy/admin/audit_log.html", {"page": page})
