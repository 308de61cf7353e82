from django.urls import path, register_converter

from . import views


class IdConverter:
    """A database id: at most 18 digits, so it always fits a 64-bit integer.
    A longer one is no id of ours and answers 404 instead of an overflow."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

app_name = "courses"

urlpatterns = [
    path("quiz/<id:lesson_id>/<str:quiz_id>/", views.grade_quiz, name="grade_quiz"),
    path("teksting/<id:lesson_id>/<id:document_id>.vtt", views.captions, name="captions"),
]
