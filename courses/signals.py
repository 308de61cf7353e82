from django.dispatch import Signal

# Sent after a quiz submission is graded, for tracking to record.
# kwargs: request, lesson (LessonPage), quiz_id (str), result (grading.QuizResult)
quiz_graded = Signal()
