"""The JSON API root: /api/v1/. Token (Bearer) or browser-session authentication."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from .hall.api import router as hall_router
from .ledger.api import router as ledger_router
from .org.api import router as org_router
from .org.tokens import user_for_token
from .petitions.api import router as petitions_router
from .reports.api import router as reports_router


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="台账 Taizhang API",
    version="1",
    description="区、乡镇、村三级台账、便民服务、信访与通报的数据接口。"
    "认证：`Authorization: Bearer <令牌>`（用 `taizhang token 用户名` 生成），"
    "或已登录的浏览器会话。",
    auth=[BearerToken(), SessionAuth()],
    urls_namespace="api",
)
api.add_router("", org_router)
api.add_router("", ledger_router)
api.add_router("", hall_router)
api.add_router("", petitions_router)
api.add_router("", reports_router)


def _field_of(loc):
    # ninja reports e.g. ("query", "working_days") or ("body", "payload", "title"): where the
    # value came from, for a JSON body the handler's parameter, then the field.
    names = [str(p) for p in loc]
    if names and names[0] in ("query", "path", "body", "form", "file", "header", "cookie"):
        source, names = names[0], names[1:]
        if source == "body" and len(names) > 1:
            names = names[1:]
        # A list in a query schema comes as (schema parameter, field, index).
        if source == "query" and len(names) > 2 and not names[1].isdigit():
            names = names[1:]
    return ".".join(names) or "request"


@api.exception_handler(ValidationError)
def validation_failed(request, exc):
    errors = [{"field": _field_of(e.get("loc", ())), "message": e.get("msg", "")}
              for e in exc.errors]
    fields = "、".join(e["field"] for e in errors)
    return api.create_response(
        request, {"message": f"参数有误：{fields}", "errors": errors}, status=422
    )


@api.exception_handler(HttpError)
def http_error(request, exc):
    # Chiefly a body that is not JSON; answered in the same shape as every other error.
    message = ("无法解析请求体：请发送有效的 JSON（Content-Type: application/json）。"
               if exc.status_code == 400 else str(exc))
    return api.create_response(request, {"message": message}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def not_authenticated(request, exc):
    return api.create_response(
        request, {"message": "未登录或令牌无效：请在 Authorization 头中提供 Bearer 令牌。"},
        status=401,
    )


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"message": str(exc) or "无权执行此操作。"}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"message": "记录不存在，或您无权查看。"}, status=404)


@csrf_exempt  # it changes nothing, and a POST to a wrong address should hear 404, not CSRF
def unknown_route(request, path=""):
    """Anything under /api/ that matches no route: a JSON 404, like every other API error."""
    return JsonResponse({"message": f"没有这个接口：{request.path}"}, status=404)
