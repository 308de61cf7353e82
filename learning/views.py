import logging
import re
from urllib.parse import urlencode

import redis

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.views import i18n
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt

from learning.accounts.services import remember_language

logger = logging.getLogger(__name__)

# Short enough that a load balancer's probe gets an answer while a service hangs.
TIMEOUT_SECONDS = 1.0


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:
        logger.warning("healthz: database does not answer", exc_info=True)
        return f"error: {type(exc).__name__}"
    return "ok"


def _redis():
    if not settings.REDIS_URL:
        return "not configured"
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
    )
    try:
        client.ping()
    except redis.RedisError:
        logger.warning("healthz: Redis does not answer", exc_info=True)
        return "error"
    finally:
        client.close()
    return "ok"


def _celery(redis_status):
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"  # tasks run inside the web process; no worker to ask
    if not settings.REDIS_URL:
        return "not configured"
    if redis_status != "ok":
        return "error: broker does not answer"
    from learning.celery import app

    replies = app.control.ping(timeout=TIMEOUT_SECONDS)
    if not replies:
        return "error: no worker answered"
    return f"ok: {len(replies)} workers"


@never_cache
def healthz(request):
    """Whether this process can reach what it needs: 200 if so, 503 if not.

    For load balancers and `docker compose` healthchecks. Redis and Celery are
    checked only when REDIS_URL is set; the database always.
    """
    checks = {"database": _database(), "redis": _redis()}
    checks["celery"] = _celery(checks["redis"])
    healthy = not any(value.startswith("error") for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


# No CSRF token on the language switcher: it would make every page uncacheable,
# and a forged request can only change someone's language.
@csrf_exempt
def set_language(request):
    """Django's set_language (the cookie), and for a signed-in person the
    account too, so the choice follows them to other sites and into e-mails."""
    response = i18n.set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        remember_language(request.user, request.POST.get("language"))
    return response


def favicon(request):
    """For browsers and tools that ask for /favicon.ico without reading the
    page's <link rel="icon">: no 404 in the logs."""
    return redirect(static("favicon.svg"))


def admin_login(request):
    """Wagtail's own login page would skip allauth's rate limits and the second
    factor: send it to ours, keeping where the person was going."""
    query = urlencode({"next": request.GET.get("next") or reverse("wagtailadmin_home")})
    return redirect(f"{reverse('account_login')}?{query}")


BRAND_COLOUR = re.compile(r"^[0-9a-fA-F]{6}$")


@cache_control(max_age=31536000, immutable=True)
def brand_css(request):
    """The organisation's brand colour as a stylesheet (`?farge=1f4e79`):
    the Content-Security-Policy allows no inline <style>, and the colour is in
    the address, so each colour is cached once for good."""
    colour = request.GET.get("farge", "")
    if not BRAND_COLOUR.match(colour):
        return HttpResponse("/* farge=RRGGBB */", content_type="text/css", status=400)
    return HttpResponse(f":root {{ --brand: #{colour}; }}\n", content_type="text/css")
