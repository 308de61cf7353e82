from django import template

from ..models import page_href

register = template.Library()


@register.simple_tag(takes_context=True)
def course_href(context, page):
    """The link to a course or lesson for the person viewing: under their own
    organisation's site when it may serve the course (courses/addresses.py)."""
    return page_href(page, context["request"])
