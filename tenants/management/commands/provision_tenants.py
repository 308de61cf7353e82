from tqdm import tqdm

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from tenants.models import Organisation
from tenants.services import provision_organisations


class Command(BaseCommand):
    help = (
        "Give organisations their Wagtail site, root page, collection, groups and "
        "workflow. Safe to run again: it repairs what is missing and changes nothing else."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "organisations", nargs="*", metavar="NUMBER_OR_SLUG", help="e.g. 4601 or bergen"
        )
        parser.add_argument("--all", action="store_true", help="Every organisation.")

    def handle(self, *args, **options):
        wanted = options["organisations"]
        if options["all"] == bool(wanted):
            raise CommandError("Name organisations (number or slug), or give --all.")
        if options["all"]:
            organisations = list(Organisation.objects.order_by("name", "number"))
        else:
            organisations = list(
                Organisation.objects.filter(Q(number__in=wanted) | Q(slug__in=wanted)).order_by(
                    "name", "number"
                )
            )
            found = {o.number for o in organisations} | {o.slug for o in organisations}
            unknown = [w for w in wanted if w not in found]
            if unknown:
                raise CommandError(
                    f"No organisation has number or slug {', '.join(unknown)}; nothing was "
                    "provisioned. Run `manage.py load_organisations` first?"
                )
        with tqdm(total=len(organisations), unit="org", disable=options["verbosity"] == 0) as bar:
            try:
                provision_organisations(organisations, progress=lambda org: bar.update())
            except ImproperlyConfigured as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Provisioned {len(organisations)} organisations."))
