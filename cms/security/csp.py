"""A Content-Security-Policy header for the public site (Django 5.2 has none built in)."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Set ZHENGCE_CSP on every public response that does not carry a policy of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "ZHENGCE_CSP", "")
        if not policy or "Content-Security-Policy" in response.headers:
            return response
        if request.path.startswith(tuple(getattr(settings, "ZHENGCE_CSP_EXEMPT_PATHS", ()))):
            return response
        if response.status_code >= 500:
            # The server error pages carry their own <style> so that they work when nothing else does; they
            # show no stored or submitted text, so inline styles cannot be turned against them.
            policy = policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        response.headers["Content-Security-Policy"] = policy
        return response
