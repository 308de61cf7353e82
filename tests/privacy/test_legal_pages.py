"""The privacy notice and the accessibility statement: on every learner
page's footer, with Norwegian default text, edited by KS in the admin and by
nobody else."""

from django.test import TestCase
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text

from learning.privacy.legal import ensure_legal_texts
from learning.privacy.models import LegalText
from tenants.models import Organisation

from ..factories.accounts import UserFactory
from ..factories.courses import provisioned_organisation


class LegalPagesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ks = provisioned_organisation(
            kind=Organisation.Kind.NATIONAL, number="", slug="ks", name="KS"
        )
        cls.kongsberg = provisioned_organisation(slug="kongsberg", name="Kongsberg")
        ensure_legal_texts()
        cls.ks_editor = UserFactory(email="redaktor@ks.no")
        cls.ks_editor.groups.add(cls.ks.editors_group)
        cls.charlie = UserFactory(email="redaktor@kongsberg.kommune.no")
        cls.charlie.groups.add(cls.kongsberg.editors_group)

    def test_both_pages_have_sensible_norwegian_text(self):
        privacy = self.client.get("/personvern/")
        statement = self.client.get("/tilgjengelighet/")

        assert privacy.status_code == 200
        assert "<h1>Personvernerklæring</h1>" in privacy.content.decode()
        assert "Datatilsynet" in privacy.content.decode()
        assert statement.status_code == 200
        assert "<h1>Tilgjengelighetserklæring</h1>" in statement.content.decode()
        assert "WCAG 2.1" in statement.content.decode()
        assert 'lang="nb"' in statement.content.decode()

    def test_every_learner_page_links_to_both_in_the_footer(self):
        for url in ("/konto/logg-inn/", "/personvern/", "/laering/kursbevis/"):
            html = self.client.get(url).content.decode()
            footer = html.split('<footer class="site-footer">')[1]
            assert 'href="/personvern/"' in footer, url
            assert 'href="/tilgjengelighet/"' in footer, url

    def test_they_exist_even_in_an_empty_database(self):
        LegalText.objects.all().delete()
        assert self.client.get("/tilgjengelighet/").status_code == 200
        assert LegalText.objects.filter(kind=LegalText.Kind.ACCESSIBILITY).exists()

    def edit(self, user, title):
        text = LegalText.objects.get(kind=LegalText.Kind.PRIVACY)
        url = reverse("wagtailsnippets_privacy_legaltext:edit", args=[text.pk])
        self.client.force_login(user)
        return self.client.post(
            url, nested_form_data({"title": title, "body": rich_text("<p>Ny tekst fra KS.</p>")})
        )

    def test_ks_edits_the_privacy_notice_in_the_admin(self):
        response = self.edit(self.ks_editor, "Personvern på Kompetanseplattformen")

        assert response.status_code == 302
        page = self.client.get("/personvern/").content.decode()
        assert "<h1>Personvern på Kompetanseplattformen</h1>" in page
        assert "Ny tekst fra KS." in page

    def test_a_municipal_editor_cannot_change_it(self):
        response = self.edit(self.charlie, "Kapret")

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert LegalText.objects.get(kind=LegalText.Kind.PRIVACY).title == "Personvernerklæring"
