"""The project's accounts URLs plus one gated page, standing in for a course."""

from django.http import HttpResponse
from django.urls import include, path

from learning.accounts.decorators import learner_required


@learner_required
def course(request):
    return HttpResponse("Kursinnhold for ansatte")


urlpatterns = [
    path("konto/", include("learning.accounts.urls")),
    path("kurs/informasjonssikkerhet/", course, name="course"),
]
