"""A Kongsberg employee signs in through Kongsberg's own identity provider
(a real OpenID Connect provider on loopback) and lands on the lesson they
were sent a link to."""

from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from courses.models import LessonPage
from learning.accounts.models import User
from tenants.models import Employment, Organisation

from ..factories.tenants import IdentityProviderFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_kongsberg_employee_signs_in_at_kongsbergs_provider_and_lands_on_the_lesson(
    demo, page, oidc_provider, assert_accessible
):
    kongsberg = Organisation.objects.get(slug="kongsberg")
    IdentityProviderFactory(
        organisation=kongsberg, name="Kongsberg kommune", slug="kongsberg", issuer=oidc_provider
    )
    lesson = LessonPage.objects.get(title="Ren pult og låst skjerm")
    lesson_path = lesson.get_url_parts()[2]

    # A link to sign in and read the lesson (as the login page gets it after a
    # redirect); the page asks for the address first.
    page.goto(f"{demo}/konto/logg-inn/?next={quote(lesson_path)}")
    assert_accessible(page, "e-mail first")
    page.get_by_label("E-postadresse", exact=True).fill("kari.nordmann@kongsberg.kommune.no")
    page.get_by_role("button", name="Fortsett").click()

    # Kongsberg's provider.
    expect(page.get_by_role("heading", name="Kongsberg kommune")).to_be_visible()
    assert page.url.startswith(oidc_provider)
    page.get_by_label("E-post").fill("kari.nordmann@kongsberg.kommune.no")
    page.get_by_label("Passord").fill("hva-som-helst")
    page.get_by_role("button", name="Logg inn", exact=True).click()

    # Back on the platform, on the lesson, as a Kongsberg employee.
    expect(page.get_by_role("heading", name="Før du går fra plassen")).to_be_visible()
    assert urlsplit(page.url).path == lesson_path
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
    expect(page.get_by_text("Ansatt i Kongsberg")).to_be_visible()
    kari = User.objects.get(email="kari.nordmann@kongsberg.kommune.no")
    assert list(kari.employments.values_list("organisation__slug", "status")) == [
        ("kongsberg", Employment.Status.ACTIVE)
    ]
