from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Organisasjoner"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .admin_filters import limit_user_filters
        from .employers import forget_employers
        from .models import Employment, Organisation

        limit_user_filters()
        # Bulk writes forget them through the querysets (tenants/employers.py).
        for model in (Employment, Organisation):
            post_save.connect(forget_employers, sender=model, dispatch_uid=f"employers-s-{model}")
            post_delete.connect(forget_employers, sender=model, dispatch_uid=f"employers-d-{model}")
