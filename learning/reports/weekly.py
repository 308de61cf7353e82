"""The weekly e-mail to KS analysts who asked for it: a link to the
dashboard, never a figure or a name (the figures are suppressed per filter,
and a mail cannot apply filters)."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from learning.accounts.services import language_of

from .access import can_view_national
from .models import AnalystSubscription

# Beat sends on Monday mornings; a retry or a second run the same week is skipped.
RESEND_AFTER = datetime.timedelta(days=6)


def send_weekly_emails():
    """Mail every subscribed analyst who has not had this week's mail. Safe to
    run twice, also at the same time: each subscription is claimed with a
    conditional UPDATE before its mail goes, and released if sending fails.
    Returns how many were sent."""
    now = timezone.now()
    due = Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - RESEND_AFTER)
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("reports:national")
    sent = 0
    subscriptions = AnalystSubscription.objects.filter(due, weekly_email=True)
    for sub in subscriptions.select_related("user"):
        if not can_view_national(sub.user):
            continue
        claimed = AnalystSubscription.objects.filter(due, pk=sub.pk, weekly_email=True).update(
            last_sent_at=now
        )
        if not claimed:
            continue  # another run took it
        try:
            with translation.override(language_of(sub.user)):
                send_mail(
                    _("Ukens opptak i kommunesektoren"),
                    _(
                        "Ukens tall for opptak av kurs i kommunesektoren er klare på "
                        "dashbordet:\n\n%(link)s\n\nDu får denne e-posten fordi du har bedt "
                        "om den. Du kan slå den av nederst på dashbordet."
                    )
                    % {"link": link},
                    None,
                    [sub.user.email],
                )
        except Exception:
            AnalystSubscription.objects.filter(pk=sub.pk).update(last_sent_at=sub.last_sent_at)
            raise
        sent += 1
    return sent
