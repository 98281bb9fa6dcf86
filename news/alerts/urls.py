"""Subscribing to email alerts, under each language prefix."""

from django.urls import path

from . import views

urlpatterns = [
    path("alerts/", views.subscribe, name="alerts_subscribe"),
    path("alerts/confirm/<uuid:token>/", views.confirm, name="alerts_confirm"),
    path("alerts/unsubscribe/<uuid:token>/", views.unsubscribe, name="alerts_unsubscribe"),
]
