"""The "Ansatte" admin view: an organisation's admins approve its people."""

from tenants.models import Employment, Organisation
from tenants.services import provision_organisation

from ..factories.accounts import UserFactory
from ..factories.tenants import EmploymentFactory, OrganisationFactory
from .helpers import TwoMunicipalitiesTestCase


class EmploymentAdminTests(TwoMunicipalitiesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ola = EmploymentFactory(
            organisation=cls.alpha,
            user=UserFactory(first_name="Ola", last_name="Nordmann"),
            status=Employment.Status.PENDING,
        )
        cls.aktiv = EmploymentFactory(
            organisation=cls.alpha, user=UserFactory(first_name="Aktiv", last_name="Ansatt")
        )
        cls.berit = EmploymentFactory(
            organisation=cls.beta,
            user=UserFactory(first_name="Berit", last_name="Betafjord"),
            status=Employment.Status.PENDING,
        )

    def setUp(self):
        self.client.force_login(self.alice)

    def test_it_lists_the_admins_own_people_pending_first(self):
        r = self.client.get("/admin/ansatte/")
        self.assertContains(r, "Ola Nordmann")
        self.assertNotContains(r, "Berit Betafjord")
        content = r.content.decode()
        self.assertLess(content.index("Ola Nordmann"), content.index("Aktiv Ansatt"))

    def test_it_shows_the_menu_item_to_organisation_admins_only(self):
        self.assertContains(self.client.get("/admin/"), "/admin/ansatte/")
        self.client.force_login(self.bob)
        self.assertNotContains(self.client.get("/admin/"), "/admin/ansatte/")

    def test_it_approves_a_pending_employment(self):
        r = self.client.post(f"/admin/ansatte/{self.ola.pk}/godkjenn/", follow=True)
        self.assertContains(r, "er godkjent")
        self.ola.refresh_from_db()
        self.assertEqual(self.ola.status, Employment.Status.ACTIVE)
        self.assertEqual(self.ola.approved_by, self.alice)

    def test_it_rejects_an_employment(self):
        self.client.post(f"/admin/ansatte/{self.ola.pk}/avvis/")
        self.ola.refresh_from_db()
        self.assertEqual(self.ola.status, Employment.Status.REJECTED)

    def test_it_does_not_approve_on_get(self):
        r = self.client.get(f"/admin/ansatte/{self.ola.pk}/godkjenn/")
        self.assertEqual(r.status_code, 405)
        self.ola.refresh_from_db()
        self.assertEqual(self.ola.status, Employment.Status.PENDING)

    def test_it_hides_another_organisations_employment(self):
        r = self.client.post(f"/admin/ansatte/{self.berit.pk}/godkjenn/")
        self.assertEqual(r.status_code, 404)
        self.berit.refresh_from_db()
        self.assertEqual(self.berit.status, Employment.Status.PENDING)

    def test_it_refuses_to_list_another_organisations_people(self):
        r = self.client.get("/admin/ansatte/", {"organisasjon": self.beta.pk})
        self.assertRedirects(r, "/admin/", fetch_redirect_response=False)  # "no access"

    def test_it_keeps_editors_out(self):
        self.client.force_login(self.bob)
        r = self.client.get("/admin/ansatte/")
        self.assertRedirects(r, "/admin/", fetch_redirect_response=False)
        r = self.client.post(f"/admin/ansatte/{self.ola.pk}/godkjenn/")
        self.assertEqual(r.status_code, 404)

    def test_it_lets_the_ks_superuser_handle_any_organisation(self):
        self.client.force_login(self.kari)
        r = self.client.get("/admin/ansatte/", {"organisasjon": self.beta.pk})
        self.assertContains(r, "Berit Betafjord")
        self.client.post(f"/admin/ansatte/{self.berit.pk}/godkjenn/")
        self.berit.refresh_from_db()
        self.assertEqual(self.berit.status, Employment.Status.ACTIVE)

    def test_it_ends_an_employment_and_the_person_is_no_longer_an_employee(self):
        r = self.client.post(f"/admin/ansatte/{self.aktiv.pk}/avslutt/", follow=True)
        self.assertContains(r, "er ikke lenger ansatt")
        self.aktiv.refresh_from_db()
        self.assertEqual(self.aktiv.status, Employment.Status.ENDED)
        self.assertIsNotNone(self.aktiv.end_date)
        self.client.force_login(self.aktiv.user)
        status = self.client.get("/konto/tilgang/")
        self.assertNotContains(status, "Alfavik")

    def test_it_refuses_to_end_another_organisations_employment(self):
        r = self.client.post(f"/admin/ansatte/{self.berit.pk}/avslutt/")
        self.assertEqual(r.status_code, 404)
        self.berit.refresh_from_db()
        self.assertEqual(self.berit.status, Employment.Status.PENDING)

    def test_it_names_the_page_and_the_organisations_without_numbers(self):
        agder = OrganisationFactory(kind=Organisation.Kind.COUNTY, number="42", name="Agder")
        self.alpha.county = agder
        self.alpha.save()
        self.alice.groups.add(provision_organisation(agder).admins_group)
        r = self.client.get("/admin/ansatte/")
        html = " ".join(r.content.decode().split())
        self.assertIn('<h1 class="w-sr-only"> Ansatte: Agder fylkeskommune </h1>', html)
        # The header's current crumb names the page (it said "Hjem").
        self.assertRegex(html, r"w-font-bold[^>]*> (<[^>]*> )*<svg[^>]*icon-group.*?</svg> Ansatte")
        self.assertIn(">Agder fylkeskommune</option>", html)
        self.assertIn(f">{self.alpha.name} (Agder)</option>", html)
        self.assertNotIn("(42)", html)
