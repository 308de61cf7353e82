"""Courses for other apps: who may see them, and sharing with editors. Plain
functions; other apps call these.

Who may see a course is decided in courses/access.py, once per request:
`course_access` and `lesson_access` below are its public entry points.
"""

from django.db.models import Q

from wagtail.coreutils import find_available_slug

from tenants import services as tenant_services

from .access import Access, courses_visible_to, shared_with_any, viewer, viewer_organisation
from .models import CoursePage

__all__ = [
    "Access",
    "course_access",
    "courses_visible_to",
    "is_visible_to",
    "lesson_access",
    "viewer_organisation",
]


def is_visible_to(course, organisation):
    return courses_visible_to(organisation).filter(pk=course.pk).exists()


def course_access(request, course):
    """May this request see the course's landing page? ALLOWED, SIGN_IN
    (anonymous, unconfirmed or not yet employed, and the course is not shared
    with everyone) or NOT_FOUND. Decided once per request and course."""
    return viewer(request).access(course)


def lesson_access(request, course):
    """May this request read the course's lessons? The same answer as for
    the landing page: a course that is not shared with everyone is for
    learners (signed in, confirmed, employed) whose employer it is shared with."""
    return viewer(request).access(course)


def organisations_edited_by(user):
    """Organisations whose content `user` edits (see tenants.services)."""
    return tenant_services.organisations_edited_by(user)


def courses_shared_with_any(organisations):
    """Live courses shared with at least one of `organisations` (not counting
    their own): what editors there may link to or use as a template."""
    ids = [getattr(o, "pk", o) for o in organisations]
    shared = CoursePage.objects.filter(shared_with_any(ids)).values("pk")
    return CoursePage.objects.live().filter(pk__in=shared).exclude(organisation_id__in=ids)


def organisations_course_is_shared_with(course):
    """Q over Organisation: those the course is shared with, besides its owner."""
    S = CoursePage.Sharing
    if course.sharing == S.EVERYONE:
        return Q()
    if course.sharing == S.REGION:
        regions = course.shared_with_regions.all()
        return Q(regions__in=regions) | Q(pk__in=regions)
    if course.sharing == S.LISTED:
        return Q(pk__in=course.shared_with.all())
    return Q(pk__in=[])


def template_targets(user, course):
    """The organisations `user` may copy `course` into: ones they edit, that have
    a catalogue, that the course is shared with and that do not own it. Two queries."""
    if not course.live:
        return []
    return list(
        organisations_edited_by(user)
        .exclude(root_page=None)
        .exclude(pk=course.organisation_id)
        .filter(organisations_course_is_shared_with(course))
        .distinct()
        .order_by("name")
    )


def copy_course_as_template(course, organisation, user, *, title=None, slug=None):
    """Copy `course` and its published lessons into `organisation`'s catalogue
    as drafts the organisation owns and shares with nobody, for its editors to
    adapt, under `title` and `slug` (default: the original's title and a free
    slug). Drafts and unpublished lessons stay with their owner. The caller
    checks that `user` may (see `template_targets`) and that `slug` is free.
    Each call makes a new copy; `copies_of` finds the earlier ones."""
    target = organisation.root_page.specific
    copy = course.copy(
        to=target,
        update_attrs={
            "title": title or course.title,
            "slug": slug or find_available_slug(target, course.slug),
            "sharing": CoursePage.Sharing.OWN,
            "copied_from": course,
        },
        keep_live=False,
        user=user,
        copy_revisions=False,
    ).specific
    for lesson in course.get_children().live().public().specific():
        lesson.copy(to=copy, keep_live=False, user=user, copy_revisions=False)
    # Sharing belongs to the original's owner; the copy starts private.
    copy.shared_with = []
    copy.shared_with_regions = []
    copy.save()
    copy.save_revision(user=user, log_action=False)
    return copy


def copies_of(course, organisation):
    """`organisation`'s earlier copies of `course` (drafts included)."""
    return CoursePage.objects.filter(copied_from=course, organisation=organisation).order_by("path")
