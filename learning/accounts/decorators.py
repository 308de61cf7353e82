"""Gate for learner pages: signed in, e-mail confirmed, and an active employer.

Function views:   @learner_required
Class views:      @method_decorator(learner_required, name="dispatch")
Wagtail pages:    a `before_serve_page` hook (courses/access.py and wagtail_hooks.py)
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from . import services


def learner_redirect(request):
    """A redirect explaining what is missing, or None when the person may go on."""
    state = services.learner_state(request.user)
    if state == services.READY:
        return None
    if state == services.ANONYMOUS:
        return redirect_to_login(request.get_full_path())
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('accounts:status')}?{query}")


def learner_required(view_func):
    """Let only confirmed employees of an organisation through; send everyone
    else to the login page or to a page that says what they are waiting for."""

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        response = learner_redirect(request)
        if response is not None:
            return response
        return view_func(request, *args, **kwargs)

    return wrapper
