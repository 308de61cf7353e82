import pytest

from django.core.cache import cache

from wagtail.models import Site

from ..factories.tenants import OrganisationFactory


@pytest.fixture(autouse=True)
def ks_site(db):
    """The default site belongs to KS, as in production: every page then has a
    site organisation for base.html's header."""
    cache.clear()  # Wagtail caches site root paths; pages may be cached too
    ks = OrganisationFactory(kind="national", number="", name="KS", slug="ks")
    ks.site = Site.objects.get(is_default_site=True)
    ks.save(update_fields=["site"])
    yield ks
    cache.clear()
