from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Organisasjoner"

    def ready(self):
        from .admin_filters import limit_user_filters

        limit_user_filters()
