"""The project's accounts URLs plus one gated page, standing in for a course."""

from django.http import HttpResponse
from django.urls import include, path

from learning.accounts.decorators import learner_required
from learning.urls import urlpatterns as project_urlpatterns


@learner_required
def course(request):
    return HttpResponse("Kursinnhold for ansatte")


urlpatterns = [
    *[p for p in project_urlpatterns if p.pattern.name in ("set_language", "healthz", "brand_css")],
    path("konto/", include("learning.accounts.urls")),
    path("konto/", include("learning.accounts.allauth_urls")),
    path("kurs/informasjonssikkerhet/", course, name="course"),
    path("", include("learning.privacy.urls")),  # base.html's footer links
]
