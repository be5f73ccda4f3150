from django.urls import path

from console.views import dashboard

app_name = "console"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
]
