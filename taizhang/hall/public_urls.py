"""Public pages for citizens (no account); each views module lists its own routes."""

from .views import public

app_name = "public"

urlpatterns = [*public.urlpatterns]
