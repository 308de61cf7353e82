"""Both dashboards and the map meet WCAG 2.1 AA (axe-core, 0 violations) in
Chromium, with generated data across all municipalities."""

import re
from io import StringIO

import pytest

from django.core.management import call_command

from tenants.models import Organisation

from .signin import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_dashboards_and_the_map_have_no_axe_violations(demo, page, assert_accessible):
    call_command("load_report_demo", learners=400, stdout=StringIO())
    sign_in(page, demo, "analytiker@ks.no")
    page.goto(f"{demo}/rapporter/nasjonalt/")
    assert page.get_by_role("heading", name="Opptak i kommunesektoren").is_visible()
    assert_accessible(page, "KS dashboard")
    page.goto(f"{demo}/rapporter/nasjonalt/kart/")
    assert page.locator("svg path").count() == 357
    assert_accessible(page, "map")

    page.context.clear_cookies()
    kongsberg = Organisation.objects.get(slug="kongsberg")
    sign_in(page, demo, "administrator@kongsberg.kommune.no")
    page.goto(f"{demo}/rapporter/kommune/{kongsberg.pk}/")
    assert page.get_by_role("heading", name=re.compile("Kursstatus i Kongsberg")).is_visible()
    assert_accessible(page, "municipal dashboard")
