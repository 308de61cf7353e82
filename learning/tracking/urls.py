from django.urls import path

from . import views

app_name = "tracking"

urlpatterns = [
    path("hendelser/", views.statements, name="statements"),
]
