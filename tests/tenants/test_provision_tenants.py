"""`manage.py provision_tenants`, the service and the Celery tasks."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

from courses.models import CatalogPage
from tenants.models import Organisation

from ..factories.accounts import UserFactory
from ..factories.tenants import OrganisationFactory


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Site,
            Page,
            Collection,
            Group,
            GroupPagePermission,
            GroupCollectionPermission,
            Workflow,
        )
    }


def provision(*args):
    call_command("provision_tenants", *args, stdout=StringIO(), verbosity=0)


class ProvisionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ks = OrganisationFactory(kind="national", number="", name="KS", slug="ks")
        cls.alpha = OrganisationFactory(name="Alfavik", slug="alfavik", number="9201")
        cls.charlie_org = OrganisationFactory(name="Charlievik", slug="charlievik", number="9202")

    def test_it_gives_an_organisation_its_site_root_collection_groups_and_workflow(self):
        provision("9201")
        org = Organisation.objects.get(pk=self.alpha.pk)
        self.assertEqual(org.site.hostname, "alfavik.kurs.localhost")
        self.assertEqual(org.site.root_page_id, org.root_page_id)
        root = org.root_page.specific
        self.assertIsInstance(root, CatalogPage)
        self.assertEqual((root.title, root.depth), ("Alfavik", 2))
        self.assertEqual(org.collection.get_parent(), Collection.get_first_root_node())
        self.assertEqual(org.editors_group.name, "Alfavik – redaktører")
        self.assertEqual(org.admins_group.name, "Alfavik – administratorer")
        workflow = root.get_workflow()
        self.assertEqual(list(workflow.tasks.specific()[0].groups.all()), [org.admins_group])
        # What an editor notices: their page is there, and it awaits approval.
        bob = UserFactory()
        bob.groups.add(org.editors_group)
        perms = root.permissions_for_user(bob)
        self.assertTrue(perms.can_edit())
        self.assertFalse(perms.can_publish())
        # Charlie's organisation was not named, so it got nothing.
        self.assertIsNone(Organisation.objects.get(pk=self.charlie_org.pk).site_id)

    def test_it_changes_nothing_when_run_twice(self):
        provision("--all")
        first = counts()
        provision("--all")
        self.assertEqual(counts(), first)
        self.assertEqual(first["Site"], 3)

    def test_it_repairs_what_was_deleted(self):
        provision("alfavik")
        org = Organisation.objects.get(pk=self.alpha.pk)
        org.collection.delete()
        org.site.delete()
        GroupPagePermission.objects.filter(group=org.admins_group).delete()
        provision("alfavik")
        org.refresh_from_db()
        self.assertEqual(org.site.hostname, "alfavik.kurs.localhost")
        self.assertIsNotNone(org.collection)
        self.assertEqual(GroupPagePermission.objects.filter(group=org.admins_group).count(), 6)

    def test_it_gives_a_recreated_admins_group_the_existing_approval_step(self):
        provision("alfavik")
        Organisation.objects.get(pk=self.alpha.pk).admins_group.delete()
        provision("alfavik")
        org = Organisation.objects.get(pk=self.alpha.pk)
        workflow = WorkflowPage.objects.get(page=org.root_page).workflow
        steps = [task.specific for task in workflow.tasks.all()]
        # One step, approvable by the new group: submissions must not get stuck
        # behind a step that no group can approve.
        self.assertEqual(len(steps), 1)
        self.assertEqual(list(steps[0].groups.all()), [org.admins_group])

    def test_it_makes_ks_the_default_site_instead_of_the_wagtail_welcome_page(self):
        provision("ks")
        self.assertFalse(Page.objects.filter(slug="home", depth=2).exists())
        default = Site.objects.get(is_default_site=True)
        self.assertEqual(default.root_page.title, "KS")
        self.assertEqual(Site.find_for_request(self.client.get("/").wsgi_request), default)
        ks = Organisation.objects.get(slug="ks")
        editor = UserFactory()
        editor.groups.add(ks.editors_group)
        self.assertTrue(ks.root_page.permissions_for_user(editor).can_publish())

    def test_it_names_an_unknown_organisation_and_provisions_nothing(self):
        before = counts()
        with self.assertRaisesMessage(CommandError, "9999"):
            provision("9201", "9999")
        self.assertEqual(counts(), before)

    @override_settings(TENANT_HOSTNAME_PATTERN="kurs.localhost")
    def test_it_rejects_a_hostname_pattern_without_slug(self):
        before = counts()
        with self.assertRaisesMessage(CommandError, "has no '{slug}'"):
            provision("--all")
        self.assertEqual(counts(), before)


def test_it_leaves_no_group_with_permissions_over_the_whole_tree(db):
    # Wagtail's starter Editors/Moderators groups would cross every organisation.
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not GroupPagePermission.objects.filter(page__depth=1).exists()
    assert not GroupCollectionPermission.objects.filter(collection__depth=1).exists()
    assert not WorkflowPage.objects.filter(page__depth=1).exists()
