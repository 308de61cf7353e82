from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("registrer/", views.signup, name="signup"),
    path("registrer/sjekk-e-posten/", views.signup_done, name="signup_done"),
    path("bekreft/ny-lenke/", views.resend_confirmation, name="resend_confirmation"),
    path("bekreft/<str:token>/", views.confirm, name="confirm"),
    path("tilgang/", views.status, name="status"),
    path("bytt-arbeidsgiver/", views.switch_organisation, name="switch_organisation"),
    path("be-om-tilgang/", views.request_employment, name="request_employment"),
    path("logg-inn/", views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("glemt-passord/", views.PasswordResetView.as_view(), name="password_reset"),
    path("glemt-passord/sendt/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "nytt-passord/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "nytt-passord/ferdig/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
