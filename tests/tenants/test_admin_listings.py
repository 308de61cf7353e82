"""Admin views that list rows by id or across the platform name nothing of
another organisation: chosen pages, bulk-action listings, reports, usage
pages, tags, people and workflow steps."""

import pytest

from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Page, TaskState, Workflow

from .helpers import TwoMunicipalitiesTestCase

COURSE = "Betafjord-kurs i sakbehandling"


@pytest.mark.filterwarnings(
    "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
)
class AdminListingsTests(TwoMunicipalitiesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.charlie.last_name = "Betafjordsen"
        cls.charlie.save()
        cls.beta_course.save_revision(user=cls.charlie)
        Page.objects.filter(pk=cls.beta_course.pk).update(
            owner=cls.charlie, latest_revision_created_at=timezone.now()
        )
        log(instance=cls.beta_course, action="wagtail.edit", user=cls.charlie)
        cls.beta_image.tags.add("betafjordtagg")
        cls.alpha_image.tags.add("alfaviktagg")
        workflow = Workflow.objects.get(workflow_pages__page=cls.beta.root_page)
        cls.task_state = TaskState.objects.get(
            workflow_state=workflow.start(cls.beta_course, cls.charlie)
        )

    def setUp(self):
        self.client.force_login(self.bob)

    def test_it_returns_only_own_pages_as_chosen(self):
        r = self.client.get(
            "/admin/choose-page/chosen-multiple/",
            {"id": [self.beta_course.pk, self.alpha_course.pk]},
        )
        self.assertContains(r, "Alfavik-kurs i arkiv")
        self.assertNotContains(r, COURSE)

    def test_it_lists_nothing_of_another_organisation_for_a_bulk_action(self):
        self.client.force_login(self.alice)
        r = self.client.get(
            "/admin/bulk/wagtailcore/page/delete/",
            {"id": "all", "childOf": self.beta.root_page_id},
        )
        self.assertNotContains(r, COURSE, status_code=r.status_code)
        for app, model, obj in [
            ("wagtailimages", "image", self.beta_image),
            ("wagtaildocs", "document", self.beta_document),
        ]:
            r = self.client.get(f"/admin/bulk/{app}/{model}/delete/", {"id": obj.pk})
            self.assertNotContains(r, obj.title, status_code=r.status_code)

    def test_it_names_only_own_pages_in_the_page_types_report(self):
        r = self.client.get("/admin/reports/page-types-usage/")
        self.assertEqual(r.status_code, 200)
        self.assertNotContains(r, COURSE)
        self.assertContains(r, "Alfavik-kurs i arkiv")

    def test_it_refuses_the_usage_of_another_organisations_video(self):
        r = self.client.get(f"/admin/media/usage/{self.beta_media.pk}/", follow=True)
        self.assertEqual(r.redirect_chain, [("/admin/", 302)])  # "Beklager, …ikke tilgang"
        self.assertNotContains(r, "Betafjord velkomstfilm")
        self.client.force_login(self.charlie)
        self.assertContains(
            self.client.get(f"/admin/media/usage/{self.beta_media.pk}/"), "Betafjord velkomstfilm"
        )

    def test_it_completes_only_tags_of_the_own_organisations_files(self):
        for url in ("/admin/tag-autocomplete/", "/admin/tag-autocomplete/taggit/tag/"):
            self.assertEqual(self.client.get(url, {"term": "betafjord"}).json(), [])
            self.assertEqual(self.client.get(url, {"term": "alf"}).json(), ["alfaviktagg"])

    def test_it_offers_only_own_tags_in_the_image_filters(self):
        for url in ("/admin/images/", "/admin/images/chooser/"):
            r = self.client.get(url)
            self.assertContains(r, "alfaviktagg")
            self.assertNotContains(r, "betafjordtagg")

    def test_it_names_no_one_from_another_organisation_in_the_site_history(self):
        self.client.force_login(self.alice)
        r = self.client.get("/admin/reports/site-history/")
        self.assertEqual(r.status_code, 200)
        self.assertNotContains(r, "Betafjordsen")

    def test_it_refuses_workflow_steps_on_another_organisations_page(self):
        page, task_state = self.beta_course.pk, self.task_state.pk
        for url in (
            f"/admin/pages/workflow/action/{page}/approve/{task_state}/",
            f"/admin/pages/workflow/collect_action_data/{page}/approve/{task_state}/",
            f"/admin/pages/workflow/preview/{page}/{self.task_state.task_id}/",
            f"/admin/pages/workflow/confirm_cancellation/{page}/",
        ):
            r = self.client.get(url, follow=True)
            self.assertEqual(r.redirect_chain, [("/admin/", 302)], url)
            self.assertNotContains(r, COURSE)

    def test_it_refuses_to_confirm_moving_another_organisations_page(self):
        r = self.client.get(
            f"/admin/pages/{self.beta_course.pk}/move/{self.alpha.root_page_id}/confirm/",
            follow=True,
        )
        self.assertEqual(r.redirect_chain, [("/admin/", 302)])  # "Beklager, …ikke tilgang"
        self.assertNotContains(r, COURSE)

    def test_it_sends_anonymous_visitors_to_the_login(self):
        self.client.logout()
        for url in ("/admin/tag-autocomplete/", "/admin/choose-page/chosen-multiple/"):
            r = self.client.get(url, {"term": "betafjord", "id": self.beta_course.pk})
            self.assertEqual(r.status_code, 302)
            self.assertTrue(r.url.startswith("/konto/logg-inn/?next=/admin/"), r.url)

    def test_it_lets_the_ks_superuser_see_every_organisation(self):
        self.client.force_login(self.kari)
        r = self.client.get("/admin/choose-page/chosen-multiple/", {"id": [self.beta_course.pk]})
        self.assertContains(r, COURSE)
        r = self.client.get("/admin/tag-autocomplete/", {"term": "betafjord"})
        self.assertEqual(r.json(), ["betafjordtagg"])
