from django.conf import settings
from django.db import DatabaseError
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from learning.accounts.services import language_for_organisation

ADMIN_PREFIX = "/admin/"


def chosen_language(request):
    """The language this person chose, or "" if they have not: kept on their
    account when signed in (so it follows them to every site and into their
    e-mails), else in Django's language cookie (the switcher in the footer)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language:
        return user.language
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else ""


def language_for(request):
    """The person's own choice, else the written form (målform) of their
    employer when signed in, else of the site's organisation: a nynorsk
    municipality's site speaks nynorsk. The browser's Accept-Language is not
    followed: many Norwegian phones are set to English, and a municipality's
    own målform is the better guess."""
    organisation = getattr(request, "organisation", None) or getattr(
        request, "site_organisation", None
    )
    return chosen_language(request) or language_for_organisation(organisation)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Runs after authentication and TenantMiddleware: it needs both."""

    def process_request(self, request):
        try:
            language = language_for(request)
        except DatabaseError:
            # /healthz must still answer (503) when the database is down.
            language = settings.LANGUAGE_CODE
        admin_languages = dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)
        if request.path_info.startswith(ADMIN_PREFIX) and language not in admin_languages:
            # Wagtail has no nynorsk: its admin would fall back to English.
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
