"""Routing cheaply: to a child page in one query instead of two, and, for a
page seen before, in none (RouteCacheMiddleware keeps sites and routed pages
per worker until the content version changes).

Wagtail's Page.route() finds the child by slug as a plain Page, then loads it
again as its specific type. Catalogue and course pages have children of one
type only (subpage_types), so the specific child can be fetched at once.
"""

import logging
import time

from django.http import Http404

from wagtail.models import Page, Site

from .page_cache import current_version

logger = logging.getLogger(__name__)


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

    def _kept(self):
        """(sites, routes) for the current content version; None when the
        cache cannot say which version is current (Redis down): then nothing
        is kept or reused, and requests are served from the database."""
        try:
            version = current_version()
        except Exception:  # noqa: BLE001
            logger.warning("content version unavailable; routing without the kept routes")
            self.version = None
            return None
        now = time.monotonic()
        if version != self.version or now > self.expires:
            self.version, self.sites, self.routes = version, {}, {}
            self.expires = now + self.MAX_AGE_SECONDS
        # The dictionaries of this version: a request that began before a
        # change keeps what it found there, where the next request won't look.
        return self.sites, self.routes

    def __call__(self, request):
        # Nothing here asks the database: /healthz must answer when it is down,
        # and a request that never needs its site pays nothing for it.
        kept = request._courses_kept_routes = self._kept()
        if kept is None:
            return self.get_response(request)
        sites = kept[0]
        key = (request._get_raw_host(), request.get_port())
        if key in sites:
            request._wagtail_site = sites[key]
        response = self.get_response(request)
        # Kept once someone found it (Site.find_for_request sets it).
        if key not in sites and hasattr(request, "_wagtail_site") and len(sites) < self.MAX_ENTRIES:
            sites[key] = request._wagtail_site
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        kept = getattr(request, "_courses_kept_routes", None)
        if kept is None or view_func is not self.wagtail_serve:
            return None
        if request.method not in ("GET", "HEAD"):
            return None
        site = Site.find_for_request(request)
        if site is None:
            return None
        routes = kept[1]
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        key = (site.pk, path)
        try:
            route, serving_catalogue = routes[key]
        except KeyError:
            route = Page.route_for_request(request, path)
            # A shared course under the learner's own site (courses.addresses)
            # is routed with what the request learns on the way: which
            # catalogue serves it. Kept with the route, and given back.
            serving_catalogue = getattr(request, "courses_serving_catalogue", None)
            if len(routes) < self.MAX_ENTRIES:
                routes[key] = (route, serving_catalogue)
        request._wagtail_route_for_request = route
        if serving_catalogue is not None:
            request.courses_serving_catalogue = serving_catalogue
        return None
