"""Demo data for the reports (make run): a few thousand generated learners
and a KS analyst login. Demo code only; safe to run twice."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.urls import reverse

from learning.management.commands.load_initial_data import (
    DEMO_PASSWORD,
    give_demo_second_factor,
)
from learning.reports.access import analysts_group
from tenants.models import Organisation

from .generate_national_data import DOMAIN

ANALYST = "analytiker@ks.no"


class Command(BaseCommand):
    help = "Lag demodata for rapportene og en innlogging for en KS-analytiker."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=3000)

    def handle(self, *args, learners, **options):
        User = get_user_model()
        if not User.objects.filter(email__endswith="@" + DOMAIN).exists():
            call_command("generate_national_data", learners=learners, verbosity=1)
        analyst = User.objects.filter(email=ANALYST).first() or User(email=ANALYST)
        analyst.first_name, analyst.last_name = "Kari", "Analytiker"
        analyst.email_confirmed = analyst.is_active = True
        analyst.set_password(DEMO_PASSWORD)
        analyst.save()
        analyst.groups.add(analysts_group())
        give_demo_second_factor(analyst)
        kongsberg = Organisation.objects.filter(slug="kongsberg").first()
        base = f"http://127.0.0.1:{settings.TENANT_SITE_PORT}"
        w = self.stdout.write
        w("")
        w(self.style.SUCCESS("Rapporter:"))
        w(f"  KS-analytiker: {ANALYST} / {DEMO_PASSWORD}")
        w(f"    {base}{reverse('reports:national')}")
        w(f"    {base}{reverse('reports:national_map')}")
        if kongsberg:
            w(f"  Kongsberg (administrator@kongsberg.kommune.no / {DEMO_PASSWORD}):")
            w(f"    {base}{reverse('reports:municipal', args=[kongsberg.pk])}")
