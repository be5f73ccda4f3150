from django.urls import path  # noqa: F401

app_name = "submissions"
# Entrant pages, attachments and organiser pages each add their routes here.
urlpatterns = []
