"""Sharing a course with a whole county in one choice."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tenants.forms import TenantAdminPageForm
from tenants.models import Organisation


class CountySharingForm(TenantAdminPageForm):
    """ "Del med fylker" is not stored: each county chosen adds its county
    municipality and all its municipalities to "delt med organisasjoner",
    where the editor sees them ticked and can untick any."""

    share_with_counties = forms.ModelMultipleChoiceField(
        label=_("Del med hele fylker"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COUNTY).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Legger fylkeskommunen og alle kommunene i fylket til i listen under. "
            "Gjelder når deling er «Organisasjoner jeg velger»."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        counties = cleaned_data.get("share_with_counties")
        if counties:
            added = Organisation.objects.filter(Q(pk__in=counties) | Q(county__in=counties))
            chosen = cleaned_data.get("shared_with") or Organisation.objects.none()
            cleaned_data["shared_with"] = Organisation.objects.filter(
                Q(pk__in=chosen) | Q(pk__in=added)
            )
        return cleaned_data
