"""The "Innlogging" admin view: an organisation's admins connect its identity
provider; Charlie (Betafjord) can neither read nor change Alfavik's."""

from tenants.models import IdentityProvider

from ..factories.tenants import IdentityProviderFactory
from .helpers import TwoMunicipalitiesTestCase


def form(**overrides):
    return {
        "name": "Alfavik kommune",
        "slug": "alfavik",
        "issuer": "https://login.microsoftonline.com/alfavik/v2.0",
        "client_id": "alfavik-klient",
        "client_secret": "ny-hemmelighet",
        "email_claim": "email",
        "employees_at_once": "on",
        "enabled": "on",
        **overrides,
    }


class IdentityProviderAdminTests(TwoMunicipalitiesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.alpha_idp = IdentityProviderFactory(
            organisation=cls.alpha,
            name="Alfavik Entra",
            slug="alfavik-entra",
            client_secret="alfavik-hemmelighet",
        )
        cls.beta_idp = IdentityProviderFactory(
            organisation=cls.beta,
            name="Betafjord Entra",
            slug="betafjord-entra",
            client_id="betafjord-klient",
            issuer="https://betafjord.example/",
            client_secret="betafjord-hemmelighet",
        )

    def setUp(self):
        self.client.force_login(self.alice)

    def provider(self, row):
        return IdentityProvider.objects.for_organisation(row.organisation_id).get(pk=row.pk)

    def test_it_lists_the_admins_own_providers_only(self):
        r = self.client.get("/admin/innlogging/")
        self.assertContains(r, "Alfavik Entra")
        self.assertNotContains(r, "Betafjord")

    def test_it_shows_the_menu_item_to_organisation_admins_only(self):
        self.assertContains(self.client.get("/admin/"), "/admin/innlogging/")
        self.client.force_login(self.bob)
        self.assertNotContains(self.client.get("/admin/"), "/admin/innlogging/")
        r = self.client.get("/admin/innlogging/")
        self.assertRedirects(r, "/admin/", fetch_redirect_response=False)  # "no access"

    def test_it_never_shows_the_secret(self):
        r = self.client.get(f"/admin/innlogging/{self.alpha_idp.pk}/")
        self.assertEqual(r.status_code, 200)
        self.assertNotContains(r, "alfavik-hemmelighet")
        self.assertNotContains(r, self.provider(self.alpha_idp).client_secret_encrypted)
        self.assertContains(r, "Lagret. Skriv en ny bare hvis du vil bytte den.")
        self.assertContains(r, "/konto/oidc/alfavik-entra/login/callback/")

    def test_it_keeps_the_secret_when_left_empty_and_replaces_it_when_given(self):
        url = f"/admin/innlogging/{self.alpha_idp.pk}/"
        r = self.client.post(
            url,
            form(
                slug="alfavik-entra",
                client_secret="",
                email_claim="upn",
                organisation=self.alpha.pk,
            ),
        )
        self.assertEqual(r.status_code, 302)
        row = self.provider(self.alpha_idp)
        self.assertEqual((row.email_claim, row.get_client_secret()), ("upn", "alfavik-hemmelighet"))
        self.client.post(
            url, form(slug="alfavik-entra", client_secret="byttet", organisation=self.alpha.pk)
        )
        row = self.provider(self.alpha_idp)
        self.assertEqual(row.get_client_secret(), "byttet")
        self.assertNotIn("byttet", row.client_secret_encrypted)

    def test_it_adds_a_provider_for_the_admins_organisation(self):
        r = self.client.post("/admin/innlogging/ny/", form(organisation=self.alpha.pk))
        self.assertEqual(r.status_code, 302)
        row = IdentityProvider.objects.for_organisation(self.alpha).get(slug="alfavik")
        self.assertEqual(row.get_client_secret(), "ny-hemmelighet")
        self.assertFalse(row.national)

    def test_it_asks_for_the_secret_of_a_new_provider(self):
        r = self.client.post(
            "/admin/innlogging/ny/", form(organisation=self.alpha.pk, client_secret="")
        )
        self.assertContains(r, "Skriv inn klienthemmeligheten", status_code=400)

    def test_an_admin_cannot_make_a_provider_national(self):
        self.client.post("/admin/innlogging/ny/", form(organisation=self.alpha.pk, national="on"))
        row = IdentityProvider.objects.for_organisation(self.alpha).get(slug="alfavik")
        self.assertFalse(row.national)
        self.assertNotContains(self.client.get("/admin/innlogging/ny/"), 'name="national"')

    def test_charlie_cannot_read_or_change_alfaviks_provider(self):
        self.client.force_login(self.charlie)
        url = f"/admin/innlogging/{self.alpha_idp.pk}/"
        self.assertEqual(self.client.get(url).status_code, 404)
        r = self.client.post(
            url, form(organisation=self.beta.pk, issuer="https://angriper.example/")
        )
        self.assertEqual(r.status_code, 404)
        row = self.provider(self.alpha_idp)
        self.assertEqual(row.issuer, "http://127.0.0.1:9000")
        self.assertEqual(row.organisation, self.alpha)
        self.assertNotContains(self.client.get("/admin/innlogging/"), "Alfavik")

    def test_charlie_cannot_add_a_provider_to_alfavik(self):
        self.client.force_login(self.charlie)
        r = self.client.post("/admin/innlogging/ny/", form(organisation=self.alpha.pk))
        self.assertEqual(r.status_code, 400)
        self.assertFalse(
            IdentityProvider.objects.for_organisation(self.alpha).filter(slug="alfavik")
        )
        self.assertContains(r, "Velg et gyldig valg", status_code=400)
        self.assertNotContains(r, f'<option value="{self.alpha.pk}"', status_code=400)

    def test_ks_sees_every_provider_and_may_make_one_national(self):
        self.client.force_login(self.kari)
        r = self.client.get("/admin/innlogging/")
        self.assertContains(r, "Alfavik Entra")
        self.assertContains(r, "Betafjord Entra")
        url = f"/admin/innlogging/{self.beta_idp.pk}/"
        self.client.post(
            url,
            form(
                slug="betafjord-entra",
                client_secret="",
                national="on",
                organisation=self.beta.pk,
                client_id="betafjord-klient",
            ),
        )
        self.assertTrue(self.provider(self.beta_idp).national)
