from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Organisasjoner"

    def ready(self):
        from allauth.account.signals import user_logged_in

        from .admin_filters import limit_user_filters
        from .sso import on_user_logged_in

        limit_user_filters()
        user_logged_in.connect(on_user_logged_in, dispatch_uid="tenants.sso")
