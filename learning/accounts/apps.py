from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class AccountsConfig(AppConfig):
    name = "learning.accounts"
    label = "accounts"
    verbose_name = "Kontoer"

    def ready(self):
        from . import services

        user_logged_in.connect(services.remember_admin_access, dispatch_uid="admin_access")
