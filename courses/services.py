"""Who may see which course. Plain functions; other apps call these.

Visibility follows the learner's employer, not the hostname: a signed-in
employee sees what is shared with their organisation on every host. People
with no approved employer (and anonymous visitors) see what is shared with the
organisation whose site they are on.
"""

import enum

from django.db.models import Q

from wagtail.coreutils import find_available_slug

from learning.accounts.services import READY, learner_state
from tenants import services as tenant_services

from .models import CoursePage


class Access(enum.Enum):
    ALLOWED = "allowed"
    SIGN_IN = "sign_in"  # sign in, confirm the address or wait for an employer first
    NOT_FOUND = "not_found"  # not shared with this person's organisation


def _shared_with_any(org_ids):
    """Q over CoursePage: shared with everyone, or with one of `org_ids`
    directly (listed), as a region, or through a region they belong to."""
    S = CoursePage.Sharing
    return (
        Q(sharing=S.EVERYONE)
        | Q(sharing=S.REGION, shared_with_regions__members__in=org_ids)
        | Q(sharing=S.REGION, shared_with_regions__in=org_ids)
        | Q(sharing=S.LISTED, shared_with__in=org_ids)
    )


def courses_visible_to(organisation):
    """Live, public courses that `organisation` (an Organisation, its pk or None)
    may take: its own, everything shared with everyone (KS's national courses),
    courses shared with a region it belongs to, and courses that list it.
    With None: only courses shared with everyone. One query, no duplicates."""
    org_id = getattr(organisation, "pk", organisation)
    if org_id is None:
        rule = Q(sharing=CoursePage.Sharing.EVERYONE)
    else:
        rule = Q(organisation_id=org_id) | _shared_with_any([org_id])
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


def course_access(request, course):
    """May this request see the course landing page?"""
    if getattr(request, "is_preview", False):
        return Access.ALLOWED
    if is_visible_to(course, viewer_organisation(request)):
        return Access.ALLOWED
    return Access.NOT_FOUND


def lesson_access(request, course):
    """May this request read the course's lessons? Lessons of courses shared
    with everyone are open to all; the rest need a learner (signed in,
    confirmed, employed; see learning.accounts) whose organisation the course
    is shared with."""
    access = course_access(request, course)
    if access is not Access.ALLOWED or getattr(request, "is_preview", False):
        return access
    if course.sharing == CoursePage.Sharing.EVERYONE:
        return Access.ALLOWED
    if learner_state(request.user) != READY:
        return Access.SIGN_IN
    return Access.ALLOWED


def organisations_edited_by(user):
    """Organisations whose content `user` edits (see tenants.services)."""
    return tenant_services.organisations_edited_by(user)


def courses_shared_with_any(organisations):
    """Live courses shared with at least one of `organisations` (not counting
    their own): what editors there may link to or use as a template."""
    ids = [getattr(o, "pk", o) for o in organisations]
    shared = CoursePage.objects.filter(_shared_with_any(ids)).values("pk")
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
