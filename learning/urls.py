from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses.views import media_file
from learning import views
from learning.reports.api import api as reports_api

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Wagtail admin views narrowed to the user's organisation, in front of Wagtail's.
    # The admin's own login would skip the rate limits and the second factor.
    path("admin/login/", views.admin_login),
    path("admin/", include("tenants.admin_views")),
    # For browsers and tools that ask for /favicon.ico without reading the page.
    path("favicon.ico", views.favicon),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("konto/", include("learning.accounts.urls")),
    path("konto/", include("learning.accounts.allauth_urls")),
    path("innlogging/", include("tenants.urls")),
    path("sprak/", views.set_language, name="set_language"),
    path("kurs/", include("courses.urls")),
    path("rapporter/", include("learning.reports.urls")),
    path("api/rapporter/", reports_api.urls),
    path("laering/", include("learning.tracking.urls")),
    path("", include("learning.privacy.urls")),
    path("profilfarge.css", views.brand_css, name="brand_css"),
    # Every upload, in every environment, goes through the check of who may
    # have it (courses.files); nginx sends the bytes in production.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media_file, name="media_file"),
    path("", include(wagtail_urls)),
]
