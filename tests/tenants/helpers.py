"""Two provisioned municipalities, built once per test class.

Alice administers Alpha, Bob edits Alpha; Charlie administers Beta ("should
have no access to Alice's stuff", and she to his). Kari is a KS superuser.
"""

from django.core.files.base import ContentFile
from django.test import TestCase

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtailmedia.models import Media

from courses.models import CoursePage
from tenants.services import provision_organisation

from ..factories.accounts import UserFactory
from ..factories.tenants import OrganisationFactory


class TwoMunicipalitiesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.alpha = provision_organisation(
            OrganisationFactory(name="Alfavik", slug="alfavik", number="9101")
        )
        cls.beta = provision_organisation(
            OrganisationFactory(name="Betafjord", slug="betafjord", number="9102")
        )
        cls.alice = UserFactory(email="alice@alfavik.kommune.no", first_name="Alice")
        cls.alice.groups.add(cls.alpha.admins_group)
        cls.bob = UserFactory(email="bob@alfavik.kommune.no", first_name="Bob")
        cls.bob.groups.add(cls.alpha.editors_group)
        cls.charlie = UserFactory(email="charlie@betafjord.kommune.no", first_name="Charlie")
        cls.charlie.groups.add(cls.beta.admins_group)
        cls.kari = UserFactory(email="kari@ks.no", is_superuser=True, is_staff=True)

        cls.alpha_course = cls.alpha.root_page.add_child(
            instance=CoursePage(title="Alfavik-kurs i arkiv", slug="arkiv", summary="Arkiv.")
        )
        cls.beta_course = cls.beta.root_page.add_child(
            instance=CoursePage(
                title="Betafjord-kurs i sakbehandling", slug="sak", summary="Sak.", live=False
            )
        )
        cls.alpha_image = Image.objects.create(
            title="Alfavik-logo", file=get_test_image_file(), collection=cls.alpha.collection
        )
        cls.beta_image = Image.objects.create(
            title="Betafjord-logo", file=get_test_image_file(), collection=cls.beta.collection
        )
        cls.beta_document = Document.objects.create(
            title="Betafjord personalhandbok",
            file=ContentFile(b"hemmelig", name="handbok.txt"),
            collection=cls.beta.collection,
        )
        cls.beta_media = Media.objects.create(
            title="Betafjord velkomstfilm",
            file=ContentFile(b"\x00" * 16, name="velkommen.mp4"),
            type="video",
            collection=cls.beta.collection,
        )
