from django.core.management.base import BaseCommand, CommandError

from tenants.models import IdentityProvider, Organisation

# The local test provider's (tests/oidc_provider/server.mjs), not a real secret.
DEMO_SECRET = "kongsberg-hemmelighet"  # noqa: S105


class Command(BaseCommand):
    help = (
        "Connect Kongsberg to the local test OpenID Connect provider "
        "(tests/oidc_provider, started by `make run`). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--issuer", default="http://127.0.0.1:9000")

    def handle(self, *args, **options):
        kongsberg = Organisation.objects.filter(slug="kongsberg").first()
        if kongsberg is None:
            raise CommandError("Kongsberg is missing: run load_initial_data first.")
        provider, _ = IdentityProvider.objects.for_organisation(kongsberg).update_or_create(
            slug="kongsberg",
            defaults={
                "organisation": kongsberg,
                "name": "Kongsberg kommune",
                "issuer": options["issuer"],
                "client_id": "kongsberg",
                "employees_at_once": True,
                "enabled": True,
            },
        )
        provider.set_client_secret(DEMO_SECRET)
        provider.save()
        self.stdout.write(
            self.style.SUCCESS(f"Kongsberg signs in through {options['issuer']} (test provider).")
        )
