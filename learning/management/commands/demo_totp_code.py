"""The code the demo staff's authenticator app would show now (make run)."""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from django.core.management.base import BaseCommand

from .load_initial_data import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = (
        "Skriv koden for totrinnsbekreftelse som demo-innloggingene for redaktører, "
        "administratorer og analytikere bruker nå. Bare for demo."
    )

    def handle(self, *args, **options):
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
