from django.urls import path

from finals import views

app_name = "finals"
urlpatterns = [
    path("<int:pk>/", views.pitch_day_detail, name="pitch-day-detail"),
    path("<int:pk>/schedule/", views.pitch_day_schedule_view, name="pitch-day-schedule"),
    path("<int:pk>/swap/", views.pitch_slot_swap_view, name="pitch-slot-swap"),
    path("slots/<int:pk>/cancel/", views.pitch_slot_cancel_view, name="pitch-slot-cancel"),
    path("requests/<int:pk>/decide/", views.slot_request_decide_view, name="slot-request-decide"),
    path("slots/<int:pk>/", views.slot_detail, name="slot-detail"),
    path("slots/<int:pk>/calendar.ics", views.slot_ics, name="slot-ics"),
]
