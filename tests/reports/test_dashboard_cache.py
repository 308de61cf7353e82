"""Dashboards are kept until their rollups are refreshed (learning/reports/caching.py).
A kept page must never reach a viewer with another scope — a unit leader of
another unit, the organisation's admin, another municipality's admin, an
analyst — and never outlive a refresh or a deleted account."""

import re

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage
from learning.privacy.services import erase_account
from learning.reports.models import UnitLeader
from learning.reports.rollups import refresh_rollups
from learning.tracking.models import Enrollment
from learning.tracking.services import enroll

from ..factories.accounts import UserFactory
from ..factories.courses import CoursePageFactory
from ..factories.tenants import EmploymentFactory
from .world import build_world


def complete(enrollment):
    now = timezone.now()
    Enrollment.objects.for_organisation(enrollment.organisation_id).filter(pk=enrollment.pk).update(
        status=Enrollment.Status.COMPLETED, started_at=now, completed_at=now
    )


def finishers(org, course, emails):
    """People of `org` who completed `course`."""
    for email in emails:
        user = UserFactory(email=email)
        EmploymentFactory(user=user, organisation=org)
        complete(enroll(user, course, org))


def municipality_row(html, number):
    """The cells of one municipality's row in the national table."""
    row = re.search(rf"<tr><td>{number}</td>(.*?)</tr>", html, re.S).group(1)
    return re.findall(r"<td>(.*?)</td>", row)


class MunicipalCacheTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)
        # Uwe leads Skole (Siri's unit), Ulla leads Helse (Lars's, via Sykehjem).
        cls.uwe = UserFactory(email="uwe@alfavik.kommune.no")
        EmploymentFactory(user=cls.uwe, organisation=cls.alpha, unit=cls.school)
        UnitLeader.objects.create(organisation=cls.alpha, user=cls.uwe, unit=cls.school)

    def page(self, user, org=None, query=""):
        self.client.force_login(user)
        url = reverse("reports:municipal", args=[(org or self.alpha).pk]) + query
        return self.client.get(url)

    def text(self, user, **kwargs):
        response = self.page(user, **kwargs)
        assert response.status_code == 200
        return response.content.decode()

    def test_a_unit_leader_never_gets_the_admins_kept_page(self):
        assert "Siri Test" in self.text(self.alice)
        content = self.text(self.ulla)
        assert "Siri Test" not in content
        assert "Skole" not in content
        assert "Sykehjem" in content

    def test_the_admin_never_gets_a_unit_leaders_kept_page(self):
        assert "Skole" not in self.text(self.ulla)
        content = self.text(self.alice)
        assert "Siri Test" in content
        assert "Skole" in content

    def test_a_leader_of_another_unit_gets_only_her_own(self):
        assert "Sykehjem" in self.text(self.ulla)
        content = self.text(self.uwe)
        assert "Siri Test" in content
        assert "Sykehjem" not in content
        assert "Siri Test" not in self.text(self.ulla)

    def test_nobody_outside_the_scope_gets_a_kept_page(self):
        assert "Siri Test" in self.text(self.alice)
        assert "Siri Test" in self.text(self.alice, query="?course=" + str(self.course.pk))
        for user in (self.charlie, self.kari, self.bob, self.lars):
            assert self.page(user).status_code == 404
            assert self.page(user, query=f"?course={self.course.pk}").status_code == 404
        # Charlie's own page is his organisation's, not the one kept for Alfavik.
        content = self.text(self.charlie, org=self.beta)
        assert "Siri Test" not in content
        assert "Alfavik" not in content

    def test_a_leader_who_loses_her_unit_loses_the_page(self):
        assert "Sykehjem" in self.text(self.ulla)
        UnitLeader.objects.for_organisation(self.alpha).filter(user=self.ulla).delete()
        assert self.page(self.ulla).status_code == 404

    def test_a_completion_shows_once_the_rollups_are_refreshed(self):
        content = self.text(self.alice)
        assert "Siri Test" in content
        complete(self.siri_enrollment)
        refresh_rollups(self.alpha.pk)
        content = self.text(self.alice)
        assert "Siri Test" not in content
        assert "Alle har fullført kursene de er tildelt." in content

    def test_a_deleted_account_leaves_the_kept_gap_list(self):
        assert "Siri Test" in self.text(self.alice)
        assert "Siri Test" in self.text(self.uwe)
        erase_account(self.siri.pk)
        assert "Siri Test" not in self.text(self.alice)
        assert "Siri Test" not in self.text(self.uwe)


class NationalCacheTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)
        # Six finishers in each municipality: no figure is small enough to hide.
        finishers(cls.alpha, cls.course, [f"f{i}@alfavik.kommune.no" for i in range(6)])
        beta_course = CoursePageFactory(
            parent=cls.beta.root_page, title="Betafjords kurs", sharing=CoursePage.Sharing.OWN
        )
        finishers(cls.beta, beta_course, [f"f{i}@betafjord.kommune.no" for i in range(6)])
        refresh_rollups(cls.alpha.pk)
        refresh_rollups(cls.beta.pk)

    def text(self, user, url):
        self.client.force_login(user)
        response = self.client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    def completed(self, html):
        # Kommune, fylke, størrelse, ansatte, tildelt, påmeldte, startet, fullført.
        return municipality_row(html, "9101")[7]

    def test_a_completion_shows_once_the_rollups_are_refreshed(self):
        url = reverse("reports:national")
        assert self.completed(self.text(self.kari, url)) == "6"
        assert self.completed(self.text(self.kari, url)) == "6"  # kept
        complete(self.siri_enrollment)
        assert self.completed(self.text(self.kari, url)) == "6"  # not refreshed yet
        refresh_rollups(self.alpha.pk)
        assert self.completed(self.text(self.kari, url)) == "7"

    def test_a_busy_country_rebuilds_the_national_page_at_most_once_a_minute(self):
        url = reverse("reports:national")
        with self.settings(REPORTS_NATIONAL_MAX_AGE_SECONDS=60):
            assert self.completed(self.text(self.kari, url)) == "6"
            complete(self.siri_enrollment)
            refresh_rollups(self.alpha.pk)
            # Refreshed seconds ago: the kept page, with its own refresh time.
            assert self.completed(self.text(self.kari, url)) == "6"
        with self.settings(REPORTS_NATIONAL_MAX_AGE_SECONDS=0):  # a minute later
            assert self.completed(self.text(self.kari, url)) == "7"

    def test_the_map_follows_a_refresh_too(self):
        url = reverse("reports:national_map")
        assert self.completed(self.text(self.kari, url)) == "6"  # the table beside the map
        complete(self.siri_enrollment)
        complete(self.lars_enrollment)
        refresh_rollups(self.alpha.pk)
        assert self.completed(self.text(self.kari, url)) == "8"

    def test_only_analysts_get_the_kept_pages(self):
        for name in ("reports:national", "reports:national_map"):
            url = reverse(name)
            assert "Alfavik" in self.text(self.kari, url)
            for user in (self.alice, self.ulla, self.charlie, self.lars):
                self.client.force_login(user)
                assert self.client.get(url).status_code == 403

    def test_the_viewer_gets_her_own_form_around_a_kept_report(self):
        url = reverse("reports:national")
        self.text(self.sigrid, url)
        self.client.force_login(self.kari)
        self.client.post(reverse("reports:weekly_email"), {"weekly_email": "on"})
        assert 'name="weekly_email" checked' in self.text(self.kari, url)
        assert 'name="weekly_email" checked' not in self.text(self.sigrid, url)

    def test_each_language_gets_its_own_kept_report(self):
        url = reverse("reports:national")
        assert "Opptak per kommune" in self.text(self.kari, url)
        self.sigrid.language = "en"
        self.sigrid.save(update_fields=["language"])
        content = self.text(self.sigrid, url)
        assert "Opptak per kommune" not in content
        assert "Uptake per municipality" in content
        assert "Opptak per kommune" in self.text(self.kari, url)
