"""Public pages for citizens (no account); each views module lists its own routes."""

from .views import citizen, documents, public

app_name = "public"

urlpatterns = [*public.urlpatterns, *documents.public_urlpatterns, *citizen.urlpatterns]
