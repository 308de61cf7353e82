"""Choosing organisations among ~375: grouped by county, with labels that tell
namesakes apart (Herøy, Oslo, Våler), ordered the Norwegian way (Æ, Ø, Å last)."""

from itertools import groupby

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from .models import Organisation

NORWEGIAN_LETTERS = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # sort after z


def norwegian_sort_key(text):
    return text.lower().translate(NORWEGIAN_LETTERS)


def grouped(organisations):
    """[(county name, [organisation, …]), …]: counties in Norwegian order,
    each with its county municipality first, then its municipalities;
    organisations outside any county (KS, regions) last."""

    def order(org):
        county = org.county_name
        return (
            not county,
            norwegian_sort_key(county),
            org.kind != org.Kind.COUNTY,
            norwegian_sort_key(org.label),
        )

    organisations = sorted(organisations, key=order)
    other = _("Regioner og KS")
    return [
        (county or str(other), list(members))
        for county, members in groupby(organisations, key=lambda o: o.county_name)
    ]


class GroupedOrganisationIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        organisations = self.queryset.select_related("county")
        for county, members in grouped(organisations):
            yield (county, [self.choice(org) for org in members])

    def __len__(self):
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class OrganisationChoiceField(forms.ModelChoiceField):
    """A <select> with one <optgroup> per county; works without JavaScript and
    a screen reader announces the county with each choice."""

    iterator = GroupedOrganisationIterator

    def label_from_instance(self, obj):
        return obj.label


class OrganisationMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = GroupedOrganisationIterator

    def label_from_instance(self, obj):
        return obj.label


class OrganisationCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per county, with a search box that narrows
    the list (organisation_picker.js; without JavaScript the list is just
    long). For the admin's "shared with" choice. The form field's choices may
    be plain (a model form's) or already grouped; either way they are
    regrouped by county here with one query."""

    template_name = "tenants/widgets/organisation_checkboxes.html"

    class Media:
        js = ["tenants/organisation_picker.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = [
            str(getattr(choice_value, "value", choice_value))
            for choice_value, _label in self._flat_choices()
            if choice_value != ""
        ]
        organisations = Organisation.objects.filter(pk__in=ids).select_related("county")
        chosen = {str(v) for v in (value or [])}
        base_id = context["widget"]["attrs"].get("id", name)
        groups = []
        for county, members in grouped(organisations):
            groups.append(
                (
                    county,
                    [
                        {
                            "value": org.pk,
                            "label": org.label,
                            "checked": str(org.pk) in chosen,
                            "id": f"{base_id}_{org.pk}",
                        }
                        for org in members
                    ],
                )
            )
        context["organisation_groups"] = groups
        context["base_id"] = base_id
        return context

    def _flat_choices(self):
        for choice_value, label in self.choices:
            if isinstance(label, list | tuple):
                yield from label
            else:
                yield choice_value, label
