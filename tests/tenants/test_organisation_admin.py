"""KS superusers manage organisations in Wagtail and provision them from there."""

from wagtail.models import Site

from tenants.models import Organisation

from ..factories.tenants import OrganisationFactory
from .helpers import TwoMunicipalitiesTestCase

LIST_URL = "/admin/snippets/tenants/organisation/"


class OrganisationAdminTests(TwoMunicipalitiesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.gamma = OrganisationFactory(name="Gammelstad", slug="gammelstad", number="9103")

    def test_it_lists_organisations_for_the_ks_superuser(self):
        self.client.force_login(self.kari)
        r = self.client.get(LIST_URL, {"kind": "municipality"})
        self.assertContains(r, "Alfavik")
        self.assertContains(r, "Gammelstad")
        self.assertContains(r, "Klargjør nettsted")
        self.assertContains(r, "Har nettsted")
        self.assertNotContains(r, "Is provisioned")

    def test_it_edits_headcount_and_email_domains_inline(self):
        self.client.force_login(self.kari)
        r = self.client.get(f"{LIST_URL}edit/{self.gamma.pk}/")
        self.assertContains(r, "E-postdomener")
        self.assertContains(r, "Klargjør nettsted")

    def test_it_provisions_from_the_admin(self):
        self.client.force_login(self.kari)
        url = f"/admin/organisasjoner/{self.gamma.pk}/klargjor/"
        self.assertContains(self.client.get(url), "Gammelstad får et eget nettsted")
        r = self.client.post(url, follow=True)
        self.assertContains(r, "gammelstad.kurs.localhost")
        self.gamma.refresh_from_db()
        self.assertEqual(self.gamma.site.hostname, "gammelstad.kurs.localhost")

    def test_it_keeps_organisation_admins_out(self):
        self.client.force_login(self.alice)
        r = self.client.get(LIST_URL)
        self.assertNotEqual(r.status_code, 200)
        r = self.client.get(f"{LIST_URL}edit/{self.alpha.pk}/")
        self.assertNotEqual(r.status_code, 200)
        r = self.client.post(f"/admin/organisasjoner/{self.gamma.pk}/klargjor/")
        self.assertRedirects(r, "/admin/", fetch_redirect_response=False)
        self.assertFalse(Site.objects.filter(hostname="gammelstad.kurs.localhost").exists())
        self.assertIsNone(Organisation.objects.get(pk=self.gamma.pk).site_id)
