from django.contrib import admin
from django.urls import include, path, re_path

from .api import api, unknown_route
from .web import views as web_views

admin.site.site_header = "台账 · 系统管理"
admin.site.site_title = "台账系统管理"
admin.site.index_title = "数据维护"

urlpatterns = [
    path("healthz", web_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    re_path(r"^api/", unknown_route),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("org/", include("taizhang.org.urls")),
    path("ledger/", include("taizhang.ledger.urls")),
    path("hall/", include("taizhang.hall.urls")),
    path("service/", include("taizhang.hall.public_urls")),
    path("petitions/", include("taizhang.petitions.urls")),
    path("reports/", include("taizhang.reports.urls")),
    path("inbox/", include("taizhang.inbox.urls")),
    path("", include("taizhang.web.urls")),
]
