"""Who sees which report: learner, editor, municipal admin, unit leader of a
sub-unit, KS analyst and superuser, in two municipalities, across pages,
exports, the API and the export download link."""

import pytest

from django.test import TestCase
from django.urls import reverse

from learning.reports.models import ApiToken, ExportJob

from .world import build_world


class ReportAccessTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)

    def get(self, user, url):
        self.client.force_login(user)
        return self.client.get(url)

    def test_it_shows_the_national_report_to_analysts_and_superusers_only(self):
        url = reverse("reports:national")
        for user in (self.kari, self.sigrid):
            assert self.get(user, url).status_code == 200
        for user in (self.lars, self.bob, self.alice, self.ulla, self.charlie):
            assert self.get(user, url).status_code == 403

    def test_it_sends_strangers_to_the_login_page(self):
        response = self.client.get(reverse("reports:national"))
        assert response.status_code == 302
        assert "/konto/" in response["Location"]

    def test_it_never_shows_an_analyst_a_name(self):
        for url in (
            reverse("reports:national"),
            reverse("reports:national_map"),
            reverse("reports:national_export", args=["csv"]),
        ):
            content = self.get(self.kari, url).content.decode()
            assert "lars@alfavik" not in content and "Lars" not in content

    def test_it_gives_analysts_no_municipal_page(self):
        url = reverse("reports:municipal", args=[self.alpha.pk])
        assert self.get(self.kari, url).status_code == 404

    def test_it_shows_the_municipal_report_to_its_admin_leader_and_superuser(self):
        url = reverse("reports:municipal", args=[self.alpha.pk])
        for user in (self.alice, self.ulla, self.sigrid):
            assert self.get(user, url).status_code == 200
        for user in (self.lars, self.bob, self.charlie, self.kari):
            assert self.get(user, url).status_code == 404

    def test_a_unit_leader_sees_only_her_units(self):
        response = self.get(self.ulla, reverse("reports:municipal", args=[self.alpha.pk]))
        content = response.content.decode()
        assert "Sykehjem" in content
        assert "Skole" not in content
        person = reverse("reports:municipal_person", args=[self.alpha.pk, self.siri.pk])
        assert self.get(self.ulla, person).status_code == 404
        person = reverse("reports:municipal_person", args=[self.alpha.pk, self.lars.pk])
        assert self.get(self.ulla, person).status_code == 200

    def test_the_admin_sees_the_gap_list_and_a_persons_record(self):
        content = self.get(self.alice, reverse("reports:municipal", args=[self.alpha.pk]))
        assert "Siri Test" in content.content.decode()  # assigned, not started
        person = reverse("reports:municipal_person", args=[self.alpha.pk, self.lars.pk])
        response = self.get(self.alice, person)
        assert response.status_code == 200
        assert "Arkiv i praksis" in response.content.decode()

    def test_another_municipalitys_admin_cannot_reach_a_person_by_id(self):
        for org in (self.alpha, self.beta):
            url = reverse("reports:municipal_person", args=[org.pk, self.lars.pk])
            assert self.get(self.charlie, url).status_code == 404

    def test_exports_follow_the_same_rule(self):
        url = reverse("reports:municipal_export", args=[self.alpha.pk, "csv"])
        assert self.get(self.alice, url).status_code == 200
        assert self.get(self.charlie, url).status_code == 404
        assert self.get(self.kari, url).status_code == 404
        national = reverse("reports:national_export", args=["xlsx"])
        assert self.get(self.kari, national).status_code == 200
        assert self.get(self.alice, national).status_code == 403

    @pytest.mark.eager
    def test_only_the_requester_may_download_an_export(self):
        self.client.force_login(self.alice)
        url = reverse("reports:municipal_export", args=[self.alpha.pk, "csv"])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.get(url + "?bakgrunn=1")
        assert response.status_code == 302
        job = ExportJob.objects.get(requested_by=self.alice)
        assert job.status == ExportJob.Status.DONE
        download = reverse("reports:export_download", args=[job.pk])
        response = self.client.get(download)
        assert response.status_code == 200
        assert "Sykehjem" in b"".join(response).decode("utf-8-sig")
        for user in (self.charlie, self.ulla, self.kari, self.bob):
            assert self.get(user, download).status_code == 404

    def test_the_api_answers_analysts_tokens_only(self):
        analyst = ApiToken.issue(self.kari)[1]
        learner = ApiToken.issue(self.lars)[1]
        url = "/api/rapporter/uptake"
        response = self.client.get(url, headers={"Authorization": f"Bearer {analyst}"})
        assert response.status_code == 200
        body = response.json()
        alfavik = next(m for m in body["municipalities"] if m["number"] == "9101")
        assert alfavik["enrolled"] == {"value": None, "hidden": True}  # 2 people
        assert "lars" not in response.content.decode()
        response = self.client.get(url, headers={"Authorization": f"Bearer {learner}"})
        assert response.status_code == 401
        assert self.client.get(url).status_code == 401

    def test_the_api_refuses_bad_filters_in_norwegian(self):
        analyst = ApiToken.issue(self.kari)[1]
        response = self.client.get(
            "/api/rapporter/uptake?date_from=2026-05-01&date_to=2026-01-01",
            headers={"Authorization": f"Bearer {analyst}"},
        )
        assert response.status_code == 400
        assert "Fra-datoen" in response.content.decode()

    def test_unit_leaders_are_named_by_the_admin_only(self):
        url = reverse("reports:unit_leaders", args=[self.alpha.pk])
        assert self.get(self.ulla, url).status_code == 404
        assert self.get(self.charlie, url).status_code == 404
        self.client.force_login(self.alice)
        response = self.client.post(
            url, {"email": "siri@alfavik.kommune.no", "unit": self.school.pk}
        )
        assert response.status_code == 302
        school = reverse("reports:municipal", args=[self.alpha.pk])
        assert "Skole" in self.get(self.siri, school).content.decode()
        self.client.force_login(self.alice)
        response = self.client.post(
            url, {"email": "charlie@betafjord.kommune.no", "unit": self.school.pk}
        )
        assert response.status_code == 400
