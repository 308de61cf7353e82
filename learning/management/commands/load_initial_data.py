"""One command from an empty database to a platform people can click through.

Loads the organisations, provisions their sites, publishes the demo courses and
creates demo logins, then rebuilds the search and reference indexes. Safe to
run again: every step matches what exists and creates only what is missing.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from courses import demo
from learning.privacy.legal import ensure_legal_texts
from learning.tracking import demo as tracking_demo
from tenants.models import Employment, Organisation

DEMO_PASSWORD = "demo-passord-2026"  # noqa: S105 - printed on purpose; demo only
# The demo staff's authenticator app (two-factor authentication is required
# of everyone who can see personal data). Add it to an app, or print the
# current code with `manage.py demo_totp_code`. Demo only.
DEMO_TOTP_SECRET = "KOMPETANSEPLATTFORMDEMOKODE23456"  # noqa: S105
# Always provisioned: KS (national catalogue, default site), the demo
# courses' owners and their regions, and Voss (nynorsk: its site speaks nynorsk).
DEMO_ORGANISATIONS = ["ks", "kongsberg", "sortland", "kongsbergregionen", "vesteraalen", "voss"]

# (e-mail, first name, last name, organisation slug, role)
DEMO_USERS = [
    ("admin@ks.no", "Kari", "Nordmann", "ks", "superuser"),
    ("redaktor@kongsberg.kommune.no", "Ola", "Redaktør", "kongsberg", "editor"),
    ("administrator@kongsberg.kommune.no", "Ingrid", "Administrator", "kongsberg", "admin"),
    ("ansatt@kongsberg.kommune.no", "Per", "Hansen", "kongsberg", "learner"),
    ("ansatt@sortland.kommune.no", "Sigrid", "Johansen", "sortland", "learner"),
    ("ansatt@voss.kommune.no", "Synnøve", "Lid", "voss", "learner"),
    tracking_demo.LEARNER,  # with courses in progress, one completed, one assigned
]


def give_demo_second_factor(user):
    """The demo authenticator app for a demo staff login (once)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)


class Command(BaseCommand):
    help = (
        "Load organisations, provision their sites, publish the demo courses and create "
        f"demo logins (password «{DEMO_PASSWORD}», for demo use only). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisations",
            default="",
            metavar="SLUG,SLUG",
            help=(
                "Provision only these organisations (comma-separated slugs) besides the "
                "demo ones, instead of all ~370. Quicker for tests."
            ),
        )
        parser.add_argument(
            "--no-index", action="store_true", help="Skip rebuilding the search index."
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("load_organisations", verbosity=verbosity, stdout=self.stdout)

        if options["organisations"]:
            extra = [s.strip() for s in options["organisations"].split(",") if s.strip()]
            slugs = list(dict.fromkeys(DEMO_ORGANISATIONS + extra))
            call_command("provision_tenants", *slugs, verbosity=verbosity, stdout=self.stdout)
        else:
            call_command("provision_tenants", all=True, verbosity=verbosity, stdout=self.stdout)

        ensure_legal_texts()  # the privacy and accessibility pages, editable by KS
        created = demo.load(log=self._log if verbosity > 1 else None)
        self.stdout.write(f"Demo courses: {len(created)} published.")
        logins = self._users()
        learner = get_user_model().objects.get(email=tracking_demo.LEARNER[0])
        tracking_demo.load(learner, log=self._log if verbosity > 1 else None)

        if not options["no_index"]:
            call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        self._summary(logins)

    def _log(self, message):
        self.stdout.write(f"  {message}")

    @transaction.atomic
    def _users(self):
        User = get_user_model()
        orgs = {o.slug: o for o in Organisation.objects.filter(slug__in={u[3] for u in DEMO_USERS})}
        logins = []
        for email, first_name, last_name, slug, role in DEMO_USERS:
            org = orgs[slug]
            user = User.objects.filter(email=email).first() or User(email=email)
            user.first_name, user.last_name = first_name, last_name
            user.email_confirmed = True
            user.is_active = True
            user.is_superuser = user.is_staff = role == "superuser"
            user.set_password(DEMO_PASSWORD)
            user.save()
            Employment.objects.for_organisation(org).get_or_create(
                user=user,
                organisation=org,
                defaults={
                    "status": Employment.Status.ACTIVE,
                    "start_date": datetime.date(2024, 1, 1),
                },
            )
            group = {"editor": org.editors_group, "admin": org.admins_group}.get(role)
            if group is not None:
                user.groups.add(group)
            if role != "learner":
                give_demo_second_factor(user)
            logins.append((email, role, org))
        return logins

    def _summary(self, logins):
        port = settings.TENANT_SITE_PORT
        pattern = settings.TENANT_HOSTNAME_PATTERN
        roles = {
            "superuser": "superbruker (KS)",
            "editor": "redaktør",
            "admin": "administrator",
            "learner": "ansatt",
        }
        w = self.stdout.write
        w("")
        w(self.style.SUCCESS("Demo data er klar. Start med `make run` (eller runserver) og åpne:"))
        w(f"  KS (nasjonal katalog):   http://127.0.0.1:{port}/")
        for slug in ("kongsberg", "sortland", "voss"):
            w(f"  {slug.capitalize():<24} http://{pattern.format(slug=slug)}:{port}/")
        w(f"  Redigering (Wagtail):    http://127.0.0.1:{port}/admin/")
        w(f"  Logg inn:                http://127.0.0.1:{port}/konto/logg-inn/")
        w("")
        w(f"Demo-innlogginger – passord for alle: {DEMO_PASSWORD}")
        w(
            "Totrinnsbekreftelse for redaktører og administratorer: legg hemmeligheten "
            f"{DEMO_TOTP_SECRET} inn i en autentiseringsapp, eller skriv koden fra "
            "`python manage.py demo_totp_code`."
        )
        w("(Bare for demo. Bytt eller slett brukerne før noe annet enn utprøving.)")
        for email, role, org in logins:
            w(f"  {email:<38} {roles[role]}, {org.name}")
