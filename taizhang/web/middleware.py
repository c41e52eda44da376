class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy: every asset comes from this server.

    No 'unsafe-inline' and no 'unsafe-eval': templates carry no inline scripts or styles,
    and htmx is configured (in base.html) to need neither.
    """

    CSP = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
        "base-uri 'self'; form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
