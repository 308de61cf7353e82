"""The weekly e-mail: an analyst who ticks the box gets one mail a week with
a link to the dashboard and nothing else; running the task twice sends once."""

import datetime
import re

import pytest

from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from learning.reports.access import analysts_group
from learning.reports.models import AnalystSubscription
from learning.reports.tasks import send_weekly_email_task
from learning.reports.weekly import send_weekly_emails

from ..factories.accounts import UserFactory


def analyst(email):
    user = UserFactory(email=email)
    user.groups.add(analysts_group())
    return user


def subscribe(user):
    """Tick the box on the dashboard, as the analyst does."""
    client = Client()
    client.force_login(user)
    response = client.post(reverse("reports:weekly_email"), {"weekly_email": "on"})
    assert response.status_code == 302


def assert_only_a_link(message):
    link = "http://127.0.0.1:8000" + reverse("reports:national")
    assert link in message.body
    assert not re.search(r"\d", message.body.replace(link, ""))  # no figures
    assert "@" not in message.body  # no one's address


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_it_mails_the_subscriber_a_link_once_through_the_broker(mailoutbox, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    kari = analyst("kari@ks.no")
    analyst("per@ks.no")  # an analyst who did not ask
    subscribe(kari)

    assert send_weekly_email_task.delay().get(timeout=60) == 1
    assert send_weekly_email_task.delay().get(timeout=60) == 0  # the same week

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["kari@ks.no"]
    assert message.subject == "Ukens opptak i kommunesektoren"
    assert_only_a_link(message)


class WeeklyEmailTestCase(TestCase):
    def setUp(self):
        self.kari = analyst("kari@ks.no")

    def test_it_mails_again_the_next_week(self):
        subscribe(self.kari)
        assert send_weekly_emails() == 1
        AnalystSubscription.objects.update(last_sent_at=timezone.now() - datetime.timedelta(days=7))
        assert send_weekly_emails() == 1
        assert [m.to for m in mail.outbox] == [["kari@ks.no"], ["kari@ks.no"]]

    def test_charlie_who_is_no_analyst_gets_nothing(self):
        charlie = UserFactory(email="charlie@betafjord.kommune.no")
        client = Client()
        client.force_login(charlie)
        assert (
            client.post(reverse("reports:weekly_email"), {"weekly_email": "on"}).status_code == 403
        )
        # One who subscribed and has since left the analysts' group gets nothing either.
        subscribe(self.kari)
        self.kari.groups.clear()
        assert send_weekly_emails() == 0

    def test_unticking_the_box_stops_the_mail(self):
        subscribe(self.kari)
        client = Client()
        client.force_login(self.kari)
        client.post(reverse("reports:weekly_email"), {})
        assert send_weekly_emails() == 0
