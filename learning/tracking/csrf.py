"""CSRF for the event endpoint when the browser cannot send a header.

`navigator.sendBeacon` (used when a page is hidden or closed) cannot set
`X-CSRFToken`, so the tracker puts the same token in the query string
(`?csrf=`). This decorator moves it to where Django looks and then runs
Django's own check, Origin and Referer rules included: nothing hand-rolled.
"""

from functools import wraps

from django.views.decorators.csrf import csrf_exempt, csrf_protect

QUERY_PARAMETER = "csrf"


def csrf_token_in_query(view):
    protected = csrf_protect(view)

    @csrf_exempt  # the middleware skips it; `protected` does the same check
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.GET.get(QUERY_PARAMETER)
        if token and "HTTP_X_CSRFTOKEN" not in request.META:
            request.META["HTTP_X_CSRFTOKEN"] = token
        return protected(request, *args, **kwargs)

    return wrapper
