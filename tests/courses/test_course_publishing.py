"""A course is submitted, previewed, approved and published with its lessons,
as one piece: one submission, one approval."""

import pytest

from django.contrib.messages import get_messages
from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CoursePage, LessonPage
from courses.services import copy_course_as_template

from .test_workflow import add_course, course_form, member_of, workflow_action

pytestmark = pytest.mark.django_db


def last_message(response):
    return str(list(get_messages(response.wsgi_request))[-1])


def add_lesson(client, course, title, text):
    url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk])
    data = nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "body": streamfield([("text", rich_text(f"<p>{text}</p>"))]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )
    data["action-submit"] = "submit"  # what an editor who tries gets: a draft
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return LessonPage.objects.get(title=title)


def submit(client, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = course_form(page.title, slug=page.slug)
    data["action-submit"] = "submit"
    response = client.post(url, data)
    assert response.status_code == 302
    return WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")


@pytest.fixture
def draft_course(client, sector):
    """Sortland's editor writes a course with two lessons and submits the course."""
    editor = member_of(sector.sortland.editors_group)
    client.force_login(editor)
    course = add_course(client, sector.sortland, "Arkiv i praksis", "save")
    first = add_lesson(client, course, "Hva er et arkiv", "Arkivloven gjelder alle.")
    second = add_lesson(client, course, "Journalføring", "Journalfør innen tre dager.")
    state = submit(client, course)
    return course, first, second, state


def test_it_submits_the_course_with_its_lessons_in_one_step(client, sector, draft_course):
    course, first, second, state = draft_course
    assert state.requested_by.groups.filter(pk=sector.sortland.editors_group.pk).exists()
    # The lessons are drafts waiting for their course, not in workflows of their own.
    for lesson in (first, second):
        lesson.refresh_from_db()
        assert not lesson.live
        assert lesson.get_workflow() is None
        assert not WorkflowState.objects.filter(object_id=str(lesson.pk)).exists()


def test_the_approver_previews_the_course_with_its_draft_lessons(client, sector, draft_course):
    course, first, second, state = draft_course
    client.force_login(member_of(sector.sortland.admins_group))

    task = state.current_task_state.task
    response = client.get(reverse("wagtailadmin_pages:workflow_preview", args=[course.pk, task.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kurset har ingen leksjoner ennå" not in html
    assert "Hva er et arkiv" in html
    assert "Journalføring" in html
    draft_url = reverse("wagtailadmin_pages:view_draft", args=[first.pk])
    assert f'href="{draft_url}"' in html

    response = client.get(draft_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Arkivloven gjelder alle." in html
    assert "Leksjon 1 av 2" in html


def test_one_approval_publishes_the_course_and_its_lessons(client, sector, draft_course):
    course, first, second, state = draft_course
    client.force_login(member_of(sector.sortland.admins_group))

    response = workflow_action(client, course, "approve")
    assert response.status_code == 302

    course.refresh_from_db()
    assert course.live
    for lesson in (first, second):
        lesson.refresh_from_db()
        assert lesson.live
        assert not lesson.has_unpublished_changes
    assert "Journalfør innen tre dager." in str(LessonPage.objects.get(pk=second.pk).body)
    assert "«Arkiv i praksis» er godkjent og publisert med 2 leksjoner." in last_message(response)


def test_approving_from_the_edit_form_confirms_it_too(client, sector, draft_course):
    course, first, second, state = draft_course
    client.force_login(member_of(sector.sortland.admins_group))
    data = course_form(course.title, slug=course.slug)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[course.pk]), data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.live
    assert "«Arkiv i praksis» er godkjent og publisert med 2 leksjoner." in last_message(response)


def test_another_municipalitys_admin_cannot_approve(client, sector, draft_course):
    course, first, second, state = draft_course
    client.force_login(member_of(sector.kongsberg.admins_group))
    response = workflow_action(client, course, "approve")
    # Wagtail's refusal: back to the dashboard with "no permission".
    assert (response.status_code, response.url) == (302, "/admin/")
    first.refresh_from_db()
    course.refresh_from_db()
    assert not course.live
    assert not first.live


def test_a_lesson_added_to_a_live_course_goes_live_with_the_next_approval(
    client, sector, draft_course
):
    course, first, second, state = draft_course
    admin = member_of(sector.sortland.admins_group)
    client.force_login(admin)
    workflow_action(client, course, "approve")

    client.force_login(state.requested_by)
    third = add_lesson(client, course, "Sletting", "Kassasjon etter plan.")
    third.refresh_from_db()
    assert not third.live
    submit(client, course)

    client.force_login(admin)
    workflow_action(client, course, "approve")
    third.refresh_from_db()
    assert third.live


def test_a_template_copy_is_published_with_one_approval(client, sector):
    editor = member_of(sector.kongsberg.editors_group)
    copy = copy_course_as_template(sector.sortland_listed, sector.kongsberg, editor)
    lessons = list(LessonPage.objects.child_of(copy))
    assert len(lessons) == 2
    assert not any(lesson.live for lesson in lessons)

    client.force_login(editor)
    submit(client, copy)
    client.force_login(member_of(sector.kongsberg.admins_group))
    workflow_action(client, copy, "approve")

    copy.refresh_from_db()
    assert copy.live
    assert all(lesson.live for lesson in LessonPage.objects.child_of(copy))


def test_a_ks_editor_publishing_a_course_publishes_its_lessons(client, sector):
    client.force_login(member_of(sector.ks.editors_group))
    course = add_course(client, sector.ks, "Nasjonalt kurs", "save")
    lesson = add_lesson(client, course, "Første steg", "Velkommen.")
    data = course_form(course.title, slug=course.slug)
    data["action-publish"] = "publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[course.pk]), data)
    lesson.refresh_from_db()
    assert CoursePage.objects.get(pk=course.pk).live
    assert lesson.live


def test_a_new_lesson_offers_no_submission_of_its_own(client, sector):
    client.force_login(member_of(sector.sortland.editors_group))
    course = add_course(client, sector.sortland, "Arkiv i praksis", "save")
    url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk])
    html = client.get(url).content.decode()
    assert 'name="action-submit"' not in html
    assert "Leksjonen publiseres sammen med kurset." in html
    html = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert 'name="action-submit"' in html
