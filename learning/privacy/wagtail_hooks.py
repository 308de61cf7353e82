from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tenants.forms import TenantAdminModelForm
from tenants.services import organisations_administered_by

from . import admin_views
from .models import LegalText


class LegalTextViewSet(SnippetViewSet):
    """KS edits the two pages; nobody adds or deletes one (no such permissions
    are given: see legal.ensure_legal_texts)."""

    model = LegalText
    icon = "doc-full"
    menu_label = _("Lovpålagte sider")
    list_display = ["title", "updated_at"]
    add_to_admin_menu = True
    menu_order = 810
    # Links in the text to pages or documents of KS's own site only.
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("body")], base_form_class=TenantAdminModelForm
    )


register_snippet(LegalTextViewSet)


@hooks.register("register_admin_urls")
def privacy_admin_urls():
    return [path("innsynslogg/", admin_views.audit_log, name="privacy_audit_log")]


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return organisations_administered_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def audit_log_menu_item():
    return AdministratorMenuItem(
        _("Innsynslogg"), reverse("privacy_audit_log"), icon_name="history", order=340
    )
