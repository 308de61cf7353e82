"""The event endpoint. Filled in below the models commit."""

from django.http import HttpResponse
from django.views.decorators.http import require_POST


@require_POST
def statements(request):
    return HttpResponse(status=501)
