"""Certificates as PDF, rendered on request from the row core issued.

The Certificate row holds snapshots (name, course, organisation, date) and an
unguessable code; the PDF is drawn from those each time it is downloaded, so
nothing is stored twice and a fix to the template reaches every certificate.
WeasyPrint fetches nothing: the stylesheet is in the template and the fonts
are the system's.
"""

from weasyprint import HTML

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def verification_url(request, certificate):
    return request.build_absolute_uri(reverse("tracking:verify", args=[certificate.code]))


def _no_fetching(url, *args, **kwargs):
    raise ValueError(f"The certificate template may not load {url}.")


def render_pdf(request, certificate):
    """The certificate as PDF bytes, in bokmål (a certificate is a document
    others read, whatever language its owner browses in)."""
    with translation.override("nb"):
        html = render_to_string(
            "tracking/certificate_pdf.html",
            {
                "certificate": certificate,
                "verification_url": verification_url(request, certificate),
            },
        )
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()
