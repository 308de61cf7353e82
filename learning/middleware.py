from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def language_for(request):
    """The language a person chose (Django's language cookie, set by the
    switcher in the footer), else bokmål. The browser's Accept-Language is
    not followed: many Norwegian phones are set to English, and a page that
    is half translated reads worse than one wholly in bokmål."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        translation.activate(language_for(request))
        request.LANGUAGE_CODE = translation.get_language()
