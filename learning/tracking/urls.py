from django.urls import path

from . import learner_views, views

app_name = "tracking"

urlpatterns = [
    path("hendelser/", views.statements, name="statements"),
    # The learner's side (learner_views.py).
    path("", learner_views.my_learning, name="my_learning"),
    path("kursbevis/", learner_views.verify, name="verify_form"),
    path("kursbevis/<str:code>/", learner_views.verify, name="verify"),
    path("kursbevis/<str:code>.pdf", learner_views.certificate_pdf, name="certificate_pdf"),
]
