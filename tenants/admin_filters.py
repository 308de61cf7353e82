"""Keep Wagtail's admin filters from naming people of other organisations.

The page explorer's "Owner" and "Edited by" filters, the locked-pages report's
"Locked by" and the workflow report's "Requested by" offer every user who ever
owned, edited, locked or submitted any page, across all organisations. For
anyone but a superuser, narrow each to the people who share one of their
organisations' editor or admin groups.
"""

from django.contrib.auth import get_user_model

from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet

FILTERS = [
    (PageFilterSet, "owner"),
    (PageFilterSet, "edited_by"),
    (LockedPagesReportFilterSet, "locked_by"),
    (WorkflowReportFilterSet, "requested_by"),
]


def colleagues(user):
    """Users in the editor or admin groups of the organisations `user` edits."""
    from .services import organisations_edited_by

    groups = set()
    for org in organisations_edited_by(user):
        groups.update({org.editors_group_id, org.admins_group_id})
    groups.discard(None)
    return get_user_model().objects.filter(groups__in=groups).distinct()


def _within_own_organisations(wagtail_queryset):
    def queryset(request):
        users = wagtail_queryset(request)
        from .services import MANAGE_ORGANISATIONS

        if request is None or request.user.has_perm(MANAGE_ORGANISATIONS):
            return users
        return users.filter(pk__in=colleagues(request.user).values("pk"))

    return queryset


def limit_user_filters():
    """Wrap each filter's queryset once (called from TenantsConfig.ready)."""
    for filterset, name in FILTERS:
        user_filter = filterset.base_filters[name]
        if not getattr(user_filter, "_limited_to_organisations", False):
            user_filter.queryset = _within_own_organisations(user_filter.queryset)
            user_filter._limited_to_organisations = True
