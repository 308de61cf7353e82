"""Wagtail admin for organisations, and the hooks that keep tenants apart.

Pages, images, documents and media are already limited by the group page and
collection permissions that provisioning grants. Wagtail's page chooser is not
(it lists every page), so it is narrowed here to the user's organisations.
"""

from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from . import views
from .models import Organisation
from .services import (
    MANAGE_ORGANISATIONS,
    organisations_administered_by,
    organisations_edited_by,
)

# Organisations are KS's to manage, by named permission (tenants.add/change/
# delete_organisation), not by being a superuser: a KS analyst is not one.
register_permission_policy(Organisation, ModelPermissionPolicy(Organisation))


def _provision_url(org):
    return reverse("tenants_provision", args=[org.pk])


class OrganisationEditView(EditView):
    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Klargjør nettsted"), url=_provision_url(self.object), icon_name="site"),
        ]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisasjoner")
    menu_order = 250
    add_to_admin_menu = True
    edit_view_class = OrganisationEditView
    list_display = ["name", "number", "kind", "county", "headcount", "is_provisioned"]
    list_filter = ["kind", "county", "size_class"]
    search_fields = ["name", "number", "slug"]
    list_per_page = 50
    ordering = ["name"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(["name", "kind", "number"]),
                FieldRowPanel(["slug", "sami_name"]),
                FieldPanel("county"),
                FieldPanel("members"),
            ],
            heading=_("Organisasjon"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(["population", "size_class", "written_form"]),
                FieldPanel("headcount"),
                FieldPanel("administrative_centre"),
                FieldPanel("website"),
            ],
            heading=_("Fakta"),
        ),
        InlinePanel("email_domains", heading=_("E-postdomener"), label=_("E-postdomene")),
        MultiFieldPanel(
            [FieldPanel("brand_name"), FieldPanel("brand_logo"), FieldPanel("brand_colour")],
            heading=_("Profil"),
        ),
    ]


register_snippet(OrganisationViewSet)


@hooks.register("register_snippet_listing_buttons")
def provision_listing_button(snippet, user, next_url=None):
    if isinstance(snippet, Organisation) and user.has_perm(MANAGE_ORGANISATIONS):
        yield Button(_("Klargjør nettsted"), url=_provision_url(snippet), icon_name="site")


@hooks.register("register_admin_urls")
def tenant_admin_urls():
    return [
        path("organisasjoner/<int:pk>/klargjor/", views.provision, name="tenants_provision"),
        path("ansatte/", views.employment_index, name="tenants_employments"),
        path(
            "ansatte/<int:pk>/godkjenn/",
            views.decide_employment,
            {"decision": "approve"},
            name="tenants_employment_approve",
        ),
        path(
            "ansatte/<int:pk>/avvis/",
            views.decide_employment,
            {"decision": "reject"},
            name="tenants_employment_reject",
        ),
    ]


class EmploymentsMenuItem(MenuItem):
    def is_shown(self, request):
        return organisations_administered_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def employments_menu_item():
    return EmploymentsMenuItem(
        _("Ansatte"), reverse("tenants_employments"), icon_name="group", order=260
    )


def _editable_subtrees(user):
    """A Q matching the pages of the organisations `user` edits or administers."""
    paths = (
        organisations_edited_by(user)
        .filter(root_page__isnull=False)
        .values_list("root_page__path", flat=True)
    )
    query = Q(pk__in=[])
    for root_path in paths:
        query |= Q(path__startswith=root_path)
    return query


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_own_organisations(pages, request):
    """Non-superusers choose only pages in their organisations' subtrees; browsing
    into another organisation's tree is a 404, because the chooser would
    otherwise offer the page being browsed as a choice."""
    user = request.user
    if user.has_perm(MANAGE_ORGANISATIONS):
        return pages
    subtrees = _editable_subtrees(user)
    parent_page_id = (request.resolver_match.kwargs if request.resolver_match else {}).get(
        "parent_page_id"
    )
    if (
        parent_page_id
        and Page.objects.filter(pk=parent_page_id, depth__gt=1).exclude(subtrees).exists()
    ):
        raise Http404
    return pages.filter(subtrees)
