import pytest

from django.urls import reverse

from tenants.models import Employment

from ..factories.accounts import UserFactory
from ..factories.tenants import EmploymentFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]

COURSE = "/kurs/informasjonssikkerhet/"


def status_page(client):
    response = client.get(COURSE)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:status") + "?next=" + COURSE.replace(
        "/", "%2F"
    )
    return client.get(response["Location"]).content.decode()


def test_it_sends_anonymous_people_to_login(client):
    response = client.get(COURSE)
    assert response["Location"] == reverse("account_login") + "?next=" + COURSE


def test_it_asks_unconfirmed_people_to_confirm(client):
    alice = UserFactory(email_confirmed=False)
    EmploymentFactory(user=alice)
    client.force_login(alice)
    html = status_page(client)
    assert "<h1>Bekreft e-posten din</h1>" in html
    assert "Send ny lenke" in html


def test_it_tells_pending_people_whom_they_wait_for(client):
    alice = UserFactory()
    EmploymentFactory(
        user=alice,
        organisation=OrganisationFactory(name="Askøy kommune"),
        status=Employment.Status.PENDING,
    )
    client.force_login(alice)
    assert "<h1>Venter på godkjenning fra Askøy kommune</h1>" in status_page(client)


def test_it_tells_people_without_an_employer_to_ask_for_access(client):
    charlie = UserFactory()
    EmploymentFactory(user=charlie, status=Employment.Status.REJECTED)
    client.force_login(charlie)
    html = status_page(client)
    assert "<h1>Velg arbeidsgiver</h1>" in html
    assert reverse("accounts:request_employment") in html


def test_it_lets_confirmed_employees_through(client):
    alice = UserFactory()
    EmploymentFactory(user=alice, organisation=OrganisationFactory(name="Bergen kommune"))
    client.force_login(alice)
    response = client.get(COURSE)
    assert response.status_code == 200
    assert response.content == b"Kursinnhold for ansatte"

    status = client.get(reverse("accounts:status") + "?next=" + COURSE).content.decode()
    assert "ansatt i Bergen kommune" in status
    assert f'href="{COURSE}"' in status


def test_it_ignores_a_next_link_to_another_site(client):
    alice = UserFactory()
    EmploymentFactory(user=alice)
    client.force_login(alice)
    html = client.get(reverse("accounts:status") + "?next=https://evil.example/").content.decode()
    assert "evil.example" not in html
