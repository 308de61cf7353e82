from wagtail import hooks

from . import progress

# The learner's progress on course and lesson pages (see courses.models).
hooks.register("course_page_context", progress.course_page_context)
hooks.register("lesson_page_context", progress.lesson_page_context)


# --- The organisation admin's side (tracking-core): assignments, enrollments, reset.
from django.urls import path, reverse  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402

from wagtail.admin.menu import MenuItem  # noqa: E402

from tenants.services import organisations_administered_by  # noqa: E402

from . import admin_views  # noqa: E402


@hooks.register("register_admin_urls")
def tracking_admin_urls():
    return [
        path("tildelinger/", admin_views.assignments, name="tracking_assignments"),
        path("deltakelser/", admin_views.enrollments, name="tracking_enrollments"),
        path("deltakelser/<int:pk>/nullstill/", admin_views.reset, name="tracking_reset"),
    ]


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return organisations_administered_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def tracking_assignments_menu_item():
    return AdministratorMenuItem(
        _("Tildelte kurs"), reverse("tracking_assignments"), icon_name="list-ul", order=320
    )


@hooks.register("register_admin_menu_item")
def tracking_enrollments_menu_item():
    return AdministratorMenuItem(
        _("Kursdeltakelser"), reverse("tracking_enrollments"), icon_name="group", order=330
    )
