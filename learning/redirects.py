"""Where a `next` parameter may send someone after a step."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, value):
    """`value` when it is an address on this site, else "" (no open redirects)."""
    ok = url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return value if value and ok else ""
