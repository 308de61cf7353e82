"""Two municipalities with people in every role, for the reports tests.

Alfavik (A) has units Helse > Sykehjem and Skole. Lars (learner, Sykehjem)
and Siri (learner, Skole) take Alfavik's course; Alice administers Alfavik,
Bob edits it, Ulla leads Helse (and so Sykehjem). Charlie administers
Betafjord ("should have no access"), Kari is a KS analyst, Sigrid a superuser.
"""

from django.contrib.auth.models import Group

from courses.models import CoursePage
from learning.reports.models import UnitLeader
from learning.reports.rollups import refresh_rollups
from learning.tracking.models import Enrollment
from learning.tracking.services import enroll

from ..factories.accounts import UserFactory
from ..factories.courses import CoursePageFactory, provisioned_organisation
from ..factories.tenants import EmploymentFactory, JobRoleFactory, UnitFactory


def build_world(ns):
    ns.alpha = provisioned_organisation(slug="alfavik", name="Alfavik", number="9101")
    ns.beta = provisioned_organisation(slug="betafjord", name="Betafjord", number="9102")
    ns.health = UnitFactory(organisation=ns.alpha, name="Helse")
    ns.nursing = UnitFactory(organisation=ns.alpha, name="Sykehjem", parent=ns.health)
    ns.school = UnitFactory(organisation=ns.alpha, name="Skole")
    ns.nurse = JobRoleFactory(organisation=ns.alpha, name="Sykepleier")
    ns.course = CoursePageFactory(
        parent=ns.alpha.root_page, title="Arkiv i praksis", sharing=CoursePage.Sharing.OWN
    )

    def person(email, org, **kwargs):
        user = UserFactory(email=email, first_name=email.split("@")[0].title(), last_name="Test")
        EmploymentFactory(user=user, organisation=org, **kwargs)
        return user

    ns.lars = person("lars@alfavik.kommune.no", ns.alpha, unit=ns.nursing, job_role=ns.nurse)
    ns.siri = person("siri@alfavik.kommune.no", ns.alpha, unit=ns.school)
    ns.alice = person("alice@alfavik.kommune.no", ns.alpha)
    ns.alice.groups.add(ns.alpha.admins_group)
    ns.bob = person("bob@alfavik.kommune.no", ns.alpha)
    ns.bob.groups.add(ns.alpha.editors_group)
    ns.ulla = person("ulla@alfavik.kommune.no", ns.alpha, unit=ns.health)
    UnitLeader.objects.create(organisation=ns.alpha, user=ns.ulla, unit=ns.health)
    ns.charlie = person("charlie@betafjord.kommune.no", ns.beta)
    ns.charlie.groups.add(ns.beta.admins_group)
    ns.kari = UserFactory(email="kari@ks.no", first_name="Kari")
    ns.kari.groups.add(Group.objects.get(name="KS-analytikere"))
    ns.sigrid = UserFactory(email="sigrid@ks.no", is_superuser=True, is_staff=True)

    ns.lars_enrollment = enroll(ns.lars, ns.course, ns.alpha)
    ns.siri_enrollment = enroll(ns.siri, ns.course, ns.alpha)
    Enrollment.objects.for_organisation(ns.alpha).filter(pk=ns.siri_enrollment.pk).update(
        source=Enrollment.Source.ASSIGNED
    )
    refresh_rollups(ns.alpha.pk)
