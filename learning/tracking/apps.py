from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "learning.tracking"
    label = "tracking"
    verbose_name = _("Læringsoppfølging")

    def ready(self):
        from . import receivers  # noqa: F401  (quiz_graded → LearningEvent)
