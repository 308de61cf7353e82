from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class AccountsConfig(AppConfig):
    name = "learning.accounts"
    label = "accounts"
    verbose_name = "Kontoer"

    def ready(self):
        from allauth.account.signals import password_reset

        from django.db.models.signals import post_save

        from . import services
        from .models import User

        user_logged_in.connect(services.remember_admin_access, dispatch_uid="admin_access")
        password_reset.connect(confirm_mailbox_on_reset, dispatch_uid="reset_confirms")
        post_save.connect(services.sync_confirmed_address, sender=User, dispatch_uid="address")


def confirm_mailbox_on_reset(sender, request, user, **kwargs):
    """The reset link reached the mailbox, which is what confirmation proves."""
    from . import services

    services.confirm_mailbox(user)
