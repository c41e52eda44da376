from django.http import HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError


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


class RejectNullCharactersMiddleware:
    """Refuse input containing NUL characters before any view sees it.

    PostgreSQL cannot store or even compare text with NUL, so such a value would otherwise
    surface as a server error deep in some query; no legitimate form or client sends one.
    """

    MESSAGE = "请求中含有不允许的空字符（NUL），请检查输入。"

    def __init__(self, get_response):
        self.get_response = get_response

    UNREADABLE = "请求内容无法解析（表单格式有误，例如 multipart 缺少 boundary）。"

    def __call__(self, request):
        try:
            refused = self.MESSAGE if self._has_nul(request) else None
        except MultiPartParserError:
            refused = self.UNREADABLE
        if refused:
            if request.path.startswith("/api/"):
                return JsonResponse({"message": refused}, status=400)
            return HttpResponseBadRequest(refused, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if request.content_type == "application/json":
            return b"\\u0000" in request.body or b"\x00" in request.body
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded", "multipart/form-data"
        ):
            return any("\x00" in v for _, values in request.POST.lists() for v in values)
        return False
