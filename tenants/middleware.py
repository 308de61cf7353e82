from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from . import services


class TenantMiddleware:
    """Sets `request.site_organisation` (whose branded site this is, from the
    hostname) and `request.organisation` (the signed-in learner's employer).
    Both are lazy, so requests that never ask pay nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.site_organisation = SimpleLazyObject(
            lambda: services.organisation_for_site(Site.find_for_request(request))
        )
        request.organisation = SimpleLazyObject(lambda: services.current_organisation(request))
        return self.get_response(request)
