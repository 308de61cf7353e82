"""A Kongsberg editor writes a course with two lessons and submits it once;
Kongsberg's administrator previews the whole course and approves it once;
the course and its lessons go live together."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import CoursePage, LessonPage
from tenants.models import Organisation

from .conftest import TIMEOUT_MS
from .signin import admin_sign_in
from .test_editor_typing import insert_text_block_and_type

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def save_draft(page):
    page.get_by_role("button", name=re.compile("^Lagre (utkast|kladd)$")).first.click()
    expect(page.locator(".messages .success")).to_be_visible()


def test_a_course_is_submitted_previewed_and_approved_once(demo, browser):
    kongsberg = Organisation.objects.get(slug="kongsberg")
    editor = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    editor.set_default_timeout(TIMEOUT_MS)
    page = editor.new_page()
    admin_sign_in(page, demo, "redaktor@kongsberg.kommune.no")

    page.goto(f"{demo}/admin/pages/add/courses/coursepage/{kongsberg.root_page_id}/")
    page.locator("#id_title").fill("Arkiv i praksis")
    page.locator("#id_summary").fill("Slik arkiverer vi i Kongsberg.")
    save_draft(page)
    course = CoursePage.objects.get(title="Arkiv i praksis")

    for title, text in [
        ("Hva er et arkiv", "Arkivloven gjelder alle."),
        ("Journalføring", "Tre dager."),
    ]:
        page.goto(f"{demo}/admin/pages/add/courses/lessonpage/{course.pk}/")
        expect(page.locator("button[name=action-submit]")).to_have_count(0)
        page.locator("#id_title").fill(title)
        insert_text_block_and_type(page, text)
        save_draft(page)

    # One submission, from the course.
    page.goto(f"{demo}/admin/pages/{course.pk}/edit/")
    page.locator("footer [data-controller~=w-dropdown] button").first.click()
    page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages .success")).to_be_visible()
    editor.close()

    approver = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    approver.set_default_timeout(TIMEOUT_MS)
    page = approver.new_page()
    admin_sign_in(page, demo, "administrator@kongsberg.kommune.no")
    state = course.current_workflow_state
    task = state.current_task_state.task
    page.goto(f"{demo}/admin/pages/workflow/preview/{course.pk}/{task.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arkiv i praksis")
    expect(page.get_by_role("link", name="Hva er et arkiv")).to_be_visible()
    expect(page.get_by_role("link", name="Journalføring")).to_be_visible()
    page.get_by_role("link", name="Journalføring").click()
    expect(page.get_by_text("Tre dager.")).to_be_visible()
    expect(page.get_by_text("Leksjon 2 av 2")).to_be_visible()

    page.goto(f"{demo}/admin/pages/{course.pk}/edit/")
    approve = page.locator("footer [data-workflow-action-name=approve]:visible")
    if not approve.count():
        page.locator("footer [data-controller~=w-dropdown] button").first.click()
    approve.first.click()
    expect(page.locator(".messages .success")).to_contain_text(
        "«Arkiv i praksis» er godkjent og publisert med 2 leksjoner."
    )
    approver.close()

    assert CoursePage.objects.get(pk=course.pk).live
    lessons = LessonPage.objects.child_of(course)
    assert [lesson.live for lesson in lessons] == [True, True]
