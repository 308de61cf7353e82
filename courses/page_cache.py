"""Whole-page cache for anonymous visitors to the catalogue and course pages.

Most visits to a municipality's front page come from people who have not signed
in yet, and every one of them sees the same catalogue for that hostname. Pages
opt in by calling `allow_anonymous_caching(response)`; the middleware stores
such a response per host, path, query string and language, and replays it
without touching the database.

A response is stored only when nothing in it is personal: the request carried no
session or messages cookie, the response sets no cookie, and no CSRF token was
rendered (a form with a token is per person), and nothing on the page called
`mark_personal(request)`. Any publish, unpublish, move or
delete of a course page, and changes to topics, organisations or sites, bump a
version number stored with every page, so stale pages are never served
after a change; the timeout only bounds memory.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from learning.cache import now_and_after_commit, shared_token
from learning.middleware import chosen_language

# A random token (see new_version); not the integer the name "version" held
# before, which workers of the previous deploy still `incr`.
VERSION_KEY = "courses:page-cache:version-token"
ATTRIBUTE = "courses_anonymous_cacheable"


# Part of every page key: a new deploy (new templates, new static file names)
# never replays pages rendered by the code it replaced.
PROCESS_ID = uuid.uuid4().hex


def timeout():
    """Seconds to keep a page; off by default under DEBUG, where templates change."""
    return getattr(settings, "COURSES_PAGE_CACHE_SECONDS", 0 if settings.DEBUG else 300)


def allow_anonymous_caching(response):
    setattr(response, ATTRIBUTE, True)
    return response


def mark_personal(request):
    """Say that this response shows something about the person asking (their
    progress): it is never stored, whatever else the request looks like."""
    request.courses_personal = True


def new_version():
    """Start a new content version now (no database, no transaction). A new
    random token, not a counter: a cache that was cleared or restarted would
    count up to a number already seen, and a worker that kept pages and sites
    for that number (courses.routing) would serve them again."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def content_version():
    """The current content version; a new one if the cache has none."""
    return shared_token(VERSION_KEY)


def bump_version(**kwargs):
    """Invalidate every cached page (signal receiver; safe to call any time).
    Now, and again once the transaction commits: a page rendered in between
    saw the old rows and must not outlive the commit."""
    now_and_after_commit(new_version)


def current_version():
    """What a fragment cached elsewhere must vary on to be invalidated with the
    pages: this deploy and the version bumped on every content change."""
    return f"{PROCESS_ID}-{content_version()}"


def _key(request):
    # Without a choice the host decides the language (its organisation's
    # written form), and the host is part of the key.
    language = chosen_language(request)
    raw = f"{PROCESS_ID}|{request.get_host()}|{request.get_full_path()}|{language}"
    return "courses:page-cache:" + hashlib.sha256(raw.encode()).hexdigest()


def _eligible(request):
    if request.method != "GET" or not timeout():
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _storable(request, response):
    return (
        getattr(response, ATTRIBUTE, False)
        and not getattr(request, "courses_personal", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
    )


class AnonymousPageCacheMiddleware:
    """Sits right after WhiteNoise: a hit costs one cache round trip (the page
    and the current version together) and skips sessions, routing and
    rendering. A miss stores the response as the inner middleware left it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self.get_response(request)
        key = _key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        cached = found.get(key)
        if cached is not None and version is not None and cached[0] == version:
            _, content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        if version is None:
            version = content_version()
        response = self.get_response(request)
        if _storable(request, response):
            patch_vary_headers(response, ["Cookie"])
            headers = [(k, v) for k, v in response.items() if k.lower() != "set-cookie"]
            cache.set(key, (version, response.content, headers), timeout())
            response["X-Page-Cache"] = "miss"
        return response
