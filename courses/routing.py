"""Routing cheaply: to a child page in one query instead of two, and, for a
page seen before, in none (RouteCacheMiddleware keeps sites and routed pages
per worker until the content version changes).

Wagtail's Page.route() finds the child by slug as a plain Page, then loads it
again as its specific type. Catalogue and course pages have children of one
type only (subpage_types), so the specific child can be fetched at once.
"""

import time

from django.http import Http404

from wagtail.models import Page, Site

from .page_cache import current_version


class SingleChildTypeRouting:
    """For page types whose subpage_types name exactly one page type."""

    def route(self, request, path_components):
        (child_model,) = self.allowed_subpage_models()
        if not path_components:
            return super().route(request, path_components)
        try:
            child = child_model.objects.child_of(self).get(slug=path_components[0])
        except child_model.DoesNotExist as exc:
            raise Http404 from exc
        child._cached_parent_obj = self  # get_parent() answers without a query
        return child.route(request, path_components[1:])


class MemoisedViewRestrictions:
    """Wagtail checks a page's view restrictions (its own and its ancestors')
    on every serve: two queries. The evaluated queryset is kept on the page,
    so a page kept by RouteCacheMiddleware answers from memory; any change to
    a restriction bumps the content version, which drops those pages."""

    def get_view_restrictions(self):
        found = self.__dict__.get("_memo_view_restrictions")
        if found is None:
            found = super().get_view_restrictions()
            self._memo_view_restrictions = found
        return found


class RouteCacheMiddleware:
    """Keeps, per worker process, which Wagtail site a host is and which page a
    path routes to, keyed by the content version (courses.page_cache, bumped on
    every publish, unpublish, move or delete of a page, on changes to sites,
    organisations and view restrictions). A repeated visit to a page then
    skips the Site query and the three routing queries, and Django's work of
    compiling them. Nothing personal is kept: pages and sites only; who may see
    a page is still decided per request (courses.access, Wagtail's view
    restrictions)."""

    MAX_ENTRIES = 2000
    # A few changes send no signal (provisioning updates organisations and the
    # default site with .update()): nothing is kept longer than this.
    MAX_AGE_SECONDS = 60

    def __init__(self, get_response):
        from wagtail.views import serve  # needs the app registry ready

        self.get_response = get_response
        self.wagtail_serve = serve
        self.version = None
        self.expires = 0.0
        self.sites = {}
        self.routes = {}

    def _current(self):
        version = current_version()
        now = time.monotonic()
        if version != self.version or now > self.expires:
            self.version, self.sites, self.routes = version, {}, {}
            self.expires = now + self.MAX_AGE_SECONDS
        return version

    def __call__(self, request):
        self._current()
        key = (request._get_raw_host(), request.get_port())
        try:
            request._wagtail_site = self.sites[key]
        except KeyError:
            site = Site.find_for_request(request)
            if len(self.sites) < self.MAX_ENTRIES:
                self.sites[key] = site
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not self.wagtail_serve or request.method not in ("GET", "HEAD"):
            return None
        site = Site.find_for_request(request)
        if site is None:
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        key = (site.pk, path)
        try:
            request._wagtail_route_for_request = self.routes[key]
        except KeyError:
            route = Page.route_for_request(request, path)
            if len(self.routes) < self.MAX_ENTRIES:
                self.routes[key] = route
        return None
