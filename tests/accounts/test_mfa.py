"""Two-factor authentication: required for everyone who can see other
people's personal data (editors, organisation admins, unit leaders, KS
analysts, superusers) before the admin or the reports; learners may turn it
on. Real sign-ins through allauth; codes from allauth's own TOTP helpers."""

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

from django.core.cache import cache
from django.urls import reverse

from ..factories.accounts import (
    UserFactory,
    give_second_factor,
    mark_signed_in_with_second_factor,
    totp_code,
)
from ..factories.tenants import EmploymentFactory
from ..reports.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.without_second_factor]

PASSWORD = "passord-for-test"


@pytest.fixture
def world():
    class World:
        pass

    ns = World()
    build_world(ns)
    return ns


def municipal(world):
    return reverse("reports:municipal", args=[world.alpha.pk])


def sign_in(client, user, next_url=None):
    data = {"login": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("account_login"), data)


def test_staff_without_a_second_factor_reach_neither_admin_nor_reports(client, world):
    for user, url in [
        (world.bob, "/admin/"),  # editor
        (world.alice, "/admin/"),  # organisation admin
        (world.alice, municipal(world)),
        (world.ulla, municipal(world)),  # unit leader
        (world.kari, reverse("reports:national")),  # KS analyst
        (world.sigrid, "/admin/pages/"),  # superuser
    ]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 302, (user, url)
        assert response["Location"].startswith(reverse("mfa_activate_totp") + "?next="), user


def test_staff_with_an_app_but_a_sign_in_without_it_are_asked_for_a_code(client, world):
    secret, _ = give_second_factor(world.alice)
    client.force_login(world.alice)  # e.g. a provider that did not vouch for a second factor
    response = client.get(municipal(world))
    assert response["Location"] == (
        reverse("mfa_reauthenticate") + "?next=" + municipal(world).replace("/", "%2F")
    )
    response = client.post(
        reverse("mfa_reauthenticate"), {"code": totp_code(secret), "next": municipal(world)}
    )
    assert response["Location"] == municipal(world)
    assert client.get(municipal(world)).status_code == 200


def test_learners_are_not_asked(client, world):
    client.force_login(world.lars)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.get(municipal(world)).status_code == 404


def test_staff_enrol_an_app_and_go_on_to_where_they_were_going(client, world):
    response = sign_in(client, world.alice, next_url=municipal(world))
    assert response["Location"] == municipal(world)
    setup = client.get(municipal(world))
    assert setup["Location"].startswith(reverse("mfa_activate_totp"))

    page = client.get(setup["Location"])
    html = page.content.decode()
    assert "<h1>Slå på totrinnsbekreftelse</h1>" in html
    assert 'alt="QR-kode' in html
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in html

    wrong = client.post(setup["Location"], {"code": "000000"})
    assert wrong.status_code == 200
    assert Authenticator.objects.filter(user=world.alice).count() == 0

    done = client.post(setup["Location"], {"code": totp_code(secret)}, follow=True)
    codes_page = done.content.decode()
    assert "<h1>Reservekoder</h1>" in codes_page
    assert f'href="{municipal(world)}"' in codes_page
    assert client.get(municipal(world)).status_code == 200


def test_a_person_with_an_app_signs_in_with_password_and_code(client, world):
    secret, _ = give_second_factor(world.alice)
    response = sign_in(client, world.alice, next_url="/admin/")
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    page = client.get(response["Location"]).content.decode()
    assert "<h1>Totrinnsbekreftelse</h1>" in page
    wrong = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert "Koden stemmer ikke" in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(world.alice.pk)
    methods = [r["method"] for r in client.session[AUTHENTICATION_METHODS_SESSION_KEY]]
    assert methods == ["password", "mfa"]
    assert client.get("/admin/").status_code == 200


def test_a_code_works_once(client, world):
    secret, _ = give_second_factor(world.alice)
    code = totp_code(secret)
    sign_in(client, world.alice)
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.post(reverse("account_logout"))

    sign_in(client, world.alice)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert "Koden stemmer ikke" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_works_once(client, world):
    _, recovery_codes = give_second_factor(world.alice)
    code = recovery_codes[0]
    sign_in(client, world.alice)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.session["_auth_user_id"] == str(world.alice.pk)
    assert client.get("/admin/").status_code == 200

    client.post(reverse("account_logout"))
    cache.clear()  # not the rate limit: the code itself must be spent
    sign_in(client, world.alice)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert "Koden stemmer ikke" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": recovery_codes[1]})
    assert client.session["_auth_user_id"] == str(world.alice.pk)


def test_a_second_factor_opens_no_other_organisations_report(client, world):
    give_second_factor(world.charlie)
    client.force_login(world.charlie)
    mark_signed_in_with_second_factor(client)
    assert client.get(municipal(world)).status_code == 404


def test_learners_may_turn_it_on(client):
    learner = UserFactory(email="lise@example.no")
    EmploymentFactory(user=learner)
    sign_in(client, learner)
    assert reverse("mfa_index") in client.get(reverse("accounts:profile")).content.decode()
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    client.post(reverse("account_logout"))

    response = sign_in(client, learner)
    assert response["Location"] == reverse("mfa_authenticate")


def test_staff_cannot_turn_it_off_but_learners_can(client, world):
    give_second_factor(world.alice)
    client.force_login(world.alice)
    mark_signed_in_with_second_factor(client)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert "Du kan ikke slå av totrinnsbekreftelse" in response.content.decode()
    assert Authenticator.objects.filter(user=world.alice, type="totp").exists()

    give_second_factor(world.lars)
    client.force_login(world.lars)
    mark_signed_in_with_second_factor(client)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response["Location"] == reverse("mfa_index")
    assert not Authenticator.objects.filter(user=world.lars, type="totp").exists()
