from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Kurs"

    def ready(self):
        from . import signals

        signals.connect_page_cache_invalidation()
