"""Tenant-owned rows: one base model, one manager, one system check.

Every model whose rows belong to an organisation subclasses `TenantOwnedModel`.
It brings the required `organisation`, the scoped manager (queries refuse to
run until they say whose rows they want) and a guard that every tenant-owned
row it points to belongs to the same organisation, so an `Employment` of
Kongsberg can never name a unit of Sortland.

`check_tenant_models` (a Django system check) fails for any model with a
foreign key to `Organisation` that neither subclasses the base nor states why
it is exempt (`tenancy_exempt = "reason"`), so a new tenant-owned table cannot
escape scoping by being forgotten.
"""

from django.apps import apps
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from .scoping import ScopedManager


class TenantOwnedModel(models.Model):
    """Abstract base of every tenant-owned table. Subclasses may redeclare
    `organisation` to choose `on_delete` and `related_name`; it stays required."""

    organisation = models.ForeignKey(
        "tenants.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Not only in forms: services, tasks and shells save rows too.
        self.clean_tenancy()
        super().save(*args, **kwargs)

    def tenant_related_objects(self):
        """(field name, row) for every set foreign key to another tenant-owned
        row. Reads the ids only; loads a row only when its organisation must be
        compared and it is not cached already."""
        for field in self._meta.concrete_fields:
            if not field.is_relation or field.name == "organisation":
                continue
            related = field.related_model
            if not (isinstance(related, type) and issubclass(related, TenantOwnedModel)):
                continue
            if getattr(self, field.attname) is None:
                continue
            yield field.name, getattr(self, field.name)

    def clean_tenancy(self):
        """Raise ValidationError when a tenant-owned row this one points to
        belongs to another organisation."""
        errors = {}
        for name, row in self.tenant_related_objects():
            if row.organisation_id != self.organisation_id:
                errors[name] = ValidationError(
                    _("%(field)s hører til en annen organisasjon enn denne raden.")
                    % {"field": self._meta.get_field(name).verbose_name},
                    code="other_organisation",
                )
        if errors:
            raise ValidationError(errors)

    def clean(self):
        super().clean()
        self.clean_tenancy()


def _points_at_organisation(field):
    from .models import Organisation

    return field.is_relation and field.related_model is Organisation and field.concrete


@checks.register(checks.Tags.models)
def check_tenant_models(app_configs=None, **kwargs):
    """tenants.E001: a model with a foreign key to Organisation must be
    tenant-owned or say why not. tenants.E002: a tenant-owned model's default
    manager must be scoped."""
    from .models import Organisation

    errors = []
    for model in apps.get_models():
        if model is Organisation or model._meta.abstract or model._meta.proxy:
            continue
        fks = [
            f for f in model._meta.get_fields() if _points_at_organisation(f) and not f.many_to_many
        ]
        if issubclass(model, TenantOwnedModel):
            if not isinstance(model._default_manager, ScopedManager):
                errors.append(
                    checks.Error(
                        f"{model._meta.label} is tenant-owned but its default manager "
                        "is not a ScopedManager.",
                        hint="Keep `objects = ScopedManager()` as the first manager.",
                        obj=model,
                        id="tenants.E002",
                    )
                )
            continue
        if fks and not getattr(model, "tenancy_exempt", ""):
            errors.append(
                checks.Error(
                    f"{model._meta.label} has a foreign key to Organisation "
                    f"({', '.join(f.name for f in fks)}) but is not tenant-owned.",
                    hint=(
                        "Subclass tenants.tenancy.TenantOwnedModel, or set "
                        "`tenancy_exempt = '<why its rows are not an organisation's data>'`."
                    ),
                    obj=model,
                    id="tenants.E001",
                )
            )
    return errors
