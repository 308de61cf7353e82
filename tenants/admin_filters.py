"""Keep Wagtail's admin filters from naming people or tags of other organisations.

The page explorer's "Owner" and "Edited by" filters, the locked-pages report's
"Locked by", the workflow report's "Requested by" and the site history's
"User" offer every user who ever owned, edited, locked, submitted or changed
anything, across all organisations. For anyone but a superuser, narrow each to
the people who share one of their organisations' editor or admin groups. The
image and document listings' "Tag" filter offers the most used tags of every
collection; narrow it to the tags of the user's own.
"""

from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.views.reports.audit_logging import SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet
from wagtail.documents.views.documents import DocumentsFilterSet
from wagtail.images.views.images import ImagesFilterSet

from .admin_scope import colleagues, popular_tags

FILTERS = [
    (PageFilterSet, "owner"),
    (PageFilterSet, "edited_by"),
    (LockedPagesReportFilterSet, "locked_by"),
    (WorkflowReportFilterSet, "requested_by"),
]


def _within_own_organisations(wagtail_queryset):
    def queryset(request):
        users = wagtail_queryset(request)
        from .services import MANAGE_ORGANISATIONS

        if request is None or request.user.has_perm(MANAGE_ORGANISATIONS):
            return users
        return users.filter(pk__in=colleagues(request.user).values("pk"))

    return queryset


def _own_users(get_users_queryset):
    def wrapped(self):
        users = get_users_queryset(self)
        if self.request is None or self.request.user.is_superuser:
            return users
        return users.filter(pk__in=colleagues(self.request.user).values("pk"))

    wrapped._limited_to_organisations = True
    return wrapped


def _own_popular_tags(init):
    def wrapped(self, *args, request=None, **kwargs):
        init(self, *args, request=request, **kwargs)
        if "tag" in self.filters and request is not None:
            tags = popular_tags(request.user, self._meta.model)
            if tags:
                self.filters["tag"].extra["choices"] = [(tag.name, tag.name) for tag in tags]
            else:
                del self.filters["tag"]

    wrapped._limited_to_organisations = True
    return wrapped


def limit_user_filters():
    """Wrap each filter's queryset once (called from TenantsConfig.ready)."""
    site_history = SiteHistoryReportFilterSet
    if not getattr(site_history.get_users_queryset, "_limited_to_organisations", False):
        site_history.get_users_queryset = _own_users(site_history.get_users_queryset)
    for filterset in (ImagesFilterSet, DocumentsFilterSet):
        if not getattr(filterset.__init__, "_limited_to_organisations", False):
            filterset.__init__ = _own_popular_tags(filterset.__init__)
    for filterset, name in FILTERS:
        user_filter = filterset.base_filters[name]
        if not getattr(user_filter, "_limited_to_organisations", False):
            user_filter.queryset = _within_own_organisations(user_filter.queryset)
            user_filter._limited_to_organisations = True
