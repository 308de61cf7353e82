from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("nasjonalt/", views.national, name="national"),
    path("nasjonalt/kart/", views.national_map, name="national_map"),
    path("nasjonalt/eksport.<str:file_format>", views.national_export, name="national_export"),
    path("nasjonalt/ukentlig-epost/", views.weekly_email, name="weekly_email"),
    path("nasjonalt/api-nokkel/", views.api_token, name="api_token"),
    path("kommune/<int:organisation_id>/", views.municipal_dashboard, name="municipal"),
    path(
        "kommune/<int:organisation_id>/person/<int:user_id>/",
        views.municipal_person,
        name="municipal_person",
    ),
    path(
        "kommune/<int:organisation_id>/eksport.<str:file_format>",
        views.municipal_export,
        name="municipal_export",
    ),
    path("kommune/<int:organisation_id>/enhetsledere/", views.unit_leaders, name="unit_leaders"),
    path("eksport/<int:job_id>/", views.export_status, name="export_status"),
    path("eksport/<int:job_id>/last-ned/", views.export_download, name="export_download"),
]
