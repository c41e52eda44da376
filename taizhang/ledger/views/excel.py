"""Excel export and import pages (routes listed in ``urlpatterns``)."""

urlpatterns = []
