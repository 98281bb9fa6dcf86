"""URLconf of API requests (see news.api.APIUrlconfMiddleware)."""

from django.urls import path

from news.distribution.api import api_router

urlpatterns = [path("api/v2/", api_router.urls)]
