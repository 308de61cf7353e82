"""Who may see which course: the sharing rule and the per-request access gate.

A course shared with everyone is public, anonymous visitors included. Every
other course (shared with regions, listed organisations, or its owner only) is
for signed-in learners whose employer it is shared with; anyone else is asked
to sign in (or told what they wait for) without learning its title, and a
learner of an organisation it is not shared with gets 404.

The gate is worked out once per request (`viewer(request)`), from the employer
the tenant middleware found, and is used by the page hook (wagtail_hooks.py)
and by the views; `courses.services.course_access`/`lesson_access` call it.
"""

import enum

from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property

from learning.accounts.decorators import learner_redirect
from learning.accounts.services import ANONYMOUS, READY, UNCONFIRMED, learner_state

from .models import CoursePage

ATTRIBUTE = "_courses_viewer"


class Access(enum.Enum):
    ALLOWED = "allowed"
    SIGN_IN = "sign_in"  # sign in, confirm the address or wait for an employer first
    NOT_FOUND = "not_found"  # not shared with this person's organisation


def shared_with_any(org_ids):
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
    With None (anonymous visitors, people no organisation has approved): only
    courses shared with everyone. One query, no duplicates."""
    org_id = getattr(organisation, "pk", organisation)
    if org_id is None:
        rule = Q(sharing=CoursePage.Sharing.EVERYONE)
    else:
        rule = Q(organisation_id=org_id) | shared_with_any([org_id])
    visible = CoursePage.objects.filter(rule).values("pk")
    return CoursePage.objects.live().public().filter(pk__in=visible)


class Viewer:
    """The person behind one request, as the gate sees them. Lazy: a request
    that never asks pays nothing; one that asks twice pays once."""

    def __init__(self, request):
        self.request = request
        self._decisions = {}

    @cached_property
    def organisation(self):
        """The employer whose courses this person sees (see
        tenants.services.current_organisation); None for anonymous visitors
        and for people no organisation has approved. Never the site's."""
        organisation = getattr(self.request, "organisation", None)
        return organisation if organisation else None

    @cached_property
    def state(self):
        """learning.accounts' learner state, without asking for the employers
        a second time when the middleware already found one."""
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return ANONYMOUS
        if not user.email_confirmed:
            return UNCONFIRMED
        if self.organisation is not None:
            return READY
        return learner_state(user)

    def access(self, course):
        """May this person see `course` (its landing page and its lessons)?"""
        if getattr(self.request, "is_preview", False):
            return Access.ALLOWED
        if course.pk not in self._decisions:
            self._decisions[course.pk] = self._decide(course)
        return self._decisions[course.pk]

    def _decide(self, course):
        S = CoursePage.Sharing
        if course.sharing != S.EVERYONE and self.state != READY:
            return Access.SIGN_IN
        org = self.organisation
        if course.live and (
            course.sharing == S.EVERYONE or (org is not None and course.organisation_id == org.pk)
        ):
            # Wagtail's own view restrictions still apply: pages check them
            # before this gate, views fetch lessons with .public().
            return Access.ALLOWED
        visible = courses_visible_to(org).filter(pk=course.pk).exists()
        return Access.ALLOWED if visible else Access.NOT_FOUND


def viewer(request):
    """The request's Viewer, made on first use."""
    found = getattr(request, ATTRIBUTE, None)
    if found is None:
        found = Viewer(request)
        setattr(request, ATTRIBUTE, found)
    return found


def course_access(request, course):
    return viewer(request).access(course)


def viewer_organisation(request):
    """The organisation whose catalogue this person sees: their employer when
    they are an approved employee, else None (courses shared with everyone)."""
    return viewer(request).organisation


def refuse(request, access):
    """What a page answers for a refusal: 404, or a redirect to sign in (or to
    the page that says what the person waits for). None when allowed."""
    if access is Access.NOT_FOUND:
        raise Http404
    if access is Access.SIGN_IN:
        return learner_redirect(request) or redirect_to_login(request.get_full_path())
    return None
