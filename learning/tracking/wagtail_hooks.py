from wagtail import hooks

from . import progress

# The learner's progress on course and lesson pages (see courses.models).
hooks.register("course_page_context", progress.course_page_context)
hooks.register("lesson_page_context", progress.lesson_page_context)
