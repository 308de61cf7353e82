"""A learner's employer is kept between requests (tenants.employers), and every
change to an employment or an organisation shows on their very next page."""

import pytest

from tenants import services
from tenants.models import Employment, Organisation

from ..factories.accounts import UserFactory
from ..factories.tenants import EmploymentFactory
from .conftest import visit

pytestmark = pytest.mark.django_db


def own_lesson(sector):
    return sector.lessons[sector.sortland_own.slug][1]


def employment_of(user, organisation):
    return Employment.objects.for_organisation(organisation).get(user=user)


def test_it_closes_the_own_course_once_the_employment_is_ended(client, sector):
    client.force_login(sector.alice)
    assert visit(client, own_lesson(sector)).status_code == 200
    services.end_employment(employment_of(sector.alice, sector.sortland), by=None)
    assert visit(client, own_lesson(sector)).status_code == 302


def test_it_closes_the_own_course_once_the_employment_is_rejected(client, sector):
    client.force_login(sector.alice)
    assert visit(client, own_lesson(sector)).status_code == 200
    services.reject_employment(employment_of(sector.alice, sector.sortland), by=None)
    assert visit(client, own_lesson(sector)).status_code == 302


def test_it_opens_the_own_course_once_the_employment_is_approved(client, sector):
    dina = UserFactory(email="dina@sortland.kommune.no")
    pending = EmploymentFactory(
        user=dina, organisation=sector.sortland, status=Employment.Status.PENDING
    )
    client.force_login(dina)
    assert visit(client, own_lesson(sector)).status_code == 302
    services.approve_employment(pending, by=None)
    assert visit(client, own_lesson(sector)).status_code == 200


def test_it_follows_a_move_to_another_organisation(client, sector):
    client.force_login(sector.alice)
    assert visit(client, own_lesson(sector)).status_code == 200
    Employment.objects.for_organisation(sector.sortland).filter(user=sector.alice).delete()
    EmploymentFactory(user=sector.alice, organisation=sector.kongsberg)
    # Sortland's own course is not Kongsberg's: Charlie's answer now.
    assert visit(client, own_lesson(sector)).status_code == 404
    assert visit(client, sector.lessons[sector.sortland_listed.slug][1]).status_code == 200


def test_it_speaks_nynorsk_once_the_employer_changes_its_written_form(client, sector):
    client.force_login(sector.alice)
    assert 'lang="nb"' in visit(client, own_lesson(sector)).text
    # As provisioning writes it: a bulk update, which sends no signal.
    Organisation.objects.filter(pk=sector.sortland.pk).update(
        written_form=Organisation.WrittenForm.NYNORSK
    )
    assert '<html lang="nn"' in visit(client, own_lesson(sector)).text


def test_it_never_gives_one_learner_another_learners_employer(client, sector):
    client.force_login(sector.alice)
    assert visit(client, own_lesson(sector)).status_code == 200
    client.force_login(sector.charlie)
    assert visit(client, own_lesson(sector)).status_code == 404
    client.force_login(sector.alice)
    assert visit(client, own_lesson(sector)).status_code == 200
