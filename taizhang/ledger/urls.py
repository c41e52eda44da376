from .views import attachments, editing, excel, pages, transitions

app_name = "ledger"

# Each views module lists its own routes.
urlpatterns = [
    *pages.urlpatterns, *editing.urlpatterns, *transitions.urlpatterns,
    *attachments.urlpatterns, *excel.urlpatterns,
]
