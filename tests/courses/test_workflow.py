"""Moderation: a municipal editor submits, that municipality's admins publish;
KS's editors publish national content themselves."""

import pytest

from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.models import CoursePage

from ..factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def member_of(group):
    user = UserFactory()
    user.groups.add(group)
    return user


def course_form(title, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": "",
            "summary": "Et lokalt kurs.",
            "estimated_minutes": 20,
            "language": "nb",
            "audience": "",
            "topic": "",
            "sharing": "own",
            "completion_rule": "completed",
            "comments": inline_formset([]),
            **extra,
        }
    )


def add_course(client, organisation, title, action):
    url = reverse(
        "wagtailadmin_pages:add", args=["courses", "coursepage", organisation.root_page.pk]
    )
    data = course_form(title, slug=title.lower().replace(" ", "-"))
    data[f"action-{action}"] = action
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    return CoursePage.objects.get(title=title)


def workflow_action(client, page, action):
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, state.current_task_state.pk],
    )
    return client.post(url, {})


def test_it_saves_a_municipal_editors_publish_as_a_draft(client, sector):
    client.force_login(member_of(sector.sortland.editors_group))
    course = add_course(client, sector.sortland, "Lokalt kurs", "publish")
    assert not course.live
    assert course.organisation == sector.sortland


def test_it_lets_the_editor_submit_and_only_that_municipalitys_admin_publish(client, sector):
    client.force_login(member_of(sector.sortland.editors_group))
    course = add_course(client, sector.sortland, "Lokalt kurs", "submit")
    state = WorkflowState.objects.get(object_id=str(course.pk))
    assert state.status == "in_progress"
    assert state.requested_by.groups.filter(pk=sector.sortland.editors_group.pk).exists()

    client.force_login(member_of(sector.kongsberg.admins_group))
    workflow_action(client, course, "approve")
    course.refresh_from_db()
    assert not course.live  # Kongsberg's admin cannot approve Sortland's course

    client.force_login(member_of(sector.sortland.admins_group))
    response = workflow_action(client, course, "approve")
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.live
    state.refresh_from_db()
    assert state.status == "approved"


def test_it_keeps_other_municipalities_editors_out_of_the_tree(client, sector):
    client.force_login(member_of(sector.kongsberg.editors_group))
    url = reverse(
        "wagtailadmin_pages:add", args=["courses", "coursepage", sector.sortland.root_page.pk]
    )
    data = course_form("Inntrenger", slug="inntrenger")
    data["action-publish"] = "publish"
    client.post(url, data)
    assert not CoursePage.objects.filter(title="Inntrenger").exists()


def test_it_lets_ks_editors_publish_national_content(client, sector):
    client.force_login(member_of(sector.ks.editors_group))
    course = add_course(client, sector.ks, "Nytt nasjonalt kurs", "publish")
    assert course.live
    assert course.organisation == sector.ks
