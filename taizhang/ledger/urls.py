from .views import excel, pages

app_name = "ledger"

# Each views module lists its own routes.
urlpatterns = [*pages.urlpatterns, *excel.urlpatterns]
