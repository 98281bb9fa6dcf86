"""Feeds, under each language prefix."""

from django.urls import path

from .feeds import feed_view

urlpatterns = [
    path("feeds/<str:kind>/", feed_view, name="news_feed"),
    path("feeds/city/<slug:city>/<str:kind>/", feed_view, name="news_city_feed"),
    path("feeds/tag/<str:tag>/<str:kind>/", feed_view, name="news_tag_feed"),
]
