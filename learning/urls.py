from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from learning import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # For browsers and tools that ask for /favicon.ico without reading the page.
    path("favicon.ico", views.favicon),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("konto/", include("learning.accounts.urls")),
    path("sprak/", views.set_language, name="set_language"),
    path("kurs/", include("courses.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
