"""Wagtail admin views: provisioning (KS superusers), "Ansatte" and "Innlogging" (org admins)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import Employment, IdentityProvider, Organisation
from .organisation_fields import grouped
from .services import (
    ADMINISTER_ALL_EMPLOYMENTS,
    MANAGE_ORGANISATIONS,
    approve_employment,
    end_employment,
    organisations_administered_by,
    provision_organisation,
    reject_employment,
)
from .sso import IdentityProviderForm


class ProvisionView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks for confirmation; POST provisions. Superusers only."""

    template_name = "tenants/provision_confirm.html"
    header_icon = "site"
    page_title = gettext_lazy("Klargjør nettsted")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGE_ORGANISATIONS):
            raise PermissionDenied
        self.organisation = get_object_or_404(Organisation, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.organisation)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {
                "url": reverse("wagtailsnippets_tenants_organisation:list"),
                "label": _("Organisasjoner"),
            },
            {"url": self.edit_url, "label": str(self.organisation)},
            {"url": "", "label": self.page_title},
        ]

    @property
    def edit_url(self):
        return reverse("wagtailsnippets_tenants_organisation:edit", args=[self.organisation.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organisation=self.organisation, edit_url=self.edit_url, **kwargs
        )

    def post(self, request, *args, **kwargs):
        org = provision_organisation(self.organisation)
        messages.success(
            request,
            _("%(name)s har nettstedet %(host)s med egen rotside, samling og grupper.")
            % {"name": org.name, "host": org.site.hostname},
        )
        return redirect(self.edit_url)


def _administered(model, user):
    """`model`'s rows (tenant-owned) of the organisations `user` administers."""
    if user.has_perm(ADMINISTER_ALL_EMPLOYMENTS):
        return model.objects.unscoped()  # KS: every organisation, no id list
    return model.objects.for_organisations(organisations_administered_by(user))


class EmploymentIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The organisation's employments, pending first, for its admins."""

    template_name = "tenants/employment_index.html"
    header_icon = "group"
    page_title = gettext_lazy("Ansatte")

    def dispatch(self, request, *args, **kwargs):
        self.organisations = list(
            organisations_administered_by(request.user).select_related("county").order_by("name")
        )
        if not self.organisations:
            raise PermissionDenied
        chosen = request.GET.get("organisasjon")
        if chosen:
            matches = [o for o in self.organisations if str(o.pk) == chosen]
            if not matches:
                raise PermissionDenied
            self.organisation = matches[0]
        else:
            self.organisation = self.organisations[0]
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.organisation.label

    def get_breadcrumbs_items(self):
        # Without an item of its own the header's title is the last crumb, "Hjem".
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        employments = (
            Employment.objects.for_organisation(self.organisation)
            .select_related("user", "unit", "job_role")
            .annotate(
                pending_first=Case(
                    When(status=Employment.Status.PENDING, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("pending_first", "-created_at")
        )
        return super().get_context_data(
            organisation=self.organisation,
            organisations=self.organisations,
            organisation_groups=grouped(self.organisations),
            employments=employments,
            Status=Employment.Status,
            **kwargs,
        )


@require_POST
def decide_employment(request, pk, decision):
    """Approve or reject an employment of an organisation the user administers.
    Someone else's employment is a 404: its existence is not disclosed."""
    employment = get_object_or_404(
        _administered(Employment, request.user).select_related("user", "organisation"), pk=pk
    )
    if decision == "approve":
        approve_employment(employment, by=request.user)
        messages.success(request, _("%(person)s er godkjent.") % {"person": employment.user})
    elif decision == "end":
        end_employment(employment, by=request.user)
        messages.success(
            request, _("%(person)s er ikke lenger ansatt.") % {"person": employment.user}
        )
    else:
        reject_employment(employment, by=request.user)
        messages.success(request, _("%(person)s er avvist.") % {"person": employment.user})
    return redirect(f"{reverse('tenants_employments')}?organisasjon={employment.organisation_id}")


employment_index = EmploymentIndexView.as_view()
provision = ProvisionView.as_view()


class IdentityProviderIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The identity providers of the organisations the user administers."""

    template_name = "tenants/identity_provider_index.html"
    header_icon = "key"
    page_title = gettext_lazy("Innlogging")

    def dispatch(self, request, *args, **kwargs):
        if not organisations_administered_by(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        providers = _administered(IdentityProvider, self.request.user).select_related(
            "organisation__county"
        )
        return super().get_context_data(
            providers=providers.order_by("organisation__name", "name"), **kwargs
        )


class IdentityProviderEditView(WagtailAdminTemplateMixin, TemplateView):
    """Add (no pk) or change an identity provider. Another organisation's
    provider is a 404: its existence is not disclosed."""

    template_name = "tenants/identity_provider_form.html"
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        self.organisations = organisations_administered_by(request.user)
        if not self.organisations.exists():
            raise PermissionDenied
        pk = kwargs.get("pk")
        self.object = (
            get_object_or_404(_administered(IdentityProvider, request.user), pk=pk)
            if pk
            else IdentityProvider()
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.object) if self.object.pk else _("Ny innloggingstjeneste")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("tenants_identity_providers"), "label": _("Innlogging")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        callback = ""
        if self.object.pk:
            site = self.object.organisation.site
            root = site.root_url if site else self.request.build_absolute_uri("/").rstrip("/")
            path = reverse("openid_connect_callback", kwargs={"provider_id": self.object.slug})
            callback = root + path
        return super().get_context_data(object=self.object, callback_url=callback, **kwargs)

    def get_form(self):
        return IdentityProviderForm(
            self.request.POST or None,
            instance=self.object,
            user=self.request.user,
            organisations=self.organisations.select_related("county").order_by("name"),
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        provider = form.save()
        messages.success(request, _("%(name)s er lagret.") % {"name": provider.name})
        return redirect("tenants_identity_providers")


identity_provider_index = IdentityProviderIndexView.as_view()
identity_provider_edit = IdentityProviderEditView.as_view()
