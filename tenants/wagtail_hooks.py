"""Wagtail admin for organisations, and the hooks that keep tenants apart.

Pages, images, documents and media are limited by the group page and
collection permissions that provisioning grants. Where Wagtail lists or takes
rows without asking them, the answer comes from `tenants.admin_scope`: here
for the page chooser (it lists every page), the admin API's image and document
endpoints and the move confirmation; in `tenants.forms` for every value an
admin form is given; in `tenants.admin_views` and `tenants.admin_filters` for
the views and filters Wagtail offers no hook for.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.widgets import Button
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from . import views
from .admin_scope import choosable, own_pages_q
from .forms import TenantAdminModelForm
from .models import Organisation
from .services import (
    MANAGE_ORGANISATIONS,
    organisations_administered_by,
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
    edit_handler = ObjectList(
        [
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
        ],
        base_form_class=TenantAdminModelForm,
    )


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
        path(
            "ansatte/<int:pk>/avslutt/",
            views.decide_employment,
            {"decision": "end"},
            name="tenants_employment_end",
        ),
        path("innlogging/", views.identity_provider_index, name="tenants_identity_providers"),
        path("innlogging/ny/", views.identity_provider_edit, name="tenants_identity_provider_add"),
        path(
            "innlogging/<int:pk>/", views.identity_provider_edit, name="tenants_identity_provider"
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


@hooks.register("register_admin_menu_item")
def identity_providers_menu_item():
    return EmploymentsMenuItem(
        _("Innlogging"), reverse("tenants_identity_providers"), icon_name="key", order=265
    )


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_own_organisations(pages, request):
    """Non-superusers choose only pages in their organisations' subtrees; browsing
    into another organisation's tree is a 404, because the chooser would
    otherwise offer the page being browsed as a choice."""
    user = request.user
    if user.has_perm(MANAGE_ORGANISATIONS):
        return pages
    subtrees = own_pages_q(user)
    parent_page_id = (request.resolver_match.kwargs if request.resolver_match else {}).get(
        "parent_page_id"
    )
    if (
        parent_page_id
        and Page.objects.filter(pk=parent_page_id, depth__gt=1).exclude(subtrees).exists()
    ):
        raise Http404
    return pages.filter(subtrees)


def _choosable_only(endpoint):
    """`endpoint` narrowed to the rows the requesting user may choose."""

    class Endpoint(endpoint):
        def get_queryset(self):
            queryset = super().get_queryset()
            allowed = choosable(self.request.user, queryset.model)
            return queryset if allowed is None else queryset.filter(pk__in=allowed.values("pk"))

    Endpoint.__name__ = Endpoint.__qualname__ = f"Choosable{endpoint.__name__}"
    return Endpoint


@hooks.register("construct_admin_api", order=100)
def limit_admin_api_to_choosable(router):
    """The admin API's image and document listings (used by the rich text
    editor) list every collection; narrow them, after Wagtail registered them."""
    router.register_endpoint("images", _choosable_only(ImagesAdminAPIViewSet))
    router.register_endpoint("documents", _choosable_only(DocumentsAdminAPIViewSet))


@hooks.register("before_move_page")
def refuse_moves_one_may_not_make(request, page_to_move, destination):
    """Wagtail's move confirmation shows both pages before checking that the
    move is allowed; refuse it up front, as the move itself would be."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
