"""The project's URLs plus uploaded media, which the test live server does not
serve (it only handles static files, and DEBUG is off in tests)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from learning.urls import urlpatterns as project_urlpatterns


def media(request, path):
    # MEDIA_ROOT is read per request: each test has its own.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *project_urlpatterns]
