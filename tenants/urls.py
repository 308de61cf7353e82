"""Single sign-on: the learner-facing entry points (tenants.sso)."""

from django.urls import path

from . import sso

app_name = "sso"

urlpatterns = [
    path("<slug:slug>/", sso.start, name="start"),
]
