"""Staff pages of the service hall; each views module lists its own routes."""

from .views import staff

app_name = "hall"

urlpatterns = [*staff.urlpatterns]
