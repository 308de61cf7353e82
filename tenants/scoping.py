"""Tenant-owned querysets refuse to run unscoped (the django-scopes idea).

`Employment.objects.all()` raises when evaluated; code must say which
organisation it works for (`.for_organisation(org)`), or say out loud that it
works across all of them (`.unscoped()`, for KS-wide aggregates and admin jobs).
"""

from django.db import models


class UnscopedQueryError(RuntimeError):
    pass


class ScopedQuerySet(models.QuerySet):
    #: the field that names the owning organisation
    organisation_field = "organisation"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._scoped = False

    def _clone(self):
        clone = super()._clone()
        clone._scoped = self._scoped
        return clone

    def for_organisation(self, organisation):
        """Only rows owned by `organisation` (an Organisation or its pk)."""
        org_id = getattr(organisation, "pk", organisation)
        if org_id is None:
            raise UnscopedQueryError("for_organisation() needs an organisation, got None.")
        qs = self.filter(**{f"{self.organisation_field}_id": org_id})
        qs._scoped = True
        return qs

    def for_organisations(self, organisations):
        ids = [getattr(o, "pk", o) for o in organisations]
        qs = self.filter(**{f"{self.organisation_field}_id__in": ids})
        qs._scoped = True
        return qs

    def unscoped(self):
        """Across every organisation: for national aggregates and system jobs only."""
        qs = self._clone()
        qs._scoped = True
        return qs

    def _check_scope(self):
        if not self._scoped:
            raise UnscopedQueryError(
                f"{self.model.__name__} rows belong to an organisation: call "
                ".for_organisation(org) (or .unscoped() for a national job) first."
            )

    def _fetch_all(self):
        if self._result_cache is None:
            self._check_scope()
        super()._fetch_all()

    def count(self):
        self._check_scope()
        return super().count()

    def exists(self):
        self._check_scope()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._check_scope()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs):
        self._check_scope()
        return super().update(**kwargs)

    def delete(self):
        self._check_scope()
        return super().delete()

    def resolve_expression(self, *args, **kwargs):
        # Used as a subquery: `User.objects.filter(pk__in=Employment.objects.values("user"))`.
        self._check_scope()
        return super().resolve_expression(*args, **kwargs)

    def raw(self, *args, **kwargs):
        raise UnscopedQueryError(
            f"{self.model.__name__} rows belong to an organisation: raw SQL cannot be "
            "scoped. Use the ORM with .for_organisation(org)."
        )

    def iterator(self, *args, **kwargs):
        self._check_scope()
        return super().iterator(*args, **kwargs)


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    """Default manager for tenant-owned models. Related managers stay usable
    (`user.employments.all()`) because they filter through a foreign key the
    caller already holds; they are scoped by construction."""

    def get_queryset(self):
        qs = super().get_queryset()
        if hasattr(self, "core_filters"):  # a related manager: scoped by its FK
            qs._scoped = True
        return qs
