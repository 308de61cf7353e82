"""Links and names in account mail come from what we configured and checked,
never from what a request or a stranger's sign-up sent."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import Site

from learning.accounts.models import User

from ..factories.accounts import UserFactory
from ..factories.courses import provisioned_organisation
from ..factories.tenants import EmailDomainFactory
from .helpers import signup_data

pytestmark = pytest.mark.django_db

FORGED_HOST = "angriper.localhost"


@pytest.fixture
def bergen():
    org = provisioned_organisation(name="Bergen kommune", slug="bergen")
    EmailDomainFactory(organisation=org, domain="bergen.kommune.no")
    return org


def test_it_builds_a_reset_link_from_the_sites_address_not_a_forged_host(client, bergen):
    UserFactory(email="alice@bergen.kommune.no")
    client.post(
        reverse("account_reset_password"),
        {"email": "alice@bergen.kommune.no"},
        headers={"host": FORGED_HOST},
    )
    body = mail.outbox[-1].body
    assert FORGED_HOST not in body
    default = Site.objects.get(is_default_site=True)
    assert f"{default.root_url}/konto/nytt-passord/" in body


def test_it_builds_links_from_the_organisations_site(client, bergen):
    site = bergen.site
    host = site.hostname if site.port == 80 else f"{site.hostname}:{site.port}"
    client.post(reverse("account_signup"), signup_data(), headers={"host": host})
    assert f"{site.root_url}/konto/bekreft/" in mail.outbox[-1].body


def test_it_builds_a_confirmation_link_without_a_forged_host(client, bergen):
    client.post(reverse("account_signup"), signup_data(), headers={"host": FORGED_HOST})
    body = mail.outbox[-1].body
    assert FORGED_HOST not in body
    assert f"{Site.objects.get(is_default_site=True).root_url}/konto/bekreft/" in body


@pytest.mark.parametrize(
    "first_name",
    ["Alice\nVinn en iPad: http://svindel.example", "www.svindel.example", "Alice <a@b.no>"],
)
def test_it_refuses_a_first_name_with_a_line_break_or_a_link(client, bergen, first_name):
    response = client.post(reverse("account_signup"), signup_data(first_name=first_name))
    assert response.status_code == 200
    assert "Skriv bare navnet ditt, uten lenker" in response.content.decode()
    assert not User.objects.filter(email="alice@bergen.kommune.no").exists()
    assert mail.outbox == []


def test_it_leaves_an_old_link_like_name_out_of_mail(client, bergen):
    UserFactory(
        email="alice@bergen.kommune.no", first_name="Alice\n\nKlikk: http://svindel.example"
    )
    client.post(reverse("account_reset_password"), {"email": "alice@bergen.kommune.no"})
    body = mail.outbox[-1].body
    assert body.startswith("Hei!\n")
    assert "svindel" not in body


def test_it_greets_a_person_by_name(client, bergen):
    client.post(reverse("account_signup"), signup_data(first_name="Anne  Marie"))
    assert mail.outbox[-1].body.startswith("Hei Anne Marie!\n")
