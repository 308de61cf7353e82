from django.core.management.base import BaseCommand, CommandError

from tenants.importing import (
    COUNTIES_CSV,
    MUNICIPALITIES_CSV,
    OrganisationDataError,
    load_organisations,
)


class Command(BaseCommand):
    help = (
        "Create or update KS, the 15 counties, the 357 municipalities and the example "
        "regions from SSB's lists. Safe to run again; a bad file changes nothing. "
        "Headcount is estimated (8.5 % of population) only where it is empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", default=MUNICIPALITIES_CSV, help="kommuner.csv")
        parser.add_argument("--counties", default=COUNTIES_CSV, help="fylker.csv")
        parser.add_argument(
            "--no-regions", action="store_true", help="Skip Kongsbergregionen and Vesterålen."
        )

    def handle(self, *args, **options):
        try:
            result = load_organisations(
                options["municipalities"], options["counties"], regions=not options["no_regions"]
            )
        except OrganisationDataError as exc:
            raise CommandError(f"Nothing was imported.\n{exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Organisations: {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged; {result.domains_created} e-mail domains added; "
                f"{len(result.regions)} regions."
            )
        )
