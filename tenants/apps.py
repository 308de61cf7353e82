from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Organisasjoner"

    def ready(self):
        from allauth.account.signals import user_logged_in

        from django.db.models.signals import post_delete, post_save

        from .admin_filters import limit_user_filters
        from .employers import forget_employers
        from .models import Employment, Organisation
        from .sso import on_user_logged_in

        limit_user_filters()
        user_logged_in.connect(on_user_logged_in, dispatch_uid="tenants.sso")
        # Bulk writes forget them through the querysets (tenants/employers.py).
        for model in (Employment, Organisation):
            post_save.connect(forget_employers, sender=model, dispatch_uid=f"employers-s-{model}")
            post_delete.connect(forget_employers, sender=model, dispatch_uid=f"employers-d-{model}")
