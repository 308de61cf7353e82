import json
import logging

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import legal, services
from .forms import DeleteAccountForm
from .models import LegalText

logger = logging.getLogger(__name__)


def privacy_notice(request):
    return _legal_page(request, LegalText.Kind.PRIVACY)


def accessibility_statement(request):
    return _legal_page(request, LegalText.Kind.ACCESSIBILITY)


def _legal_page(request, kind):
    return render(request, "privacy/legal_text.html", {"text": legal.legal_text(kind)})


@login_required
@never_cache
def my_data(request):
    return render(request, "privacy/my_data.html", {"form": DeleteAccountForm(request.user)})


@login_required
@never_cache
def download(request, file_format):
    """The person's own data: a JSON file, or a zip of CSV files."""
    data = services.personal_data(request.user)
    stamp = timezone.localdate().isoformat()
    if file_format == "json":
        response = HttpResponse(services.as_json(data), content_type="application/json")
        name = f"mine-data-{stamp}.json"
    else:
        response = HttpResponse(services.as_csv_zip(data), content_type="application/zip")
        name = f"mine-data-{stamp}-csv.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@never_cache
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user_id = request.user.pk
            logout(request)
            services.erase_account(user_id)
            messages.success(request, _("Kontoen din og personopplysningene dine er slettet."))
            return redirect("/")
        return render(request, "privacy/my_data.html", {"form": form}, status=400)
    return redirect("privacy:my_data")


@csrf_exempt
@require_POST
def csp_report(request):
    """Browsers report what the Content-Security-Policy blocked; we log it."""
    try:
        report = json.loads(request.body[:10_000]).get("csp-report", {})
    except (ValueError, AttributeError):
        return HttpResponse(status=400)
    logger.warning(
        "CSP blocked %s on %s (%s)",
        str(report.get("blocked-uri", ""))[:200],
        str(report.get("document-uri", ""))[:200],
        str(report.get("violated-directive", ""))[:100],
    )
    return HttpResponse(status=204)
