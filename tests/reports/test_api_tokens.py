"""API tokens: shown once, stored as a SHA-256 digest only, and the tokens
made before that change still work after the migration."""

import hashlib

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client, TestCase
from django.urls import reverse

from learning.reports.access import analysts_group
from learning.reports.models import ApiToken

from ..factories.accounts import UserFactory
from .world import build_world

UPTAKE = "/api/rapporter/uptake"


def table_text():
    """Every value in the token table, as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")  # noqa: S608
        return " ".join(str(v) for row in cursor.fetchall() for v in row)


class ApiTokenTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)

    def test_the_analyst_sees_the_token_once_and_it_works(self):
        self.client.force_login(self.kari)
        response = self.client.post(reverse("reports:api_token"))
        assert response.status_code == 200
        secret = response.context["secret"]
        assert secret in response.content.decode()
        assert secret not in table_text()
        assert (
            ApiToken.objects.get(user=self.kari).digest
            == hashlib.sha256(secret.encode()).hexdigest()
        )
        self.client.logout()
        ok = self.client.get(UPTAKE, headers={"Authorization": f"Bearer {secret}"})
        assert ok.status_code == 200
        # Shown once: the page does not show it again.
        self.client.force_login(self.kari)
        assert secret not in self.client.get(reverse("reports:api_token")).content.decode()

    def test_a_new_token_replaces_the_old_one(self):
        old = ApiToken.issue(self.kari)[1]
        self.client.force_login(self.kari)
        new = self.client.post(reverse("reports:api_token")).context["secret"]
        self.client.logout()
        assert (
            self.client.get(UPTAKE, headers={"Authorization": f"Bearer {old}"}).status_code == 401
        )
        assert (
            self.client.get(UPTAKE, headers={"Authorization": f"Bearer {new}"}).status_code == 200
        )

    def test_the_digest_itself_opens_nothing(self):
        token = ApiToken.issue(self.kari)[0]
        response = self.client.get(UPTAKE, headers={"Authorization": f"Bearer {token.digest}"})
        assert response.status_code == 401

    def test_only_analysts_may_make_a_token(self):
        for user in (self.alice, self.charlie, self.lars):
            self.client.force_login(user)
            assert self.client.post(reverse("reports:api_token")).status_code == 403
        assert not ApiToken.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_hashes_existing_tokens_and_they_keep_working():
    before, after = [("reports", "0002_ks_analysts_group")], [("reports", "0003_apitoken_digest")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    OldToken = executor.loader.project_state(before).apps.get_model("reports", "ApiToken")
    kari = UserFactory(email="kari@ks.no")
    kari.groups.add(analysts_group())
    OldToken.objects.create(user_id=kari.pk, key="gammel-nokkel-fra-for-endringen")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)

    assert "gammel-nokkel-fra-for-endringen" not in table_text()
    response = Client().get(
        UPTAKE, headers={"Authorization": "Bearer gammel-nokkel-fra-for-endringen"}
    )
    assert response.status_code == 200
