"""The rollups equal a recomputation from the learner records, stay right when
a learner changes employer, and follow tracking's progress_changed signal."""

import datetime
from collections import Counter

import pytest

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from learning.reports.models import CourseDayRollup, UnitRollup
from learning.reports.rollups import refresh_rollups
from learning.tracking.models import Enrollment
from learning.tracking.services import enroll
from tenants.models import Employment

from ..factories.tenants import EmploymentFactory
from .world import build_world


def recomputed(org):
    """(course, day) → Counter, straight from the enrollments' timestamps."""
    figures = {}
    for e in Enrollment.objects.for_organisation(org):
        for measure, at in (
            ("enrolled", e.enrolled_at),
            ("started", e.started_at),
            ("completed", e.completed_at),
            ("passed", e.passed_at),
        ):
            if at:
                day = timezone.localdate(at)
                figures.setdefault((e.course_id, day), Counter())[measure] += 1
    return figures


def rolled_up(org):
    return {
        (r.course_id, r.day): Counter(
            {
                m: getattr(r, m)
                for m in ("enrolled", "started", "completed", "passed")
                if getattr(r, m)
            }
        )
        for r in CourseDayRollup.objects.for_organisation(org)
    }


class RollupTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)

    def complete(self, enrollment, when):
        Enrollment.objects.for_organisation(enrollment.organisation_id).filter(
            pk=enrollment.pk
        ).update(
            status=Enrollment.Status.COMPLETED, started_at=when, completed_at=when, passed_at=when
        )

    def test_it_equals_a_recomputation(self):
        self.complete(self.lars_enrollment, timezone.now() - datetime.timedelta(days=3))
        refresh_rollups(self.alpha.pk)
        assert rolled_up(self.alpha) == recomputed(self.alpha)
        status = {
            (r.unit_id, r.completed, r.not_started)
            for r in UnitRollup.objects.for_organisation(self.alpha)
        }
        assert status == {(self.nursing.pk, 1, 0), (self.school.pk, 0, 1)}

    def test_running_it_twice_changes_nothing(self):
        refresh_rollups(self.alpha.pk)
        first = rolled_up(self.alpha)
        refresh_rollups(self.alpha.pk)
        assert rolled_up(self.alpha) == first

    def test_it_stays_right_when_a_learner_changes_employer(self):
        self.complete(self.lars_enrollment, timezone.now())
        Employment.objects.for_organisation(self.alpha).filter(user=self.lars).update(
            status=Employment.Status.REJECTED
        )
        EmploymentFactory(user=self.lars, organisation=self.beta)
        new = enroll(self.lars, self.course, self.beta)
        assert new.organisation_id == self.beta.pk
        refresh_rollups(self.alpha.pk)
        refresh_rollups(self.beta.pk)
        assert rolled_up(self.alpha) == recomputed(self.alpha)
        assert rolled_up(self.beta) == recomputed(self.beta)
        alpha = CourseDayRollup.objects.for_organisation(self.alpha).get()
        beta = CourseDayRollup.objects.for_organisation(self.beta).get()
        assert (alpha.enrolled, alpha.completed) == (2, 1)  # Lars's completion stays here
        assert (beta.enrolled, beta.completed) == (1, 0)

    @pytest.mark.eager
    def test_progress_changed_updates_the_rollup(self):
        newcomer = EmploymentFactory(organisation=self.alpha, unit=self.school).user
        with self.captureOnCommitCallbacks(execute=True):
            enroll(newcomer, self.course, self.alpha)
        row = CourseDayRollup.objects.for_organisation(self.alpha).get()
        assert row.enrolled == 3

    def test_every_report_says_when_figures_were_refreshed(self):
        self.client.force_login(self.alice)
        response = self.client.get(reverse("reports:municipal", args=[self.alpha.pk]))
        assert "Tallene ble sist oppdatert" in response.content.decode()
        self.client.force_login(self.kari)
        response = self.client.get(reverse("reports:national"))
        assert "Tallene ble sist oppdatert" in response.content.decode()

    def test_the_export_holds_what_the_screen_shows(self):
        self.client.force_login(self.kari)
        screen = self.client.get(reverse("reports:national") + "?content=local")
        table_rows = screen.context["table"][1]
        export = self.client.get(
            reverse("reports:national_export", args=["csv"]) + "?content=local"
        )
        lines = export.content.decode("utf-8-sig").splitlines()
        assert "Innhold;Lokalt" in lines
        body = [line.split(";") for line in lines[lines.index("") + 2 :]]
        assert body == table_rows
        alfavik = next(r for r in body if r[1] == "Alfavik")
        assert alfavik[5] == "færre enn 5"
