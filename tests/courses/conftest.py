"""A small sector for course tests.

KS (national) and the Vesterålen region publish; Sortland is a member of
Vesterålen; Kongsberg is not. Alice works in Sortland; Charlie works in
Kongsberg and "should have no access to" what is not shared with Kongsberg.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from django.core.cache import cache

from courses.models import CoursePage
from tenants.models import Organisation

from ..factories.accounts import UserFactory
from ..factories.courses import (
    CoursePageFactory,
    LessonPageFactory,
    TopicFactory,
    provisioned_organisation,
    quiz_block,
)
from ..factories.tenants import EmploymentFactory

S = CoursePage.Sharing


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Site -> organisation lookups are cached by site id, and ids repeat between tests.
    cache.clear()
    yield
    cache.clear()


def page_address(page):
    """(path, host) of a page on its own organisation's site."""
    url = urlsplit(page.get_full_url())
    return url.path, url.netloc


def visit(client, page, **kwargs):
    path, host = page_address(page)
    return client.get(path, headers={"host": host}, **kwargs)


def employee(organisation, **kwargs):
    user = UserFactory(**kwargs)
    EmploymentFactory(user=user, organisation=organisation)
    return user


@pytest.fixture
def sector(db):
    ks = provisioned_organisation(kind=Organisation.Kind.NATIONAL, number="", slug="ks", name="KS")
    vesteralen = provisioned_organisation(
        kind=Organisation.Kind.REGION, number="", slug="vesteralen", name="Vesterålen"
    )
    sortland = provisioned_organisation(slug="sortland", name="Sortland")
    kongsberg = provisioned_organisation(slug="kongsberg", name="Kongsberg")
    vesteralen.members.add(sortland)

    security = TopicFactory(name="Informasjonssikkerhet", slug="informasjonssikkerhet")
    svarut = TopicFactory(name="SvarUT", slug="svarut")
    national = CoursePageFactory(
        parent=ks.root_page,
        title="Informasjonssikkerhet i hverdagen",
        summary="Nettfisking, passord og taushetsplikt.",
        sharing=S.EVERYONE,
        topic=security,
    )
    national_svarut = CoursePageFactory(
        parent=ks.root_page,
        title="SvarUT for saksbehandlere",
        summary="Slik sender kommunen digital post.",
        sharing=S.EVERYONE,
        topic=svarut,
    )
    regional = CoursePageFactory(
        parent=vesteralen.root_page,
        title="Felles journalføring i Vesterålen",
        sharing=S.REGION,
        shared_with_regions=[vesteralen],
    )
    sortland_own = CoursePageFactory(
        parent=sortland.root_page, title="Velkommen til Sortland kommune", sharing=S.OWN
    )
    sortland_listed = CoursePageFactory(
        parent=sortland.root_page,
        title="Brannvern på sykehjem",
        sharing=S.LISTED,
        shared_with=[kongsberg],
    )
    lessons = {
        course.slug: [
            LessonPageFactory(parent=course, title="Første leksjon", body=[quiz_block()]),
            LessonPageFactory(parent=course, title="Andre leksjon"),
        ]
        for course in (national, regional, sortland_own, sortland_listed)
    }
    return SimpleNamespace(
        ks=ks,
        vesteralen=vesteralen,
        sortland=sortland,
        kongsberg=kongsberg,
        security=security,
        svarut=svarut,
        national=national,
        national_svarut=national_svarut,
        regional=regional,
        sortland_own=sortland_own,
        sortland_listed=sortland_listed,
        lessons=lessons,
        alice=employee(sortland, email="alice@sortland.kommune.no"),
        charlie=employee(kongsberg, email="charlie@kongsberg.kommune.no"),
    )
