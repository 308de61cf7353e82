from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Kurs"

    def ready(self):
        from . import notifications, signals

        signals.connect_page_cache_invalidation()
        notifications.connect_workflow_notifications()
