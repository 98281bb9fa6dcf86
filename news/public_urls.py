"""Addresses for readers' tools under each language prefix: feeds and email alerts."""

from django.urls import path

from . import alert_views
from .feeds import feed_view

urlpatterns = [
    path("feeds/<str:kind>/", feed_view, name="news_feed"),
    path("feeds/city/<slug:city>/<str:kind>/", feed_view, name="news_city_feed"),
    path("feeds/tag/<str:tag>/<str:kind>/", feed_view, name="news_tag_feed"),
    path("alerts/", alert_views.subscribe, name="alerts_subscribe"),
    path("alerts/confirm/<uuid:token>/", alert_views.confirm, name="alerts_confirm"),
    path("alerts/unsubscribe/<uuid:token>/", alert_views.unsubscribe, name="alerts_unsubscribe"),
]
