"""An editor or admin of Alfavik cannot see, edit, publish, copy into or choose
Betafjord's pages, images, documents or media, through the real admin."""

import pytest

from wagtail.models import Page

from .helpers import TwoMunicipalitiesTestCase


class IsolationTestCase(TwoMunicipalitiesTestCase):
    def setUp(self):
        self.client.force_login(self.bob)

    def assertDenied(self, response):
        # Wagtail answers a forbidden admin page with a redirect to the dashboard
        # ("Beklager, du har ikke tilgang"), a modal with 403, or 404.
        self.assertIn(response.status_code, (302, 403, 404), response.content[:300])
        if response.status_code == 302:
            self.assertEqual(response.url, "/admin/")


class ExplorerTests(IsolationTestCase):
    def test_it_shows_an_editor_only_their_own_organisations_pages(self):
        r = self.client.get("/admin/pages/", follow=True)
        self.assertContains(r, "Alfavik-kurs i arkiv")
        self.assertNotContains(r, "Betafjord-kurs")
        self.assertNotContains(r, f"/admin/pages/{self.beta.root_page_id}/")

    def test_it_sends_an_editor_browsing_another_tree_back_to_their_own(self):
        r = self.client.get(f"/admin/pages/{self.beta.root_page_id}/", follow=True)
        self.assertNotContains(r, "Betafjord-kurs")
        self.assertContains(r, "Alfavik-kurs i arkiv")

    def test_it_does_not_find_another_organisations_pages_in_search(self):
        r = self.client.get("/admin/pages/search/", {"q": "sakbehandling"})
        self.assertNotContains(r, "Betafjord-kurs")

    def test_it_lets_the_ks_superuser_see_every_organisation(self):
        self.client.force_login(self.kari)
        r = self.client.get(f"/admin/pages/{self.beta.root_page_id}/")
        self.assertContains(r, "Betafjord-kurs i sakbehandling")


class EditAndPublishTests(IsolationTestCase):
    def test_it_lets_an_editor_open_their_own_page(self):
        r = self.client.get(f"/admin/pages/{self.alpha_course.pk}/edit/")
        self.assertContains(r, "Alfavik-kurs i arkiv")

    def test_it_refuses_to_open_another_organisations_page(self):
        self.assertDenied(self.client.get(f"/admin/pages/{self.beta_course.pk}/edit/"))

    def test_it_refuses_to_publish_another_organisations_page(self):
        self.client.force_login(self.alice)  # an admin, who may publish in Alfavik
        r = self.client.post(
            f"/admin/pages/{self.beta_course.pk}/edit/",
            {"title": "Kapret", "slug": "sak", "action-publish": "publish"},
        )
        self.assertDenied(r)
        page = Page.objects.get(pk=self.beta_course.pk)
        self.assertFalse(page.live)
        self.assertEqual(page.title, "Betafjord-kurs i sakbehandling")

    def test_it_refuses_to_copy_a_page_into_another_organisation(self):
        self.client.force_login(self.alice)
        r = self.client.post(
            f"/admin/pages/{self.alpha_course.pk}/copy/",
            {
                "new_title": "Kopi",
                "new_slug": "kopi",
                "new_parent_page": self.beta.root_page_id,
                "copy_subpages": False,
                "publish_copies": False,
                "alias": False,
            },
        )
        self.assertEqual(r.status_code, 200)  # the form again, with an error
        self.assertFalse(Page.objects.filter(slug="kopi").exists())

    def test_it_copies_within_the_own_organisation(self):
        self.client.force_login(self.alice)
        self.client.post(
            f"/admin/pages/{self.alpha_course.pk}/copy/",
            {"new_title": "Kopi", "new_slug": "kopi", "new_parent_page": self.alpha.root_page_id},
        )
        self.assertEqual(Page.objects.get(slug="kopi").get_parent().pk, self.alpha.root_page_id)


class PageChooserTests(IsolationTestCase):
    def test_it_offers_only_the_editors_organisation_at_the_top(self):
        r = self.client.get("/admin/choose-page/")
        self.assertContains(r, "Alfavik")
        self.assertNotContains(r, "Betafjord")

    def test_it_refuses_to_browse_into_another_organisation(self):
        r = self.client.get(f"/admin/choose-page/{self.beta.root_page_id}/")
        self.assertEqual(r.status_code, 404)

    def test_it_does_not_find_another_organisations_pages(self):
        r = self.client.get("/admin/choose-page/search/", {"q": "Betafjord"})
        self.assertNotContains(r, "Betafjord")
        r = self.client.get("/admin/choose-page/search/", {"q": "Alfavik"})
        self.assertContains(r, "Alfavik-kurs i arkiv")

    def test_it_lets_the_ks_superuser_choose_any_page(self):
        self.client.force_login(self.kari)
        r = self.client.get(f"/admin/choose-page/{self.beta.root_page_id}/")
        self.assertContains(r, "Betafjord-kurs i sakbehandling")


# Wagtail 8.0 leaves the SpooledTemporaryFile of each new rendition unclosed.
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
)
class ImageTests(IsolationTestCase):
    def test_it_lists_and_offers_only_the_own_collections_images(self):
        for url in ("/admin/images/", "/admin/images/chooser/"):
            r = self.client.get(url)
            self.assertContains(r, "Alfavik-logo")
            self.assertNotContains(r, "Betafjord-logo")

    def test_it_refuses_another_organisations_image(self):
        self.assertDenied(self.client.get(f"/admin/images/{self.beta_image.pk}/"))
        self.assertDenied(self.client.get(f"/admin/images/chooser/{self.beta_image.pk}/"))


class DocumentTests(IsolationTestCase):
    def test_it_lists_and_offers_none_of_another_organisations_documents(self):
        for url in ("/admin/documents/", "/admin/documents/chooser/"):
            self.assertNotContains(self.client.get(url), "personalhandbok")

    def test_it_refuses_another_organisations_document(self):
        pk = self.beta_document.pk
        self.assertDenied(self.client.get(f"/admin/documents/edit/{pk}/"))
        self.assertDenied(self.client.get(f"/admin/documents/chooser/{pk}/"))

    def test_it_shows_the_document_to_its_own_organisation(self):
        self.client.force_login(self.charlie)
        self.assertContains(self.client.get("/admin/documents/"), "personalhandbok")


class MediaTests(IsolationTestCase):
    def test_it_lists_and_offers_none_of_another_organisations_media(self):
        for url in ("/admin/media/", "/admin/media/chooser/"):
            self.assertNotContains(self.client.get(url), "velkomstfilm")

    def test_it_refuses_another_organisations_media(self):
        pk = self.beta_media.pk
        self.assertDenied(self.client.get(f"/admin/media/edit/{pk}/"))
        self.assertDenied(self.client.get(f"/admin/media/chooser/{pk}/"))

    def test_it_shows_the_media_to_its_own_organisation(self):
        self.client.force_login(self.charlie)
        self.assertContains(self.client.get("/admin/media/chooser/"), "velkomstfilm")


class UserAdminTests(IsolationTestCase):
    def test_it_keeps_organisation_admins_out_of_wagtails_user_management(self):
        self.client.force_login(self.alice)
        self.assertDenied(self.client.get("/admin/users/"))
        self.assertDenied(self.client.get(f"/admin/users/{self.charlie.pk}/"))

    def test_it_lets_the_ks_superuser_manage_users(self):
        self.client.force_login(self.kari)
        self.assertContains(self.client.get("/admin/users/"), "charlie@betafjord.kommune.no")


class PeopleInAdminFiltersTests(IsolationTestCase):
    """Wagtail's filters list people who owned, locked or submitted any page."""

    def setUp(self):
        super().setUp()
        Page.objects.filter(pk=self.beta_course.pk).update(owner=self.charlie)
        Page.objects.filter(pk=self.beta.root_page_id).update(locked=True, locked_by=self.charlie)
        Page.objects.filter(pk=self.alpha_course.pk).update(owner=self.alice)

    def test_it_offers_only_colleagues_in_the_explorers_owner_filter(self):
        r = self.client.get(f"/admin/pages/{self.alpha.root_page_id}/")
        self.assertContains(r, self.alice.get_full_name())
        self.assertNotContains(r, self.charlie.get_full_name())

    def test_it_names_no_one_from_another_organisation_in_the_locked_pages_report(self):
        self.client.force_login(self.alice)
        r = self.client.get("/admin/reports/locked/")
        self.assertEqual(r.status_code, 200)
        self.assertNotContains(r, self.charlie.get_full_name())

    def test_it_lets_the_ks_superuser_filter_by_anyone(self):
        self.client.force_login(self.kari)
        r = self.client.get(f"/admin/pages/{self.alpha.root_page_id}/")
        self.assertContains(r, self.charlie.get_full_name())
