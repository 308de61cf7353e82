"""KS sees assigned and passed beside enrolled, started and completed — on the
dashboard, in the exports and the API — suppressed by the same rule."""

import io

from openpyxl import load_workbook

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage
from learning.reports.models import ApiToken
from learning.reports.rollups import refresh_rollups
from learning.tracking.models import Enrollment
from learning.tracking.services import enroll

from ..factories.accounts import UserFactory
from ..factories.courses import CoursePageFactory
from ..factories.tenants import EmploymentFactory
from .world import build_world


def finishers(org, course, n, assigned, passed):
    """`n` people of `org` who completed `course`; the first `assigned` of them
    were assigned it, the first `passed` passed it."""
    now = timezone.now()
    for i in range(n):
        user = UserFactory(email=f"p{i}@{org.slug}.kommune.no")
        EmploymentFactory(user=user, organisation=org)
        enrollment = enroll(user, course, org)
        Enrollment.objects.for_organisation(org).filter(pk=enrollment.pk).update(
            source=Enrollment.Source.ASSIGNED if i < assigned else Enrollment.Source.SELF,
            status=Enrollment.Status.COMPLETED,
            started_at=now,
            completed_at=now,
            passed_at=now if i < passed else None,
        )
    refresh_rollups(org.pk)


class NationalMeasuresTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)
        # Alfavik: Lars, Siri (assigned) and 7 assigned finishers who all passed:
        # assigned 8, enrolled 9, completed 7, passed 7.
        finishers(cls.alpha, cls.course, 7, assigned=7, passed=7)
        # Betafjord: 6 finishers, all assigned, 2 passed (hidden, and so
        # Alfavik's passed too, as its complement).
        beta_course = CoursePageFactory(
            parent=cls.beta.root_page, title="Betafjords kurs", sharing=CoursePage.Sharing.OWN
        )
        finishers(cls.beta, beta_course, 6, assigned=6, passed=2)

    def setUp(self):
        cache.clear()

    def csv_row(self, number):
        self.client.force_login(self.kari)
        response = self.client.get(reverse("reports:national_export", args=["csv"]))
        lines = b"".join(response).decode("utf-8-sig").splitlines()
        header = next(line for line in lines if line.startswith("Kommunenummer"))
        row = next(line for line in lines if line.startswith(number + ";"))
        return dict(zip(header.split(";"), row.split(";"), strict=True))

    def test_the_export_has_assigned_and_passed(self):
        alfavik = self.csv_row("9101")
        assert alfavik["Tildelt"] == "8"
        assert alfavik["Påmeldte"] == "9"
        assert alfavik["Fullført"] == "7"
        assert alfavik["Bestått"] == "færre enn 5"  # the complement of Betafjord's 2
        betafjord = self.csv_row("9102")
        assert betafjord["Tildelt"] == "6"
        assert betafjord["Bestått"] == "færre enn 5"

    def test_the_dashboard_shows_them_with_the_national_total(self):
        self.client.force_login(self.kari)
        response = self.client.get(reverse("reports:national"))
        content = response.content.decode()
        assert response.status_code == 200
        totals = content.split("Hele landet")[1].split("</tr>")[0]
        # assigned 14, enrolled 15, started 13, completed 13, passed 9
        assert [c.split("<")[0] for c in totals.split("<td>")[1:6]] == [
            "14",
            "15",
            "13",
            "13",
            "9",
        ]
        assert "Tildelt" in content and "Bestått" in content

    def test_the_xlsx_equals_the_csv(self):
        self.client.force_login(self.kari)
        response = self.client.get(reverse("reports:national_export", args=["xlsx"]))
        sheet = load_workbook(io.BytesIO(b"".join(response)), read_only=True).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True) if r]
        header = next(r for r in rows if r[0] == "Kommunenummer")
        alfavik = dict(zip(header, next(r for r in rows if r[0] == "9101"), strict=True))
        assert alfavik["Tildelt"] == "8" and alfavik["Bestått"] == "færre enn 5"

    def test_the_api_gives_them_with_the_same_suppression(self):
        token = ApiToken.issue(self.kari)[1]
        response = self.client.get(
            "/api/rapporter/uptake", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 200
        body = response.json()
        alfavik = next(m for m in body["municipalities"] if m["number"] == "9101")
        assert alfavik["assigned"] == {"value": 8, "hidden": False}
        assert alfavik["passed"] == {"value": None, "hidden": True}
        assert {"assigned", "passed"} <= set(body["trend"][0])
        schema = self.client.get("/api/rapporter/openapi.json").json()
        assert "passed" in schema["components"]["schemas"]["Municipality"]["properties"]

    def test_a_municipality_never_sees_the_national_figures(self):
        self.client.force_login(self.charlie)
        assert self.client.get(reverse("reports:national")).status_code == 403
        assert self.client.get(reverse("reports:national_export", args=["csv"])).status_code == 403
