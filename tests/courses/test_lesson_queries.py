"""The signed-in lesson page, the page learners spend their time on, stays cheap."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import visit

pytestmark = pytest.mark.django_db

# The user, and the learner's progress (enrollment with certificate, this
# lesson's activity states). Sites, routes, view restrictions, the lesson
# list and body are kept per content version (courses.routing), the employer
# per person until employments change (tenants.employers).
# It was 20: routing loaded each page twice, the employer was looked up
# twice, the sharing rule and .public() queried every time, the lesson list
# took two queries, and the session and the user bar's permissions two more.
MAX_QUERIES = 3


def test_it_serves_the_signed_in_lesson_page_in_a_few_queries(client, sector):
    client.force_login(sector.alice)
    lesson = sector.lessons[sector.sortland_own.slug][0]
    visit(client, lesson)
    with CaptureQueriesContext(connection) as queries:
        response = visit(client, lesson)
    assert response.status_code == 200
    assert "Første leksjon" in response.text
    assert len(queries.captured_queries) <= MAX_QUERIES, "\n".join(
        q["sql"] for q in queries.captured_queries
    )


def test_it_shows_an_editor_the_user_bar_and_a_learner_none(client, sector):
    lesson = sector.lessons[sector.sortland_own.slug][0]
    client.force_login(sector.alice)
    assert "wagtail-userbar" not in visit(client, lesson).text
    sector.alice.groups.add(sector.sortland.editors_group)
    client.force_login(type(sector.alice).objects.get(pk=sector.alice.pk))  # signs in again
    assert "wagtail-userbar" in visit(client, lesson).text


def test_a_shared_lesson_under_the_learners_own_site_costs_little_more(client, sector):
    """Under Kongsberg's address: the catalogue that serves it, the owner's
    catalogue, and the check that it is shared with Kongsberg."""
    client.force_login(sector.charlie)
    lesson = sector.lessons[sector.national.slug][0]
    path = f"/delt/ks/{sector.national.slug}/{lesson.slug}/"
    host = sector.kongsberg.site.hostname
    client.get(path, headers={"host": host})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers={"host": host})
    assert response.status_code == 200
    assert "Første leksjon" in response.text
    assert len(queries.captured_queries) <= MAX_QUERIES + 3, "\n".join(
        q["sql"] for q in queries.captured_queries
    )
