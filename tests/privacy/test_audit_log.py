"""The audit log: looking at or exporting people's learning records leaves an
entry the organisation's admins can read in the admin; another
organisation's admin can neither read it nor leave entries by trying."""

import pytest

from django.test import TestCase
from django.urls import reverse

from learning.privacy.models import AuditEntry
from learning.tracking.services import enroll

from ..reports.world import build_world


class AuditLogTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)
        cls.charlie_enrollment = None

    def entries(self, organisation):
        return AuditEntry.objects.for_organisation(organisation)

    def as_user(self, user):
        self.client.force_login(user)
        return self.client

    def test_it_logs_who_looked_at_a_persons_learning_record(self):
        url = reverse("reports:municipal_person", args=[self.alpha.pk, self.lars.pk])

        assert self.as_user(self.alice).get(url).status_code == 200

        entry = self.entries(self.alpha).get()
        assert entry.actor == self.alice
        assert entry.subject == self.lars
        assert entry.action == AuditEntry.Action.VIEWED
        assert entry.what == "learning_record"
        assert entry.path == url

    def test_it_logs_the_dashboard_with_names_and_the_export(self):
        client = self.as_user(self.alice)
        assert client.get(reverse("reports:municipal", args=[self.alpha.pk])).status_code == 200
        export = reverse("reports:municipal_export", args=[self.alpha.pk, "csv"])
        assert client.get(export).status_code == 200

        assert list(self.entries(self.alpha).order_by("at").values_list("action", "what")) == [
            ("viewed", "municipal_dashboard"),
            ("exported", "municipal_export"),
        ]

    def test_it_logs_the_enrollments_in_the_admin(self):
        self.alice.is_staff = True
        self.alice.save()
        client = self.as_user(self.alice)
        assert client.get(reverse("tracking_enrollments")).status_code == 200
        reset = reverse("tracking_reset", args=[self.lars_enrollment.pk])
        assert client.get(reset).status_code == 200

        assert list(self.entries(self.alpha).order_by("at").values_list("what", "subject")) == [
            ("enrollments", None),
            ("learning_record", self.lars.pk),
        ]

    def test_a_refused_look_leaves_no_entry(self):
        url = reverse("reports:municipal_person", args=[self.alpha.pk, self.lars.pk])

        assert self.as_user(self.charlie).get(url).status_code == 404
        assert self.as_user(self.lars).get(url).status_code == 404

        assert not AuditEntry.objects.unscoped().exists()

    def test_each_admin_reads_only_their_own_organisations_log(self):
        self.as_user(self.alice).get(
            reverse("reports:municipal_person", args=[self.alpha.pk, self.lars.pk])
        )
        enroll(self.charlie, self.course, self.beta)  # Betafjord has a record too
        self.as_user(self.charlie).get(reverse("reports:municipal", args=[self.beta.pk]))
        log = reverse("privacy_audit_log")

        alice_sees = self.as_user(self.alice).get(log)
        charlie_sees = self.as_user(self.charlie).get(log)

        assert alice_sees.status_code == 200
        assert f"/person/{self.lars.pk}/" in alice_sees.content.decode()
        assert f"/kommune/{self.beta.pk}/" not in alice_sees.content.decode()
        assert charlie_sees.status_code == 200
        assert f"/kommune/{self.beta.pk}/" in charlie_sees.content.decode()
        assert f"/person/{self.lars.pk}/" not in charlie_sees.content.decode()

    def test_people_who_administer_nothing_cannot_open_the_log(self):
        self.bob.is_staff = True  # an editor of Alfavik
        self.bob.save()
        response = self.as_user(self.bob).get(reverse("privacy_audit_log"))

        assert response.status_code == 302  # Wagtail's answer to PermissionDenied
        assert response["Location"] == reverse("wagtailadmin_home")

    def test_entries_cannot_be_changed(self):
        entry = AuditEntry.objects.create(
            organisation=self.alpha, actor=self.alice, action="viewed", what="x", path="/"
        )
        entry.what = "y"
        with pytest.raises(ValueError):
            entry.save()
