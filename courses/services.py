"""Who may see which course. Plain functions; other apps call these.

Visibility follows the learner's employer, not the hostname: a signed-in
employee sees what is shared with their organisation on every host. People
with no approved employer (and anonymous visitors) see what is shared with the
organisation whose site they are on.
"""

import enum

from django.db.models import Q

from .models import CoursePage


class Access(enum.Enum):
    ALLOWED = "allowed"
    LOGIN = "login"  # sign in first
    FORBIDDEN = "forbidden"  # signed in, but not an approved employee anywhere
    NOT_FOUND = "not_found"  # not shared with this person's organisation


def courses_visible_to(organisation):
    """Live, public courses that `organisation` (an Organisation, its pk or None)
    may take: its own, everything shared with everyone (KS's national courses),
    courses shared with a region it belongs to, and courses that list it.
    With None: only courses shared with everyone. One query, no duplicates."""
    S = CoursePage.Sharing
    rule = Q(sharing=S.EVERYONE)
    org_id = getattr(organisation, "pk", organisation)
    if org_id is not None:
        rule |= (
            Q(organisation_id=org_id)
            | Q(sharing=S.REGION, shared_with_regions__members=org_id)
            | Q(sharing=S.REGION, shared_with_regions=org_id)
            | Q(sharing=S.LISTED, shared_with=org_id)
        )
    visible = CoursePage.objects.filter(rule).values("pk")
    return CoursePage.objects.live().public().filter(pk__in=visible)


def is_visible_to(course, organisation):
    return courses_visible_to(organisation).filter(pk=course.pk).exists()


def viewer_organisation(request):
    """The organisation whose catalogue this person sees: their employer when
    they are an approved employee, else the organisation of the site."""
    return (
        getattr(request, "organisation", None)
        or getattr(request, "site_organisation", None)
        or None
    )


def has_employer(request):
    return bool(getattr(request, "organisation", None))


def course_access(request, course):
    """May this request see the course landing page?"""
    if getattr(request, "is_preview", False):
        return Access.ALLOWED
    if is_visible_to(course, viewer_organisation(request)):
        return Access.ALLOWED
    return Access.NOT_FOUND


def lesson_access(request, course):
    """May this request read the course's lessons? Courses shared with everyone
    are open to all; the rest need an approved employee of an organisation the
    course is shared with."""
    if getattr(request, "is_preview", False):
        return Access.ALLOWED
    if has_employer(request):
        return Access.ALLOWED if is_visible_to(course, request.organisation) else Access.NOT_FOUND
    if course_access(request, course) is not Access.ALLOWED:
        return Access.NOT_FOUND
    if course.sharing == CoursePage.Sharing.EVERYONE:
        return Access.ALLOWED
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return Access.FORBIDDEN
    return Access.LOGIN
