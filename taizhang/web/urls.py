from django.urls import path

from . import views

urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("accounts/login/", views.login, name="login"),
    path("accounts/logout/", views.logout, name="logout"),
]
