"""Readers' addresses under each language prefix, other than pages: search, feeds, alerts."""

from django.urls import include, path

from news.search import views as search_views

urlpatterns = [
    path("search/", search_views.search_view, name="search"),
    path("search/suggest/", search_views.suggest_view, name="search_suggest"),
    path("", include("news.distribution.urls")),
    path("", include("news.alerts.urls")),
]
