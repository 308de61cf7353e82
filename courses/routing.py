"""Routing to a child page in one query instead of two.

Wagtail's Page.route() finds the child by slug as a plain Page, then loads it
again as its specific type. Catalogue and course pages have children of one
type only (subpage_types), so the specific child can be fetched at once.
"""

from django.http import Http404


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
