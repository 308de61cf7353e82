from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("quiz/<int:lesson_id>/<str:quiz_id>/", views.grade_quiz, name="grade_quiz"),
    path("teksting/<int:lesson_id>/<int:document_id>.vtt", views.captions, name="captions"),
]
