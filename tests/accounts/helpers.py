import re

from django.core import mail

PASSWORD = "Fjord-Molte-Trikk-42"


def link_in_last_mail(path_fragment):
    """The first URL in the newest e-mail whose path contains `path_fragment`."""
    body = mail.outbox[-1].body
    match = re.search(rf"https?://[^/\s]+(\S*{re.escape(path_fragment)}\S*)", body)
    assert match, f"No {path_fragment} link in:\n{body}"
    return match.group(1)


def signup_data(**overrides):
    data = {
        "first_name": "Alice",
        "last_name": "Aasen",
        "email": "alice@bergen.kommune.no",
        "organisation": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data
