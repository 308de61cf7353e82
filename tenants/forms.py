"""Admin forms that refuse ids from other organisations where they arrive.

Every page form (Page.base_form_class, installed by `tenants.admin_config`)
and every snippet form with a chooser walks the values it is given — foreign
keys, StreamField blocks at any depth (through each block's
`extract_references`, so a new chooser block is covered without being named),
rich text links and embeds, and inline child forms — and refuses any image,
document, media, page or tenant-owned row the user may not choose
(`tenants.admin_scope.choosable`). Saving, publishing and previewing all
validate the same form. A value already on the object before the edit stays
(a course copied from KS keeps KS's cover image); only new ones are checked.
"""

from collections import defaultdict

from django.conf import settings
from django.core import checks
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .admin_scope import choosable


def field_references(field, value):
    """(model, pk as str) for each row that `value` of model field `field` names."""
    if value is None or field is None:
        return
    if hasattr(field, "extract_references"):
        for model, pk, _model_path, _content_path in field.extract_references(value):
            yield model, str(pk)
    elif field.is_relation and (field.many_to_one or field.one_to_one) and field.concrete:
        yield field.related_model, str(getattr(value, "pk", value))
    elif field.is_relation and field.many_to_many:
        for item in value:
            yield field.related_model, str(getattr(item, "pk", item))


def refuse_foreign_references(form, user):
    """Add an error to each field of `form` whose value names a row `user`
    may not choose and that the form's instance did not already name.
    Returns True when something was refused."""
    if user is None or getattr(form, "cleaned_data", None) is None:
        return False
    opts = form._meta.model._meta
    wanted = defaultdict(lambda: defaultdict(set))  # model -> pk -> field names
    fields = {}
    for name, value in form.cleaned_data.items():
        try:
            fields[name] = opts.get_field(name)
        except FieldDoesNotExist:
            continue
        for model, pk in field_references(fields[name], value):
            wanted[model][pk].add(name)

    refused = defaultdict(set)  # field name -> (model, pk)
    for model, by_pk in wanted.items():
        allowed = choosable(user, model)
        if allowed is None:
            continue
        ok = {str(pk) for pk in allowed.filter(pk__in=list(by_pk)).values_list("pk", flat=True)}
        for pk, names in by_pk.items():
            if pk not in ok:
                for name in names:
                    refused[name].add((model, pk))

    for name, references in refused.items():
        field = fields[name]
        before = set(field_references(field, _current_value(form.instance, field)))
        new = sorted(references - before, key=lambda ref: (ref[0]._meta.label, ref[1]))
        if new:
            form.add_error(name, ValidationError(_message(new), code="other_organisation"))
    return any(name not in form.cleaned_data for name in refused)


def _current_value(instance, field):
    if instance is None or instance.pk is None:
        return None
    if field.many_to_many:
        return list(getattr(instance, field.name).all())
    return field.value_from_object(instance)


def _message(references):
    names = ", ".join(f"{model._meta.verbose_name} {pk}" for model, pk in references)
    return _(
        "Du kan bare velge bilder, dokumenter, media og sider fra din egen organisasjon. "
        "Velg på nytt i stedet for: %(names)s."
    ) % {"names": names}


class ChosenObjectsFormMixin:
    """Refuse chosen rows of other organisations, in the form and its inline forms."""

    def clean(self):
        cleaned_data = super().clean()
        refuse_foreign_references(self, self.for_user)
        return cleaned_data

    def is_valid(self):
        valid = super().is_valid()
        for formset in getattr(self, "formsets", {}).values():
            for form in formset.forms:
                if getattr(form, "cleaned_data", {}).get("DELETE"):
                    continue
                if refuse_foreign_references(form, self.for_user):
                    valid = False
        return valid


class TenantAdminModelForm(ChosenObjectsFormMixin, WagtailAdminModelForm):
    pass


class TenantAdminPageForm(ChosenObjectsFormMixin, WagtailAdminPageForm):
    """Also makes the slug from the title when the browser sent none: the
    admin's script fills it in only once the title field loses focus, and an
    editor who types a title and saves at once should not be sent to the
    Promote tab for a field they never saw."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug:
            return slug
        title = self.cleaned_data.get("title") or ""
        slug = slugify(title, allow_unicode=getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True))
        if not slug:
            raise ValidationError(_("Gi siden en adresse (slug) av bokstaver og tall."))
        return slug


def _takes_ids(model):
    """Whether an admin form for `model` could be handed a row id."""
    return any(
        hasattr(field, "extract_references")
        or (field.is_relation and field.concrete and not field.auto_created)
        for field in model._meta.get_fields()
    )


@checks.register(checks.Tags.admin)
def check_admin_forms(app_configs, **kwargs):
    """Fail for a page model, or a snippet whose form can take an id, whose
    admin form does not refuse other organisations' ids."""
    from wagtail.models import get_page_models
    from wagtail.snippets.models import get_snippet_models

    forms = [(model, model.base_form_class) for model in get_page_models()]
    forms += [
        (model, model.snippet_viewset.get_edit_handler().get_form_class())
        for model in get_snippet_models()
        if _takes_ids(model)
    ]
    return [
        checks.Error(
            f"{model.__name__}'s admin form {form.__name__} accepts ids from other organisations.",
            hint="Base it on tenants.forms.TenantAdminPageForm or TenantAdminModelForm.",
            obj=model,
            id="tenants.E010",
        )
        for model, form in forms
        if not issubclass(form, ChosenObjectsFormMixin)
    ]
