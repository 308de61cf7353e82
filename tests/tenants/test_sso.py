"""Single sign-on against a real OpenID Connect provider on loopback.

The provider (tests/oidc_provider/server.mjs) is Kongsberg's; Django's test
client plays the browser on our side and `requests` at the provider. Charlie
here is Sortland: a Sortland address must never become a Kongsberg employee.
"""

import re
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
import requests

from django.urls import reverse

from learning.accounts.models import User
from tenants.models import Employment, IdentityProvider
from tenants.services import identity_provider_for_email
from tenants.sso import vouches_for_second_factor

from ..factories.accounts import UserFactory
from ..factories.tenants import EmailDomainFactory, IdentityProviderFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LESSON = "/kurs/personvern/leksjon-1/"


@pytest.fixture
def kongsberg():
    org = OrganisationFactory(name="Kongsberg", slug="kongsberg", number="3303")
    EmailDomainFactory(organisation=org, domain="kongsberg.kommune.no")
    return org


@pytest.fixture
def sortland():
    org = OrganisationFactory(name="Sortland", slug="sortland", number="1870")
    EmailDomainFactory(organisation=org, domain="sortland.kommune.no")
    return org


@pytest.fixture
def provider(kongsberg, oidc_provider):
    return IdentityProviderFactory(
        organisation=kongsberg, name="Kongsberg kommune", slug="kongsberg", issuer=oidc_provider
    )


def start(client, provider, next_url=LESSON):
    """Start signing in through `provider`; the provider's login page URL."""
    response = client.get(reverse("sso:start", args=[provider.slug]), {"next": next_url})
    assert response.status_code == 302
    return response["Location"]


def sign_in_at_provider(authorize_url, email):
    """Sign in at the provider as `email`; the callback URL it sends the
    browser back to (path and query, for the test client)."""
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=10)
    assert page.status_code == 200, page.text
    action = re.search(r'action="([^"]+)"', page.text).group(1)
    response = browser.post(
        urljoin(page.url, action),
        {"email": email, "password": "hva-som-helst"},
        allow_redirects=False,
        timeout=10,
    )
    while urlsplit(response.headers["Location"]).hostname != "testserver":
        response = browser.get(
            urljoin(response.url, response.headers["Location"]), allow_redirects=False, timeout=10
        )
    callback = urlsplit(response.headers["Location"])
    return f"{callback.path}?{callback.query}"


def signed_in_user(client):
    pk = client.session.get("_auth_user_id")
    return User.objects.get(pk=pk) if pk else None


def test_it_signs_in_a_kongsberg_employee_and_keeps_the_deep_link(client, provider, kongsberg):
    callback = sign_in_at_provider(start(client, provider), "kari.nordmann@kongsberg.kommune.no")
    response = client.get(callback)
    assert response.status_code == 302
    assert response["Location"] == LESSON
    user = signed_in_user(client)
    assert user.email == "kari.nordmann@kongsberg.kommune.no"
    assert user.email_confirmed
    assert user.first_name == "Kari"
    employment = user.employments.get()
    assert (employment.organisation, employment.status) == (kongsberg, Employment.Status.ACTIVE)
    assert not user.has_usable_password()


def test_it_links_an_existing_account_by_its_address(client, provider, kongsberg):
    ola = UserFactory(email="ola@kongsberg.kommune.no", email_confirmed=True)
    client.get(sign_in_at_provider(start(client, provider), "Ola@Kongsberg.Kommune.no"))
    assert signed_in_user(client) == ola
    assert User.objects.filter(email__iexact="ola@kongsberg.kommune.no").count() == 1
    ola.refresh_from_db()
    assert ola.has_usable_password()  # the password still works beside SSO


def test_it_drops_the_password_of_an_unconfirmed_account_it_links(client, provider, kongsberg):
    """Someone signed up in Ola's name with their own password and never
    confirmed; Ola signing in through Kongsberg's provider must not switch
    that stranger's password on."""
    ola = UserFactory(email="ola@kongsberg.kommune.no", email_confirmed=False)
    ola.set_password("angriperens-passord")
    ola.save()
    client.get(sign_in_at_provider(start(client, provider), "ola@kongsberg.kommune.no"))
    assert signed_in_user(client) == ola
    ola.refresh_from_db()
    assert ola.email_confirmed
    assert not ola.check_password("angriperens-passord")


def test_it_signs_the_same_person_in_again_without_a_second_account(client, provider):
    client.get(sign_in_at_provider(start(client, provider), "per@kongsberg.kommune.no"))
    client.logout()
    client.get(sign_in_at_provider(start(client, provider), "per@kongsberg.kommune.no"))
    assert signed_in_user(client).email == "per@kongsberg.kommune.no"
    assert User.objects.filter(email="per@kongsberg.kommune.no").count() == 1
    assert signed_in_user(client).employments.count() == 1


def test_it_asks_kongsbergs_admin_when_the_provider_does_not_employ_at_once(
    client, provider, kongsberg
):
    provider.employees_at_once = False
    provider.save()
    client.get(sign_in_at_provider(start(client, provider), "nina@kongsberg.kommune.no"))
    employment = signed_in_user(client).employments.get()
    assert (employment.organisation, employment.status) == (kongsberg, Employment.Status.PENDING)


def test_it_keeps_a_rejection_by_kongsbergs_admin(client, provider, kongsberg):
    rejected = UserFactory(email="avvist@kongsberg.kommune.no")
    Employment.objects.create(
        user=rejected, organisation=kongsberg, status=Employment.Status.REJECTED
    )
    client.get(sign_in_at_provider(start(client, provider), rejected.email))
    assert signed_in_user(client) == rejected
    assert list(rejected.employments.values_list("status", flat=True)) == ["rejected"]


def test_it_refuses_a_sortland_address_from_kongsbergs_provider(client, provider, sortland):
    callback = sign_in_at_provider(start(client, provider), "charlie@sortland.kommune.no")
    response = client.get(callback)
    assert response.status_code == 403
    text = response.content.decode()
    assert "Kongsberg kommune kan bare logge inn personer med e-postadresse i" in text
    assert "charlie@sortland.kommune.no hører ikke til der" in text
    assert signed_in_user(client) is None
    assert not User.objects.filter(email="charlie@sortland.kommune.no").exists()
    assert not Employment.objects.for_organisation(sortland).exists()


def test_it_refuses_an_address_of_nobodys_domain(client, provider):
    response = client.get(sign_in_at_provider(start(client, provider), "ola@gmail.com"))
    assert response.status_code == 403
    assert signed_in_user(client) is None


def test_it_refuses_a_forged_state(client, provider):
    callback = sign_in_at_provider(start(client, provider), "kari@kongsberg.kommune.no")
    path, query = callback.split("?")
    params = {k: v[0] for k, v in parse_qs(query).items()}
    params["state"] = "forfalsket"
    response = client.get(f"{path}?{urlencode(params)}")
    assert response.status_code == 400
    assert "Innloggingen kunne ikke bekreftes" in response.content.decode()
    assert signed_in_user(client) is None


def test_it_refuses_a_replayed_code(client, provider, django_user_model):
    callback = sign_in_at_provider(start(client, provider), "kari@kongsberg.kommune.no")
    assert client.get(callback).status_code == 302
    # Someone who saw the callback URL replays its code in a sign-in of their own.
    attacker = client.__class__()
    own_state = parse_qs(urlsplit(start(attacker, provider)).query)["state"][0]
    path, query = callback.split("?")
    params = {k: v[0] for k, v in parse_qs(query).items()}
    params["state"] = own_state
    response = attacker.get(f"{path}?{urlencode(params)}")
    assert response.status_code == 400
    assert signed_in_user(attacker) is None


def test_it_refuses_the_same_callback_twice(client, provider):
    callback = sign_in_at_provider(start(client, provider), "kari@kongsberg.kommune.no")
    assert client.get(callback).status_code == 302
    client.logout()
    assert client.get(callback).status_code == 400
    assert signed_in_user(client) is None


@pytest.mark.parametrize("client_id", ["kongsberg-feil-mottaker", "kongsberg-utlopt"])
def test_it_refuses_an_id_token_for_another_audience_or_expired(
    client, kongsberg, oidc_provider, client_id
):
    provider = IdentityProviderFactory(
        organisation=kongsberg, slug=client_id, client_id=client_id, issuer=oidc_provider
    )
    response = client.get(sign_in_at_provider(start(client, provider), "kari@kongsberg.kommune.no"))
    assert response.status_code == 400
    assert "Innloggingen kunne ikke bekreftes" in response.content.decode()
    assert signed_in_user(client) is None
    assert not User.objects.filter(email="kari@kongsberg.kommune.no").exists()


def test_it_refuses_a_provider_whose_secret_is_wrong(client, provider):
    provider.set_client_secret("feil")
    provider.save()
    response = client.get(sign_in_at_provider(start(client, provider), "kari@kongsberg.kommune.no"))
    assert response.status_code == 400
    assert signed_in_user(client) is None


def test_it_does_not_follow_a_next_to_another_site(client, provider):
    authorize = start(client, provider, next_url="https://angriper.example/")
    response = client.get(sign_in_at_provider(authorize, "kari@kongsberg.kommune.no"))
    assert response.status_code == 302
    assert not response["Location"].startswith("https://angriper.example")


def test_a_national_provider_signs_anyone_in_and_employs_nobody_by_itself(
    client, oidc_provider, kongsberg
):
    ks = OrganisationFactory(name="KS", slug="ks", kind="national", number="")
    national = IdentityProviderFactory(
        organisation=ks,
        name="Felles innlogging",
        slug="felles",
        national=True,
        issuer=oidc_provider,
    )
    response = client.get(sign_in_at_provider(start(client, national), "ola@gmail.com"))
    assert response.status_code == 302
    user = signed_in_user(client)
    assert user.email == "ola@gmail.com"
    assert user.employments.count() == 0  # picks an organisation and waits, as today


def test_it_finds_the_provider_by_the_address(provider, sortland):
    assert identity_provider_for_email("Kari@Kongsberg.kommune.no") == provider
    assert identity_provider_for_email("charlie@sortland.kommune.no") is None
    assert identity_provider_for_email("kari@elev.kongsberg.kommune.no") is None
    provider.enabled = False
    provider.save()
    assert identity_provider_for_email("kari@kongsberg.kommune.no") is None


def test_the_login_page_sends_kongsberg_to_its_provider_and_others_to_the_password(
    client, provider, sortland
):
    url = reverse("account_login") + "?" + urlencode({"next": LESSON})
    response = client.post(url, {"login": "kari@kongsberg.kommune.no"})
    assert response.status_code == 302
    assert response["Location"] == reverse("sso:start", args=["kongsberg"]) + "?next=" + (
        "%2Fkurs%2Fpersonvern%2Fleksjon-1%2F"
    )
    response = client.post(url, {"login": "charlie@sortland.kommune.no"})
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    response = client.post(url, {"login": "ikke en adresse"})
    assert 'name="password"' not in response.content.decode()
    assert "e-postadresse" in response.content.decode().lower()


def test_the_login_page_offers_national_providers_to_everyone(client, provider, db):
    IdentityProviderFactory(
        organisation=provider.organisation, name="ID-porten", slug="idporten", national=True
    )
    response = client.get(reverse("account_login") + "?" + urlencode({"next": LESSON}))
    assert "ID-porten" in response.content.decode()
    assert reverse("sso:start", args=["idporten"]) + "?next=" in response.content.decode()
    assert "Kongsberg kommune" not in response.content.decode()


def test_it_counts_a_providers_second_factor_only_when_the_token_says_so():
    assert vouches_for_second_factor({"amr": ["pwd", "mfa"]})
    assert vouches_for_second_factor({"amr": "otp"})
    assert vouches_for_second_factor({"acr": "idporten-loa-substantial"})
    assert not vouches_for_second_factor({"amr": ["pwd"]})
    assert not vouches_for_second_factor({"acr": "idporten-loa-low"})
    assert not vouches_for_second_factor({})


def test_a_disabled_or_unknown_provider_is_not_found(client, provider):
    provider.enabled = False
    provider.save()
    assert client.get(reverse("sso:start", args=["kongsberg"])).status_code == 404
    assert client.get(reverse("sso:start", args=["finnes-ikke"])).status_code == 404


def test_the_secret_is_stored_encrypted(provider):
    stored = IdentityProvider.objects.for_organisation(provider.organisation_id).get()
    assert "kongsberg-hemmelighet" not in stored.client_secret_encrypted
    assert stored.get_client_secret() == "kongsberg-hemmelighet"
