from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("bekreft/ny-lenke/", views.resend_confirmation, name="resend_confirmation"),
    path("tilgang/", views.status, name="status"),
    path("bytt-arbeidsgiver/", views.switch_organisation, name="switch_organisation"),
    path("be-om-tilgang/", views.request_employment, name="request_employment"),
]
