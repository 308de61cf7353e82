from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("personvern/", views.privacy_notice, name="privacy"),
    path("tilgjengelighet/", views.accessibility_statement, name="accessibility"),
    path("personvern/mine-data/", views.my_data, name="my_data"),
    path(
        "personvern/mine-data/mine-data.json",
        views.download,
        {"file_format": "json"},
        name="download_json",
    ),
    path(
        "personvern/mine-data/mine-data-csv.zip",
        views.download,
        {"file_format": "csv"},
        name="download_csv",
    ),
    path("personvern/slett-konto/", views.delete_account, name="delete_account"),
    path("csp-rapport/", views.csp_report, name="csp_report"),
]
