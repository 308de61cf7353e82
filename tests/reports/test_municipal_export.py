"""The municipal export holds the dashboard's two tables: status per unit and
the gap list (who has an assigned course not completed, overdue first), for
the person's own organisation (a unit leader: their units) and nobody else."""

import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage
from learning.reports.models import ExportJob
from learning.tracking.models import Enrollment
from learning.tracking.services import enroll

from ..factories.accounts import UserFactory
from ..factories.courses import CoursePageFactory
from ..factories.tenants import EmploymentFactory
from .world import build_world


class MunicipalExportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)
        today = timezone.localdate()
        # Siri (Skole) is overdue; Lars (Sykehjem) is due next month.
        cls.assign(cls.alpha, cls.siri_enrollment, today - datetime.timedelta(days=3))
        cls.assign(cls.alpha, cls.lars_enrollment, today + datetime.timedelta(days=30))
        # Betafjord has its own learner with an overdue assigned course.
        cls.berit = UserFactory(
            email="berit@betafjord.kommune.no", first_name="Berit", last_name="Beta"
        )
        EmploymentFactory(user=cls.berit, organisation=cls.beta)
        beta_course = CoursePageFactory(
            parent=cls.beta.root_page, title="Betafjords eget kurs", sharing=CoursePage.Sharing.OWN
        )
        cls.assign(
            cls.beta, enroll(cls.berit, beta_course, cls.beta), today - datetime.timedelta(days=9)
        )

    @staticmethod
    def assign(org, enrollment, due):
        Enrollment.objects.for_organisation(org).filter(pk=enrollment.pk).update(
            source=Enrollment.Source.ASSIGNED, due_date=due
        )

    def export(self, user, org, file_format="csv"):
        self.client.force_login(user)
        return self.client.get(reverse("reports:municipal_export", args=[org.pk, file_format]))

    def csv_lines(self, response):
        assert response.status_code == 200
        return b"".join(response).decode("utf-8-sig").splitlines()

    def gap_section(self, lines):
        start = lines.index("Mangler tildelte kurs")
        return lines[start + 1 :]

    def test_it_exports_the_gap_list_overdue_first(self):
        lines = self.csv_lines(self.export(self.alice, self.alpha))
        gaps = self.gap_section(lines)
        assert gaps[0] == "Person;E-post;Enhet;Kurs;Status;Frist"
        assert gaps[1].startswith("Siri Test;siri@alfavik.kommune.no;Skole;Arkiv i praksis;")
        assert gaps[1].endswith("(forfalt)")
        assert gaps[2].startswith("Lars Test;lars@alfavik.kommune.no;Sykehjem;")
        assert "forfalt" not in gaps[2]
        assert len(gaps) == 3
        # The status table is still there, above it.
        assert "Status per enhet" in lines

    def test_the_xlsx_has_the_gap_list_on_its_own_sheet(self):
        response = self.export(self.alice, self.alpha, "xlsx")
        assert response.status_code == 200
        book = load_workbook(io.BytesIO(b"".join(response)), read_only=True)
        assert book.sheetnames == ["Status per enhet", "Mangler tildelte kurs"]
        rows = [list(r) for r in book["Mangler tildelte kurs"].iter_rows(values_only=True)]
        names = [r[0] if r else None for r in rows]
        assert names.index("Siri Test") < names.index("Lars Test")
        assert ["Organisasjon", "Alfavik"] in [r[:2] for r in rows]  # the filters on top
        assert "Berit Beta" not in names

    def test_the_export_equals_the_gap_list_on_screen(self):
        self.client.force_login(self.alice)
        page = self.client.get(reverse("reports:municipal", args=[self.alpha.pk]))
        table = page.content.decode().split('id="gaps"')[1].split("</table>")[0]
        screen = [
            [
                re.sub(r"<[^>]+>", "", cell).strip()
                for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            ]
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
        ]
        exported = [
            line.split(";")
            for line in self.gap_section(self.csv_lines(self.export(self.alice, self.alpha)))
        ]
        assert screen == exported

    def test_a_unit_leader_exports_only_her_units_people(self):
        lines = self.csv_lines(self.export(self.ulla, self.alpha))
        text = "\n".join(lines)
        assert "Lars Test" in text
        assert "Siri" not in text  # Skole is not under Helse
        assert "Skole" not in text

    def test_charlie_gets_404_and_never_sees_alfaviks_people(self):
        for file_format in ("csv", "xlsx"):
            assert self.export(self.charlie, self.alpha, file_format).status_code == 404
        text = "\n".join(self.csv_lines(self.export(self.charlie, self.beta)))
        assert "Berit Beta" in text and "(forfalt)" in text
        assert "Siri" not in text and "Lars" not in text and "Arkiv i praksis" not in text

    def test_alice_never_sees_betafjords_people(self):
        text = "\n".join(self.csv_lines(self.export(self.alice, self.alpha)))
        assert "Berit" not in text and "Betafjord" not in text
        assert self.export(self.alice, self.beta).status_code == 404

    @pytest.mark.eager
    def test_a_background_export_holds_the_gap_list_for_the_requester_only(self):
        self.client.force_login(self.alice)
        url = reverse("reports:municipal_export", args=[self.alpha.pk, "xlsx"])
        with self.captureOnCommitCallbacks(execute=True):
            assert self.client.get(url + "?bakgrunn=1").status_code == 302
        job = ExportJob.objects.get(requested_by=self.alice)
        assert job.status == ExportJob.Status.DONE and job.progress == 100
        download = reverse("reports:export_download", args=[job.pk])
        book = load_workbook(io.BytesIO(b"".join(self.client.get(download))), read_only=True)
        names = [
            r[0] if r else None for r in book["Mangler tildelte kurs"].iter_rows(values_only=True)
        ]
        assert "Siri Test" in names and "Berit Beta" not in names
        self.client.force_login(self.charlie)
        assert self.client.get(download).status_code == 404
