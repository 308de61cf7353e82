"""Wagtail's admin app, with every page form checking the ids it is given.

Wagtail's own ready() sets `Page.base_form_class = WagtailAdminPageForm`, so a
project cannot set it earlier; this subclass (named in INSTALLED_APPS in place
of "wagtail.admin") sets the checking form right after. Every page model that
does not name its own form inherits it; `tenants.checks` fails for one that
names a form without the check.
"""

from wagtail.admin.apps import WagtailAdminAppConfig


class WagtailAdminConfig(WagtailAdminAppConfig):
    def ready(self):
        super().ready()
        from wagtail.models import Page

        from .forms import TenantAdminPageForm

        Page.base_form_class = TenantAdminPageForm
