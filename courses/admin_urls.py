from django.urls import path

from . import admin_views

app_name = "courses_admin"

urlpatterns = [
    path("", admin_views.SharedCoursesView.as_view(), name="shared"),
    path(
        "<int:page_id>/bruk-som-mal/",
        admin_views.UseAsTemplateView.as_view(),
        name="use_as_template",
    ),
]
