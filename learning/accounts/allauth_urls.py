"""allauth's views at our Norwegian addresses, under allauth's own URL names
(allauth reverses them). Included at /konto/ beside urls.py; only what we
use is routed (no login by code, no phone numbers)."""

from allauth.account import views as allauth_views
from allauth.mfa.webauthn import views as webauthn_views

from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path("logg-inn/", views.LoginView.as_view(), name="account_login"),
    path("logg-ut/", allauth_views.logout, name="account_logout"),
    path("stengt/", allauth_views.account_inactive, name="account_inactive"),
    path("registrer/", views.SignupView.as_view(), name="account_signup"),
    path(
        "registrer/sjekk-e-posten/", views.verification_sent, name="account_email_verification_sent"
    ),
    re_path(r"^bekreft/(?P<key>[-:\w]+)/$", views.confirm_email, name="account_confirm_email"),
    path("e-post/", allauth_views.email, name="account_email"),
    path("passord/", allauth_views.password_change, name="account_change_password"),
    path("passord/nytt/", allauth_views.password_set, name="account_set_password"),
    path("bekreft-identitet/", allauth_views.reauthenticate, name="account_reauthenticate"),
    path(
        "bekreft-identitet/kode/",
        allauth_views.request_reauthentication_code,
        name="account_request_reauthentication_code",
    ),
    path(
        "bekreft-identitet/kode/bekreft/",
        allauth_views.confirm_reauthentication_code,
        name="account_confirm_reauthentication_code",
    ),
    path("glemt-passord/", allauth_views.password_reset, name="account_reset_password"),
    path(
        "glemt-passord/sendt/",
        allauth_views.password_reset_done,
        name="account_reset_password_done",
    ),
    path(
        "nytt-passord/ferdig/",
        allauth_views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    re_path(
        r"^nytt-passord/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        allauth_views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    # Two-factor authentication (TOTP, passkeys, recovery codes).
    path("totrinn/authenticate/", views.AuthenticateView.as_view(), name="mfa_authenticate"),
    path("totrinn/", include("allauth.mfa.base.urls")),
    path("totrinn/totp/activate/", views.ActivateTOTPView.as_view(), name="mfa_activate_totp"),
    path("totrinn/totp/", include("allauth.mfa.totp.urls")),
    path("totrinn/recovery-codes/", include("allauth.mfa.recovery_codes.urls")),
    path("passnokler/", webauthn_views.list_webauthn, name="mfa_list_webauthn"),
    path("passnokler/ny/", views.AddPasskeyView.as_view(), name="mfa_add_webauthn"),
    path("passnokler/<int:pk>/endre/", webauthn_views.edit_webauthn, name="mfa_edit_webauthn"),
    path(
        "passnokler/<int:pk>/fjern/",
        views.RemovePasskeyView.as_view(),
        name="mfa_remove_webauthn",
    ),
    path(
        "passnokler/bekreft/",
        views.ReauthenticatePasskeyView.as_view(),
        name="mfa_reauthenticate_webauthn",
    ),
    path("logg-inn/passnokkel/", webauthn_views.login_webauthn, name="mfa_login_webauthn"),
    # Single sign-on through organisations' OpenID Connect providers
    # (tenants/sso.py): /konto/oidc/<provider>/login/callback/ is what an
    # organisation registers at its provider.
    path("tredjepart/", include("allauth.socialaccount.urls")),
    path("", include("allauth.socialaccount.providers.openid_connect.urls")),
]
