from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from learning import views
from learning.reports.api import api as reports_api

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("konto/", include("learning.accounts.urls")),
    # No CSRF token on the language switcher: it would make every page
    # uncacheable, and a forged request can only change someone's language.
    path("sprak/", csrf_exempt(set_language), name="set_language"),
    path("kurs/", include("courses.urls")),
    path("rapporter/", include("learning.reports.urls")),
    path("api/rapporter/", reports_api.urls),
    path("laering/", include("learning.tracking.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
