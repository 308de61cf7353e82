"""Workflow e-mails go to the organisation's admins and back to the editor,
in bokmål (or the recipient's chosen admin language), linking to the
organisation's own site."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import WorkflowState

from ..factories.accounts import UserFactory
from .test_course_publishing import add_lesson, submit
from .test_workflow import add_course, member_of, workflow_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(sector):
    UserFactory(email="kari@ks.no", is_superuser=True, is_staff=True)
    return {
        "editor": member_of(sector.sortland.editors_group),
        "admin": member_of(sector.sortland.admins_group),
        "other_admin": member_of(sector.kongsberg.admins_group),
    }


def submitted_course(client, sector, editor):
    client.force_login(editor)
    course = add_course(client, sector.sortland, "Arkiv i praksis", "save")
    add_lesson(client, course, "Hva er et arkiv", "Arkivloven.")
    add_lesson(client, course, "Journalføring", "Tre dager.")
    # The editor's own interface language must not decide the approver's mail.
    client.cookies["django_language"] = "en"
    mail.outbox.clear()
    submit(client, course)
    return course


def test_it_mails_the_organisations_admins_once_per_course_in_bokmal(client, sector, people):
    course = submitted_course(client, sector, people["editor"])

    assert [m.to for m in mail.outbox] == [[people["admin"].email]]
    message = mail.outbox[0]
    assert message.subject == "«Arkiv i praksis» venter på godkjenning"
    root = sector.sortland.site.root_url
    assert root.startswith("http://sortland.")
    assert f"{root}/admin/pages/{course.pk}/edit/" in message.body
    state = WorkflowState.objects.get(object_id=str(course.pk), status="in_progress")
    preview = reverse(
        "wagtailadmin_pages:workflow_preview",
        args=[course.pk, state.current_task_state.task.pk],
    )
    assert f"{root}{preview}" in message.body
    assert "har sendt «Arkiv i praksis» til godkjenning." in message.body
    assert "127.0.0.1:8000" not in message.body


def test_it_tells_the_editor_of_the_approval(client, sector, people):
    course = submitted_course(client, sector, people["editor"])
    mail.outbox.clear()
    client.force_login(people["admin"])
    workflow_action(client, course, "approve")

    assert [m.to for m in mail.outbox] == [[people["editor"].email]]
    message = mail.outbox[0]
    assert message.subject == "«Arkiv i praksis» er godkjent og publisert"
    course.refresh_from_db()
    assert course.full_url in message.body


def test_it_tells_the_editor_what_to_change(client, sector, people):
    course = submitted_course(client, sector, people["editor"])
    mail.outbox.clear()
    client.force_login(people["admin"])
    state = WorkflowState.objects.get(object_id=str(course.pk), status="in_progress")
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[course.pk, "reject", state.current_task_state.pk],
    )
    client.post(url, {"comment": "Legg til en leksjon om sletting."})

    assert [m.to for m in mail.outbox] == [[people["editor"].email]]
    message = mail.outbox[0]
    assert message.subject == "«Arkiv i praksis» trenger endringer"
    assert "Kommentar: Legg til en leksjon om sletting." in message.body
    assert f"{sector.sortland.site.root_url}/admin/pages/{course.pk}/edit/" in message.body
