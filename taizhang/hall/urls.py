"""Staff pages of the service hall; each views module lists its own routes."""

from .views import documents, figures, files, staff

app_name = "hall"

urlpatterns = [*staff.urlpatterns, *figures.urlpatterns, *documents.urlpatterns,
               *files.urlpatterns]
