"""An editor shares a course with a whole county in one choice, and picks
single organisations from a list grouped by county."""

import pytest

from django.urls import reverse

from courses.models import CoursePage
from tenants.models import Organisation

from ..factories.tenants import OrganisationFactory
from .test_workflow import add_course, course_form, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def nordland(sector):
    county = OrganisationFactory(
        kind=Organisation.Kind.COUNTY, number="18", name="Nordland", slug="nordland"
    )
    for org in (sector.sortland,):
        org.county = county
        org.save()
    heroy = OrganisationFactory(name="Herøy", number="1818", slug="heroy-n", county=county)
    OrganisationFactory(name="Herøy", number="1515", slug="heroy-m")
    return county, heroy


def edit(client, course, counties=(), **extra):
    data = course_form(course.title, slug=course.slug, **extra)
    data["share_with_counties"] = [c.pk for c in counties]
    data["action-submit"] = "submit"
    return client.post(reverse("wagtailadmin_pages:edit", args=[course.pk]), data)


def test_it_shares_with_a_whole_county_in_one_choice(client, sector, nordland):
    county, heroy = nordland
    client.force_login(member_of(sector.kongsberg.editors_group))
    course = add_course(client, sector.kongsberg, "Brannvern", "save")

    response = edit(client, course, sharing="listed", counties=[county])

    assert response.status_code == 302
    draft = CoursePage.objects.get(pk=course.pk).get_latest_revision_as_object()
    assert {o.pk for o in draft.shared_with.all()} == {county.pk, heroy.pk, sector.sortland.pk}


def test_it_still_asks_for_someone_to_share_with(client, sector, nordland):
    client.force_login(member_of(sector.kongsberg.editors_group))
    course = add_course(client, sector.kongsberg, "Brannvern", "save")
    response = edit(client, course, sharing="listed")
    assert response.status_code == 200
    assert "Velg minst én organisasjon å dele med." in response.content.decode()


def test_the_list_groups_organisations_by_county_with_telling_labels(client, sector, nordland):
    county, heroy = nordland
    client.force_login(member_of(sector.kongsberg.editors_group))
    course = add_course(client, sector.kongsberg, "Brannvern", "save")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert '<legend class="w-font-bold">Nordland</legend>' in html
    assert "Herøy (Nordland)" in html
    assert "Herøy kommune" in html  # the one without a county here
    assert "Nordland fylkeskommune" in html
    assert "Søk etter kommune, fylke eller region" in html
    assert "Del med hele fylker" in html
