from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("units/<int:pk>/children/", views.children, name="children"),
    path("search/", views.search, name="search"),
    path("deadline/", views.deadline, name="deadline"),
    path("people/<int:pk>/phone/", views.reveal_phone, name="reveal_phone"),
]
