"""Pages the whole-page cache does not serve find their Site in the cache, and a changed
Site is seen on the next request."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

ADDRESS = "/ru/news/minsk-roadmap/"


def site_queries(client, address=ADDRESS, status=200):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == status, address
    return sum('FROM "wagtailcore_site"' in q["sql"] for q in captured)


def test_the_site_is_looked_up_once_for_every_later_page(client, release):
    assert site_queries(client) == 1
    assert site_queries(client) == 0
    assert site_queries(client, release[1].url) == 0
    assert site_queries(client, "/ru/search/?q=Минск") == 0


def test_a_site_no_longer_serving_this_host_is_seen_at_once(client, release):
    site_queries(client)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.is_default_site = "press.example.org", False
    site.save()
    # No Site for this host any more: nothing to serve.
    site_queries(client, status=404)

    site.is_default_site = True
    site.save()
    site_queries(client)
    assert site_queries(client) == 0


def test_a_deleted_site_is_seen_at_once(client, release):
    site_queries(client)
    Site.objects.get(is_default_site=True).delete()
    site_queries(client, status=404)
