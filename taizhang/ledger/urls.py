from django.urls import path

from .views import pages

app_name = "ledger"

urlpatterns = [
    path("items/<int:pk>/", pages.item_detail, name="item"),
]
