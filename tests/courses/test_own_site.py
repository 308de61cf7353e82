"""Learners stay on their own site (issue 9).

A Kongsberg employee opens a course KS (or Sortland) shares with Kongsberg
under Kongsberg's address, signed in and with their progress; the page names
the owner's address as canonical. The address under Kongsberg's site goes
through the same gate as the owner's: a course not shared with Kongsberg, a
draft, or a lesson behind a view restriction stays closed there.
"""

import re

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import PageViewRestriction

from courses.models import CoursePage
from learning.tracking.models import Enrollment

from ..factories.courses import CoursePageFactory, LessonPageFactory
from .conftest import employee, page_address, visit

pytestmark = pytest.mark.django_db

S = CoursePage.Sharing


def host(organisation):
    return organisation.site.hostname


def get(client, organisation, path, **kwargs):
    return client.get(path, headers={"host": host(organisation)}, **kwargs)


def under(catalogue_slug, *slugs):
    return "/delt/" + "/".join([catalogue_slug, *slugs]) + "/"


def canonical(response):
    found = re.findall(r'<link rel="canonical" href="([^"]+)">', response.text)
    assert len(found) == 1, found
    return found[0]


def links(response):
    return re.findall(r'href="([^"]+)"', response.text)


@pytest.fixture
def national_path(sector):
    return under("ks", sector.national.slug)


def test_kongsbergs_catalogue_links_a_national_course_under_kongsbergs_own_address(
    client, sector, national_path
):
    client.force_login(sector.charlie)
    response = get(client, sector.kongsberg, "/")
    assert response.status_code == 200
    assert national_path in links(response)
    assert under("sortland", sector.sortland_listed.slug) in links(response)
    assert not any("ks.kurs" in link for link in links(response))


def test_a_kongsberg_employee_takes_the_national_course_on_kongsbergs_site(
    client, sector, national_path
):
    client.force_login(sector.charlie)
    first, second = sector.lessons[sector.national.slug]

    course = get(client, sector.kongsberg, national_path)
    assert course.status_code == 200
    assert "Informasjonssikkerhet i hverdagen" in course.text
    assert "<title>Informasjonssikkerhet i hverdagen – Kongsberg</title>" in course.text
    # "Alle kurs" goes back to Kongsberg's catalogue; the owner's page is canonical.
    assert '<a href="/">Alle kurs</a>' in course.text
    assert canonical(course) == sector.national.get_full_url()
    assert under("ks", sector.national.slug, first.slug) in links(course)

    lesson = get(client, sector.kongsberg, under("ks", sector.national.slug, first.slug))
    assert lesson.status_code == 200
    assert canonical(lesson) == first.get_full_url()
    assert under("ks", sector.national.slug, second.slug) in links(lesson)
    assert national_path in links(lesson)  # back to the course, still Kongsberg's address
    # Opening the lesson enrolled Charlie, under his employer: his progress.
    enrollment = Enrollment.objects.for_organisation(sector.kongsberg).get(
        user=sector.charlie, course_id=sector.national.pk
    )
    assert enrollment.last_lesson_id == first.pk

    again = get(client, sector.kongsberg, national_path)
    assert "Fortsett" in again.text
    assert under("ks", sector.national.slug, first.slug) in links(again)


def test_min_laering_links_to_the_learners_own_site(client, sector, national_path):
    client.force_login(sector.charlie)
    first = sector.lessons[sector.national.slug][0]
    get(client, sector.kongsberg, under("ks", sector.national.slug, first.slug))
    response = get(client, sector.kongsberg, reverse("tracking:my_learning"))
    assert response.status_code == 200
    assert national_path in links(response)


def test_on_another_host_links_lead_to_the_employers_site_when_the_sign_in_reaches_it(
    client, sector, settings
):
    """Charlie signed in on KS's site: a course Sortland shares with Kongsberg
    leads to Kongsberg's site when one cookie spans the sites."""
    settings.SESSION_COOKIE_DOMAIN = ".kurs.localhost"
    client.force_login(sector.charlie)
    response = get(client, sector.ks, "/")
    assert response.status_code == 200
    expected = sector.kongsberg.site.root_url + under("sortland", sector.sortland_listed.slug)
    assert expected in links(response)


def test_a_learner_whose_sign_in_reaches_their_site_is_sent_there_from_the_owners(
    client, sector, settings, national_path
):
    settings.SESSION_COOKIE_DOMAIN = ".kurs.localhost"
    client.force_login(sector.charlie)
    first = sector.lessons[sector.national.slug][0]
    path, owner_host = page_address(first)
    response = client.get(path, {"fra": "nyhetsbrev"}, headers={"host": owner_host})
    assert response.status_code == 302
    root = sector.kongsberg.site.root_url
    assert (
        response["Location"]
        == f"{root}{under('ks', sector.national.slug, first.slug)}?fra=nyhetsbrev"
    )
    # Alice (Sortland) under Kongsberg's address goes to Sortland's.
    client.force_login(sector.alice)
    response = get(client, sector.kongsberg, national_path)
    assert response["Location"] == sector.sortland.site.root_url + national_path
    # Nobody is sent to where they may not go: anonymous visitors stay.
    client.logout()
    assert visit(client, first).status_code == 200


def test_with_a_cookie_per_host_links_never_sign_anyone_out(client, sector):
    """Without SESSION_COOKIE_DOMAIN a link to Kongsberg's host would arrive
    signed out: on KS's site Charlie stays there for what KS's site serves."""
    client.force_login(sector.charlie)
    response = get(client, sector.ks, "/")
    assert page_address(sector.national)[0] in links(response)
    assert not any(link.startswith(sector.kongsberg.site.root_url) for link in links(response))
    assert visit(client, sector.national).status_code == 200  # and is not sent away


def test_an_own_course_keeps_its_own_address(client, sector):
    client.force_login(sector.alice)
    response = get(client, sector.sortland, "/")
    path, _ = page_address(sector.sortland_own)
    assert path in links(response)
    assert visit(client, sector.sortland_own).status_code == 200
    own_under_delt = under("sortland", sector.sortland_own.slug)
    assert get(client, sector.sortland, own_under_delt).status_code == 404


def test_anonymous_visitors_of_a_public_course_stay_on_the_catalogue_they_came_from(
    client, sector, national_path
):
    catalogue = get(client, sector.kongsberg, "/")
    assert national_path in links(catalogue)
    course = get(client, sector.kongsberg, national_path)
    assert course.status_code == 200
    assert canonical(course) == sector.national.get_full_url()
    # The owner's address still works for them, and is its own canonical.
    assert canonical(visit(client, sector.national)) == sector.national.get_full_url()


def test_anonymous_visitors_are_asked_to_sign_in_on_the_same_site(client, sector):
    path = under("sortland", sector.sortland_listed.slug)
    response = get(client, sector.kongsberg, path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "delt" in response["Location"]


# What Kongsberg's address must not open.


@pytest.mark.parametrize(
    "course_name", ["regional", "sortland_own"], ids=["other-region", "other-own"]
)
def test_a_course_not_shared_with_kongsberg_is_404_under_kongsbergs_site(
    client, sector, course_name
):
    course = getattr(sector, course_name)
    owner = course.get_parent().slug
    lesson = sector.lessons[course.slug][0]
    for who in (None, sector.charlie, sector.alice):
        if who:
            client.force_login(who)
        # Alice may take it on Sortland's site, not under Kongsberg's.
        assert get(client, sector.kongsberg, under(owner, course.slug)).status_code == 404
        assert (
            get(client, sector.kongsberg, under(owner, course.slug, lesson.slug)).status_code == 404
        )


def test_another_site_does_not_open_a_course_to_someone_it_is_not_shared_with(client, sector):
    """The regional course is shared with Sortland: under Sortland's address
    Alice takes it, Charlie (Kongsberg) still gets 404."""
    path = under("vesteralen", sector.regional.slug)
    client.force_login(sector.alice)
    assert get(client, sector.sortland, path).status_code == 200
    client.force_login(sector.charlie)
    assert get(client, sector.sortland, path).status_code == 404
    lesson = sector.lessons[sector.regional.slug][0]
    assert (
        get(
            client, sector.sortland, under("vesteralen", sector.regional.slug, lesson.slug)
        ).status_code
        == 404
    )


def test_drafts_are_404_under_another_site(client, sector, national_path):
    client.force_login(sector.charlie)
    draft = CoursePageFactory(parent=sector.ks.root_page, title="Utkast", sharing=S.EVERYONE)
    draft.unpublish()
    assert get(client, sector.kongsberg, under("ks", draft.slug)).status_code == 404
    lesson = LessonPageFactory(parent=sector.national, title="Ikke publisert")
    lesson.unpublish()
    assert (
        get(client, sector.kongsberg, under("ks", sector.national.slug, lesson.slug)).status_code
        == 404
    )
    sector.national.unpublish()
    assert get(client, sector.kongsberg, national_path).status_code == 404


def test_view_restrictions_hold_under_another_site(client, sector):
    client.force_login(sector.charlie)
    course = CoursePageFactory(parent=sector.ks.root_page, title="Lukket", sharing=S.EVERYONE)
    lesson = LessonPageFactory(parent=course, title="Bare for KS")
    restricted = LessonPageFactory(parent=sector.national, title="Passordbeskyttet")
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([Group.objects.create(name="KS-intern")])
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )
    assert get(client, sector.kongsberg, under("ks", course.slug)).status_code == 404
    assert get(client, sector.kongsberg, under("ks", course.slug, lesson.slug)).status_code == 404
    response = get(client, sector.kongsberg, under("ks", sector.national.slug, restricted.slug))
    assert "Passordbeskyttet" not in response.text
    assert 'name="password"' in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/delt/",
        "/delt/ks/",
        "/delt/finnes-ikke/kurs/",
        "/delt/kongsberg/finnes-ikke/",
        "/delt/ks/finnes-ikke/",
    ],
)
def test_malformed_shared_addresses_are_404(client, sector, path):
    client.force_login(sector.charlie)
    assert get(client, sector.kongsberg, path).status_code == 404


def test_a_course_cannot_take_the_reserved_address(sector):
    course = CoursePage(title="Delt", slug="delt", summary="x")
    sector.kongsberg.root_page.add_child(instance=CoursePage(title="Ok", slug="ok", summary="x"))
    with pytest.raises(ValidationError) as raised:
        course.full_clean()
    assert "slug" in raised.value.message_dict


def test_a_kongsberg_employee_sees_their_own_progress_on_a_quiz_under_kongsberg(client, sector):
    client.force_login(sector.charlie)
    first = sector.lessons[sector.national.slug][0]
    path = under("ks", sector.national.slug, first.slug)
    response = get(client, sector.kongsberg, path)
    assert response.status_code == 200
    result = client.post(
        reverse("courses:grade_quiz", args=[first.pk, "quiz-1"]),
        {"q-q-single": "c-right"},
        headers={"host": host(sector.kongsberg)},
    )
    assert result.status_code == 200
    assert path in links(result)
    employee(sector.kongsberg)  # another Kongsberg employee has no enrollment
    assert (
        Enrollment.objects.for_organisation(sector.kongsberg)
        .filter(course_id=sector.national.pk)
        .count()
        == 1
    )
