from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "learning.reports"
    label = "reports"
    verbose_name = _("Rapporter")

    def ready(self):
        from . import receivers  # noqa: F401  (tracking.progress_changed → rollups)
