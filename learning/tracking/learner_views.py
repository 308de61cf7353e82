"""The learner's own pages: "Min læring", their certificates, and the public
check of a certificate's code."""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from courses.models import page_href
from learning.accounts.decorators import learner_required

from . import certificates
from .models import Certificate, Enrollment

CODE = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what services.issue_certificate makes


@require_GET
@learner_required
@never_cache
def my_learning(request):
    """Every course the person has taken, under any employer: their own
    record, so a certificate earned in an earlier job stays theirs.
    One query (enrollments with course and certificate)."""
    enrollments = list(
        # Scoped to the person, not an organisation: these are their own rows.
        Enrollment.objects.unscoped()
        .filter(user=request.user)
        .select_related("course", "certificate", "organisation")
        .order_by("due_date", "-enrolled_at")
    )
    today = timezone.localdate()
    assigned, in_progress, completed = [], [], []
    for enrollment in enrollments:
        enrollment.overdue = (
            enrollment.completed_at is None
            and enrollment.due_date is not None
            and enrollment.due_date < today
        )
        enrollment.course_url = page_href(enrollment.course, request)
        if enrollment.completed_at is not None:
            completed.append(enrollment)
        elif enrollment.source == Enrollment.Source.ASSIGNED:
            assigned.append(enrollment)
        else:
            in_progress.append(enrollment)
    completed.sort(key=lambda e: e.completed_at, reverse=True)
    context = {"assigned": assigned, "in_progress": in_progress, "completed": completed}
    return render(request, "tracking/my_learning.html", context)


def _own_certificate(request, code):
    certificate = (
        Certificate.objects.unscoped()
        .filter(code=code, enrollment__user=request.user)
        .select_related("enrollment")
        .first()
    )
    if certificate is None:
        raise Http404(_("Du har ikke noe kursbevis med denne koden."))
    return certificate


@require_GET
@login_required
@cache_control(private=True, no_store=True)
def certificate_pdf(request, code):
    """The owner's certificate as PDF; anyone else gets 404, not 403, so a
    code cannot be tested for existence here."""
    certificate = _own_certificate(request, code)
    response = HttpResponse(
        certificates.render_pdf(request, certificate), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="kursbevis-{certificate.code}.pdf"'
    return response


@require_GET
def verify(request, code=None):
    """Public: does this code belong to a certificate? Shows only the name,
    course, organisation and date, never who else took what."""
    if code is None:
        code = request.GET.get("kode", "").strip()
        if not code:
            return render(request, "tracking/verify.html", {})
        if CODE.fullmatch(code):
            return redirect(reverse("tracking:verify", args=[code]))
    certificate = (
        Certificate.objects.unscoped()
        .filter(code=code)
        .only("learner_name", "course_title", "organisation_name", "issued_at", "code")
        .first()
        if CODE.fullmatch(code)
        else None
    )
    status = 200 if certificate is not None else 404
    response = render(
        request,
        "tracking/verify.html",
        {"certificate": certificate, "code": code, "not_found": certificate is None},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
