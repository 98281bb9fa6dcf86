"""Feeds, and the page of a release not translated yet, under each language prefix."""

from django.urls import path

from .feeds import feed_view
from .views import not_translated

urlpatterns = [
    path("feeds/<str:kind>/", feed_view, name="news_feed"),
    path("feeds/city/<slug:city>/<str:kind>/", feed_view, name="news_city_feed"),
    path("feeds/tag/<str:tag>/<str:kind>/", feed_view, name="news_tag_feed"),
    path("not-translated/<uuid:key>/", not_translated, name="not_translated"),
]
