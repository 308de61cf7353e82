"""Where links to courses go: learners stay on their own organisation's site.

A course lives on its owner's site (KS's national courses on KS's). A learner
of Kongsberg takes a course KS shares with Kongsberg under Kongsberg's site,
with Kongsberg's branding and their session:

    https://kongsberg.kurs.example.no/delt/<owner's catalogue>/<course>/<lesson>/

Such a page is the owner's page, served under another catalogue: it names the
owner's address as canonical (`rel=canonical`), and it passes the same gate as
on the owner's site (courses/access.py) and Wagtail's view restrictions. The
catalogue that serves it only routes courses that are live, public and shared
with its own organisation (`shared_route`), so a course that is not shared with
Kongsberg, or a draft, is 404 under Kongsberg's address whoever asks.

"Their own site" is their employer's site when they are an approved employee
of an organisation that has one and their sign-in reaches it (they are on it,
or SESSION_COOKIE_DOMAIN spans the sites); else the site they are on, so a
link never signs anyone out (anonymous visitors on a public course stay on the
catalogue they came from). A course their own site cannot serve keeps its
owner's address.
"""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.http.request import split_domain_port
from django.utils.functional import cached_property

from wagtail.models import Site

from tenants.services import organisation_for_site

SHARED_PREFIX = "delt"
ATTRIBUTE = "_courses_addresses"


def _path_in_catalogue(page):
    """The page's path below its catalogue ('course/' or 'course/lesson/')."""
    return page.url_path.strip("/").split("/", 1)[1] + "/"


def shared_path(page):
    """The path of `page` (a course or lesson) under another organisation's
    catalogue: /delt/<owner's catalogue slug>/<course>/[<lesson>/]."""
    owner_catalogue = page.url_path.strip("/").split("/", 1)[0]
    return f"/{SHARED_PREFIX}/{owner_catalogue}/{_path_in_catalogue(page)}"


def _under(hostname, domain):
    hostname = split_domain_port(hostname)[0].lower()
    return f".{hostname}".endswith(f".{domain}")


def shares_session(host, other_hostname):
    """Does the session cookie set on `host` go with requests to `other_hostname`
    too (SESSION_COOKIE_DOMAIN covers both)? Else a link there signs them out."""
    domain = (settings.SESSION_COOKIE_DOMAIN or "").lstrip(".").lower()
    return bool(domain) and _under(host, domain) and _under(other_hostname, domain)


class Addresses:
    """Per request: the learner's own site and the courses shared with it.
    Lazy; at most three queries however many links a page has."""

    def __init__(self, request):
        self.request = request
        self.known_shared = set()  # course ids routed here through shared_route

    @cached_property
    def request_site(self):
        return Site.find_for_request(self.request)

    @cached_property
    def home(self):
        """(site, organisation) of the learner's own site, or (None, None)."""
        from .access import viewer

        employer = viewer(self.request).organisation
        site = self.request_site
        if employer is not None and employer.site_id is not None:
            if site is not None and site.pk == employer.site_id:
                return site, employer
            home = (
                settings.SESSION_COOKIE_DOMAIN and Site.objects.filter(pk=employer.site_id).first()
            )
            if home and shares_session(self.request.get_host(), home.hostname):
                return home, employer
            # Their sign-in does not reach their employer's host (one cookie
            # per host): they stay on the site they signed in on.
        if site is None:
            return None, None
        # The middleware's lazy answer for this host, when there is one.
        organisation = getattr(self.request, "site_organisation", None)
        if organisation is None:
            organisation = organisation_for_site(site)
        return site, organisation if organisation else None

    @cached_property
    def shared_ids(self):
        from .access import courses_visible_to

        _, organisation = self.home
        return set(courses_visible_to(organisation).values_list("pk", flat=True))

    def shared_with_home(self, course):
        return course.pk in self.known_shared or course.pk in self.shared_ids

    def href(self, page, course):
        """Where a link to `page` (the course `course` or one of its lessons) goes."""
        site, organisation = self.home
        if (
            site is None
            or organisation is None
            or course.organisation_id in (None, organisation.pk)
        ):
            return page.get_url(self.request)
        if not self.shared_with_home(course):
            return page.get_url(self.request)
        path = shared_path(page)
        if self.request_site is not None and site.pk == self.request_site.pk:
            return path
        return site.root_url + path


def addresses(request):
    found = getattr(request, ATTRIBUTE, None)
    if found is None:
        found = Addresses(request)
        setattr(request, ATTRIBUTE, found)
    return found


def learner_href(page, request, course=None):
    """The link to a course or lesson for the person behind `request`: under
    their own site when it may serve the course, else the owner's address."""
    from .models import LessonPage

    if course is None:
        course = page.course if isinstance(page, LessonPage) else page
    return addresses(request).href(page, course)


def own_site_redirect(page, request, course):
    """Someone whose sign-in reaches their employer's site (SESSION_COOKIE_DOMAIN
    spans the sites) and who opens a course elsewhere, at an address their own
    site can serve it under, is sent there (a KS link in a newsletter opens on
    Kongsberg's site). None otherwise; called once the gate has let them in."""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return None
    found = addresses(request)
    site, _ = found.home
    if site is None or found.request_site is None or site.pk == found.request_site.pk:
        return None
    href = found.href(page, course)
    if not href.startswith(site.root_url + "/"):
        return None
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(f"{href}?{query}" if query else href)


def canonical_url(page, request):
    """The owner's address of a course or lesson page, in full."""
    return page.get_full_url(request)


def catalogue_href(page, request):
    """'Alle kurs' from a course page: the catalogue that served it."""
    catalogue = getattr(request, "courses_serving_catalogue", None)
    if catalogue is not None:
        return catalogue.get_url(request)
    return page.get_parent().get_url(request)


def shared_route(catalogue, request, path_components):
    """Route /delt/<owner's catalogue>/<course>/... under `catalogue`: only a
    live, public course of another organisation that is shared with the
    catalogue's own organisation. Anything else is 404, before the access
    gate and view restrictions (which still apply to what is routed)."""
    from tenants.models import Organisation

    from .access import courses_visible_to
    from .models import CatalogPage

    if len(path_components) < 2:
        raise Http404
    owner_slug, course_slug, *rest = path_components
    host = Organisation.objects.filter(root_page=catalogue).first()
    owner = CatalogPage.objects.sibling_of(catalogue, inclusive=False).filter(slug=owner_slug)
    owner = owner.first()
    if host is None or owner is None:
        raise Http404
    course = (
        courses_visible_to(host)
        .child_of(owner)
        .filter(slug=course_slug)
        .exclude(organisation_id=host.pk)
        .first()
    )
    if course is None:
        raise Http404
    course._cached_parent_obj = owner
    request.courses_serving_catalogue = catalogue
    found = addresses(request)
    if found.home[1] is not None and found.home[1].pk == host.pk:
        found.known_shared.add(course.pk)
    return course.route(request, rest)
