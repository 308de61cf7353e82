"""Security headers on every response: the Content-Security-Policy (django-csp),
a looser one under the Wagtail admin, and Permissions-Policy. And the audit
log of who looked at other people's learning records (`audit.py`)."""

from csp.middleware import CSPMiddleware, PolicyParts

from django.conf import settings

from . import audit


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy for learner pages
    (CONTENT_SECURITY_POLICY) and another for the admin
    (CONTENT_SECURITY_POLICY_ADMIN), plus Permissions-Policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.CSP_ADMIN_PREFIX)
        ):
            return PolicyParts(
                settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"],
                parts.update,
                parts.replace,
                parts.nonce,
            )
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class AuditMiddleware:
    """Writes an audit entry for each successful view of a page listed in
    `audit.AUDITED_VIEWS` (the pages and exports that show people's names)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        audit.record_view(request, response)
        return response
