"""Pages of the petition office and of the units handling petitions; each views module lists
its own routes."""

from .views import backlog, pages, register

app_name = "petitions"

# Backlog routes first: "<id>/backlog/" is theirs, not a step of the petition's page.
urlpatterns = [*register.urlpatterns, *backlog.urlpatterns, *pages.urlpatterns]
