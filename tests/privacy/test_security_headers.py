"""Security headers: learner pages run only our own scripts and styles and
cannot be framed; the admin gets a looser policy it can work with."""

import re
from pathlib import Path

import pytest

from django.conf import settings

pytestmark = pytest.mark.django_db

TEMPLATE_DIRS = ["learning", "courses", "tenants"]


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_it_allows_only_our_own_scripts_and_styles_on_learner_pages(client):
    response = client.get("/konto/logg-inn/")

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_it_gives_the_admin_a_policy_wagtail_works_with(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root@ks.no", "pw")
    client.force_login(admin)

    response = client.get("/admin/")

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_it_serves_the_brand_colour_as_a_stylesheet(client):
    response = client.get("/profilfarge.css?farge=a1b2c3")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert response.content.decode().strip() == ":root { --brand: #a1b2c3; }"
    assert client.get("/profilfarge.css?farge=red;}body{").status_code == 400


def test_no_learner_template_has_inline_script_or_style():
    """What CSP would block: <script> without src, <style>, style= and on*= attributes.
    Admin templates (under the admin's looser policy) and the certificate's
    PDF template (never sent to a browser) may have them."""
    offenders = []
    for top in TEMPLATE_DIRS:
        for path in (Path(settings.BASE_DIR) / top).rglob("templates/**/*.html"):
            relative = path.as_posix()
            html = path.read_text()
            if (
                "/admin/" in relative
                or "/widgets/" in relative  # admin form widgets
                or "wagtailadmin" in relative
                or '{% extends "wagtailadmin/' in html
                or relative.endswith("_pdf.html")
            ):
                continue
            if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html):
                offenders.append(f"{relative}: inline <script>")
            if re.search(r"<style[\s>]|\sstyle=|\son[a-z]+=\"", html):
                offenders.append(f"{relative}: inline style or handler")
    assert offenders == []


def test_browsers_can_report_violations(client):
    response = client.post(
        "/csp-rapport/",
        '{"csp-report": {"blocked-uri": "inline", "document-uri": "http://x/"}}',
        content_type="application/csp-report",
    )
    assert response.status_code == 204
    assert client.post("/csp-rapport/", "not json", content_type="text/plain").status_code == 400
