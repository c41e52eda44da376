"""Pages of the petition office and of the units handling petitions; each views module lists
its own routes."""

from .views import backlog

app_name = "petitions"

urlpatterns = [*backlog.urlpatterns]
