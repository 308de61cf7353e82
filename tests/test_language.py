"""Which language a page speaks: the person's own choice, else the written
form (målform) of their employer, else of the site's organisation. Wagtail's
admin has no nynorsk and stays in bokmål for nynorsk people."""

from urllib.parse import urlsplit

import pytest

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from learning.accounts.models import User
from tenants.models import Organisation

from .factories.accounts import UserFactory
from .factories.courses import CoursePageFactory, provisioned_organisation
from .factories.tenants import EmploymentFactory

pytestmark = pytest.mark.django_db

NYNORSK = Organisation.WrittenForm.NYNORSK
BOKMAL = Organisation.WrittenForm.BOKMAL


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def voss(db):
    return provisioned_organisation(slug="voss", name="Voss", written_form=NYNORSK)


@pytest.fixture
def kongsberg(db):
    return provisioned_organisation(slug="kongsberg", name="Kongsberg", written_form=BOKMAL)


def host(org):
    return urlsplit(org.root_page.get_full_url()).netloc


def home(client, org):
    return client.get("/", headers={"host": host(org)}).text


def employee(org, **kwargs):
    user = UserFactory(**kwargs)
    EmploymentFactory(user=user, organisation=org)
    return user


def test_it_shows_a_nynorsk_municipality_in_nynorsk(client, voss):
    html = home(client, voss)
    assert '<html lang="nn">' in html
    assert "Hopp til hovudinnhaldet" in html
    assert "for å sjå kursa arbeidsgivaren din gjev deg" in html
    assert '<option value="nn" lang="nn" selected>' in html


def test_it_shows_a_bokmal_municipality_in_bokmal(client, kongsberg):
    html = home(client, kongsberg)
    assert '<html lang="nb">' in html
    assert "Hopp til hovedinnhold" in html
    assert "for å se kursene arbeidsgiveren din gir deg" in html


def test_it_speaks_english_on_request_on_a_nynorsk_site(client, voss):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/"}, headers={"host": host(voss)}
    )
    assert response.status_code == 302
    html = home(client, voss)
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert "to see the courses your employer offers you" in html
    assert "Hovud" not in html


def test_it_follows_the_employers_written_form_on_another_site(client, voss, kongsberg):
    client.force_login(employee(voss))
    html = home(client, kongsberg)
    assert '<html lang="nn">' in html
    assert "Kurs for tilsette i Voss" in html


def test_it_keeps_a_persons_choice_on_their_account_and_takes_it_to_other_sites(
    client, voss, kongsberg
):
    person = employee(kongsberg)
    client.force_login(person)
    client.post(reverse("set_language"), {"language": "nn", "next": "/"})
    person.refresh_from_db()
    assert person.language == "nn"

    elsewhere = client.__class__()  # another browser: no language cookie
    elsewhere.force_login(person)
    html = home(elsewhere, voss)
    assert '<html lang="nn">' in html
    assert "Kurs for tilsette i Kongsberg" in html


def test_it_keeps_a_choice_made_before_signing_up(client, kongsberg):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    data = {
        "first_name": "Ola",
        "last_name": "Nordmann",
        "email": "ola@example.no",
        "organisation": kongsberg.pk,
        "password1": "Fjord-Molte-Trikk-42",
        "password2": "Fjord-Molte-Trikk-42",
    }
    assert client.post(reverse("account_signup"), data).status_code == 302
    assert User.objects.get(email="ola@example.no").language == "en"
    assert mail.outbox[-1].subject == "Confirm your e-mail address"


def test_it_marks_course_content_in_its_own_language(client, voss):
    course = CoursePageFactory(
        parent=voss.root_page, title="Arkiv i praksis", language="nb", sharing="everyone"
    )
    html = client.get(urlsplit(course.get_full_url()).path, headers={"host": host(voss)}).text
    assert '<html lang="nn">' in html
    assert '<h1 lang="nb">Arkiv i praksis</h1>' in html
    assert "<dt>Tid</dt>" in html  # interface text, in nynorsk
    assert "Innhald i kurset" in html


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("nb", "Bekreft e-postadressen din", "Åpne lenken under"),
        ("nn", "Stadfest e-postadressa di", "Opne lenkja under"),
        ("en", "Confirm your e-mail address", "Open the link below"),
    ],
)
def test_it_writes_e_mails_in_the_persons_language(client, language, subject, greeting):
    person = UserFactory(email_confirmed=False, language=language)
    client.post(reverse("accounts:resend_confirmation"), {"email": person.email})
    assert mail.outbox[-1].subject == subject
    assert greeting in mail.outbox[-1].body


def test_it_writes_to_a_nynorsk_employee_in_nynorsk_without_a_choice(client, voss):
    person = employee(voss, email_confirmed=False)
    client.post(reverse("accounts:resend_confirmation"), {"email": person.email})
    assert mail.outbox[-1].subject == "Stadfest e-postadressa di"


def test_it_sends_the_new_password_link_in_the_account_holders_language(client, kongsberg):
    UserFactory(email="kari@example.no", language="en")
    client.post(reverse("account_reset_password"), {"email": "kari@example.no"})
    assert mail.outbox[-1].subject == "Choose a new password"
    assert "Kompetanseplattform" in mail.outbox[-1].body
    assert "Noen har bedt" not in mail.outbox[-1].body


def test_it_keeps_the_admin_in_bokmal_for_nynorsk_people(client, voss):
    editor = employee(voss, is_staff=True)
    editor.groups.add(voss.editors_group)
    editor.language = "nn"
    editor.save()
    client.force_login(editor)
    html = client.get("/admin/", headers={"host": host(voss)}).text
    assert '<html lang="nb"' in html
    assert "Hopp til hovedinnhold" in html


@pytest.mark.parametrize(
    ("language", "heading", "other_left"),
    [("nb", "Logg inn", "Skip to main content"), ("en", "Sign in", "Hopp til")],
)
def test_it_signs_the_admin_in_on_our_login_page_in_the_chosen_language(
    client, language, heading, other_left
):
    # The admin's own login would skip the rate limits and the second factor.
    client.cookies["django_language"] = language
    response = client.get(reverse("wagtailadmin_login"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_login") + "?next=%2Fadmin%2F"
    html = response.text
    assert f"<h1>{heading}</h1>" in html
    assert other_left not in html


def test_it_translates_what_wagtail_leaves_in_english_in_the_editor(client, voss):
    editor = employee(voss, is_staff=True)
    editor.groups.add(voss.editors_group)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[voss.root_page.pk])).text
    for english in ["Skip to main content", ">Help<", "Title tag", "Meta description"]:
        assert english not in html
    assert "Hopp til hovedinnhold" in html
    assert "Tiittel" not in html
