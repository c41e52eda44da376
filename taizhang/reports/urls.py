"""Staff pages of reports; each views module lists its own routes."""

from .views import dashboard, exports, records, reports, schemes, targets

app_name = "reports"

urlpatterns = [*dashboard.urlpatterns, *targets.urlpatterns, *schemes.urlpatterns,
               *records.urlpatterns, *exports.urlpatterns, *reports.urlpatterns]
