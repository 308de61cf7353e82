"""An editor types into a freshly inserted rich-text block and saves at once:
nothing typed may be lost (issue 9 reported it lost on "Lagre utkast")."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import CoursePage, LessonPage
from tenants.models import Organisation

from .signin import admin_sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TYPED = "Alle ansatte har taushetsplikt, også etter at de har sluttet."


def insert_text_block_and_type(page, text):
    # The last "+" adds the block at the end, so its editor is the last one.
    page.locator("[data-streamfield-stream-container] button[title], .c-sf-add-button").last.click()
    page.get_by_role("option", name=re.compile("^Tekst")).or_(
        page.get_by_role("button", name=re.compile("^Tekst"))
    ).first.click()
    editor = page.locator(".public-DraftEditor-content").last
    expect(editor).to_be_visible()
    editor.click()
    # A person's pace, and "Lagre utkast" the moment the last key is up.
    editor.press_sequentially(text, delay=40)


def save_draft_at_once(page):
    # Wagtail's bokmål says "Lagre kladd"; the issue calls it "Lagre utkast".
    page.get_by_role("button", name=re.compile("^Lagre (utkast|kladd)$")).first.click()
    expect(page.locator(".messages .success")).to_be_visible()


@pytest.fixture
def kongsberg_course(demo):
    org = Organisation.objects.get(slug="kongsberg")
    return CoursePage.objects.filter(organisation=org).order_by("pk").first()


def test_text_typed_into_a_new_lesson_is_saved(demo, page, kongsberg_course):
    admin_sign_in(page, demo, "redaktor@kongsberg.kommune.no")
    page.goto(f"{demo}/admin/pages/add/courses/lessonpage/{kongsberg_course.pk}/")
    page.locator("#id_title").fill("Taushetsplikt")
    insert_text_block_and_type(page, TYPED)
    save_draft_at_once(page)

    lesson = LessonPage.objects.get(title="Taushetsplikt")
    assert TYPED in str(lesson.get_latest_revision_as_object().body)


def test_text_typed_into_a_block_added_to_an_existing_lesson_is_saved(demo, page, kongsberg_course):
    lesson = LessonPage.objects.child_of(kongsberg_course).first()
    blocks_before = len(lesson.body)
    admin_sign_in(page, demo, "redaktor@kongsberg.kommune.no")
    page.goto(f"{demo}/admin/pages/{lesson.pk}/edit/")
    insert_text_block_and_type(page, TYPED)
    save_draft_at_once(page)

    body = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object().body
    assert len(body) == blocks_before + 1
    assert TYPED in str(body[-1].value)


def test_text_typed_just_before_publishing_is_published(demo, page, kongsberg_course):
    """The pressed button still decides: "Publiser" publishes, with the text."""
    lesson = LessonPage.objects.child_of(kongsberg_course).first()
    admin_sign_in(page, demo, "admin@ks.no")
    page.goto(f"{demo}/admin/pages/{lesson.pk}/edit/")
    insert_text_block_and_type(page, TYPED)
    page.locator(
        "footer [data-controller~=w-dropdown] button, footer .dropdown-toggle"
    ).first.click()
    page.get_by_role("button", name="Publiser").click()
    expect(page.locator(".messages .success")).to_be_visible()

    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.live and not lesson.has_unpublished_changes
    assert TYPED in str(lesson.body[-1].value)
