"""The admin API (used by the rich text editor) lists only what the user may choose."""

import pytest

from .helpers import TwoMunicipalitiesTestCase


@pytest.mark.filterwarnings(
    "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
)
class AdminApiTests(TwoMunicipalitiesTestCase):
    def setUp(self):
        self.client.force_login(self.bob)

    def test_it_lists_only_the_own_organisations_images(self):
        for query in ({}, {"offset": 0}, {"search": "logo"}):
            r = self.client.get("/admin/api/main/images/", query)
            self.assertEqual(r.status_code, 200)
            titles = [item["title"] for item in r.json()["items"]]
            self.assertIn("Alfavik-logo", titles)
            self.assertNotIn("Betafjord-logo", titles)

    def test_it_lists_none_of_another_organisations_documents(self):
        for query in ({}, {"offset": 0}, {"search": "personalhandbok"}):
            r = self.client.get("/admin/api/main/documents/", query)
            self.assertEqual(r.status_code, 200)
            self.assertEqual(r.json()["items"], [])
            self.assertNotContains(r, "handbok")

    def test_it_refuses_another_organisations_files_by_id(self):
        r = self.client.get(f"/admin/api/main/documents/{self.beta_document.pk}/")
        self.assertEqual(r.status_code, 404)
        r = self.client.get(f"/admin/api/main/images/{self.beta_image.pk}/")
        self.assertEqual(r.status_code, 404)

    def test_it_lists_the_document_to_its_own_organisation(self):
        self.client.force_login(self.charlie)
        r = self.client.get("/admin/api/main/documents/")
        self.assertEqual(
            [item["title"] for item in r.json()["items"]], ["Betafjord personalhandbok"]
        )

    def test_it_lets_the_ks_superuser_list_every_image(self):
        self.client.force_login(self.kari)
        titles = [i["title"] for i in self.client.get("/admin/api/main/images/").json()["items"]]
        self.assertEqual(sorted(titles), ["Alfavik-logo", "Betafjord-logo"])
