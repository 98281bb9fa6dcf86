"""Two web instances, started as the Procfile starts them, share PostgreSQL, Redis and an
S3-compatible bucket: a change published through one is read at once through the other,
on the release page, in the feed and in search, with its photo served from the bucket.

Runs when the suite runs on PostgreSQL and Redis answers (REDIS_URL, or 127.0.0.1:6379);
skips otherwise. `docs/scaling.md` describes it.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
import urllib3

from django.conf import settings
from django.db import connection
from django.test import Client

from gallery.models import NewsImage
from news.models import NewsArticleGalleryItem, NewsArticlePage
from tests.factories import NewsArticlePageFactory, publish
from tests.gallery import photos
from tests.gallery.s3 import KEYS, REGION, S3Server
from tests.migrated import restore_migrated_data
from tests.ports import free_port

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/9"
HTTP = urllib3.PoolManager(retries=False, timeout=30)


def redis_answers():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def shared_services(transactional_db, settings):
    if connection.vendor != "postgresql":
        pytest.skip("two instances need a database they can share: run with PostgreSQL")
    if not redis_answers():
        pytest.skip(f"two instances need the shared Redis cache at {REDIS_URL}")
    restore_migrated_data()
    # This process shares the cache too, so what it publishes starts a new generation of
    # cached pages for the instances, as a third instance would.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
    s3 = S3Server().start()
    bucket = "press-two-instances"
    import boto3

    boto3.client("s3", endpoint_url=s3.url, region_name=REGION, **KEYS).create_bucket(
        Bucket=bucket
    )
    database = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.site.instance_settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "site")]),
        # The instances must sign sessions like each other, and like this test.
        SECRET_KEY=settings.SECRET_KEY,
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        REDIS_URL=REDIS_URL,
        AWS_STORAGE_BUCKET_NAME=bucket,
        AWS_S3_ENDPOINT_URL=s3.url,
        AWS_S3_REGION_NAME=REGION,
        AWS_ACCESS_KEY_ID=KEYS["aws_access_key_id"],
        AWS_SECRET_ACCESS_KEY=KEYS["aws_secret_access_key"],
        PAGE_CACHE_ENABLED="true",
        IMAGE_AVIF="false",
    )
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    instances = []
    try:
        for _ in range(2):
            instances.append(Instance(env).start())
        yield instances
    finally:
        for instance in instances:
            instance.stop()
        s3.stop()


class Instance:
    """gunicorn with the Procfile's web command, on a port of its own."""

    def __init__(self, env):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = env
        self.cookies = {}

    def start(self):
        command = [
            str(GUNICORN),
            "--pythonpath",
            "site,.",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{self.port}",
            "newsroom.wsgi",
        ]
        self.process = subprocess.Popen(  # noqa: S603 - our own server
            command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode()[-3000:])
            try:
                self.get("/robots.txt")
                return self
            except urllib3.exceptions.HTTPError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def request(self, method, path, **kwargs):
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = HTTP.request(
            method, self.base + path, headers=headers, redirect=False, **kwargs
        )
        for header in response.headers.getlist("Set-Cookie"):
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response

    def get(self, path):
        return self.request("GET", path)

    def text(self, path):
        response = self.get(path)
        assert response.status == 200, (path, response.status)
        return response.data.decode()

    def csrf_token(self, path):
        html = self.text(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def sign_in(instance, user):
    """A session made here is a session for every instance: they share the database."""
    client = Client()
    client.force_login(user)
    instance.cookies["sessionid"] = client.cookies[settings.SESSION_COOKIE_NAME].value


def search(instance, language, query):
    return instance.text(f"/{language}/search/?q={urllib.parse.quote(query)}")


def test_a_change_published_on_one_instance_is_read_at_once_on_the_other(
    shared_services, site_tree, admin_user
):
    first, second = shared_services
    page = publish(
        NewsArticlePageFactory(
            parent=site_tree,
            title="Делегация Минска посетила технопарк",
            slug="minsk-technopark",
            lead="Гости осмотрели лаборатории.",
        )
    )
    # Both instances have the first version in the shared cache, and the second one's
    # workers a copy of the release in their own memory.
    for instance in (first, second):
        assert "Гости осмотрели лаборатории." in instance.text(page.url)
    for _ in range(4):
        assert second.get(page.url).headers["X-Page-Cache"] == "hit"
    for instance in (first, second):
        assert "Гости осмотрели лаборатории." in instance.text("/ru/feeds/rss/")
        assert "minsk-technopark" not in search(instance, "ru", "гидропоника")

    # An editor uploads a photo through the first instance: it goes to the bucket.
    sign_in(first, admin_user)
    token = first.csrf_token("/admin/images/multiple/add/")
    upload = first.request(
        "POST",
        "/admin/images/multiple/add/",
        fields={
            "csrfmiddlewaretoken": token,
            "files[]": ("lab.jpg", photos.jpeg(1300, 900), "image/jpeg"),
        },
        headers={"X-CSRFToken": token, "Referer": first.base + "/admin/images/"},
    )
    assert upload.status == 200, upload.data[:500]
    assert json.loads(upload.data)["success"] is True
    image = NewsImage.objects.get()

    # The changed release, with the photo, is published through the first instance.
    page = NewsArticlePage.objects.get(pk=page.pk)
    page.lead = "Гости осмотрели лаборатории гидропоники."
    NewsArticleGalleryItem.objects.create(page=page, image=image, alt_text="Лаборатория")
    page.save_revision(user=admin_user)
    path = f"/admin/newsroom/pages/{page.pk}/force-publish/"
    token = first.csrf_token(path)
    published = first.request(
        "POST",
        path,
        fields={"csrfmiddlewaretoken": token, "reason": "Проверка двух серверов"},
        headers={"Referer": first.base + path},
        encode_multipart=False,
    )
    assert published.status == 302, published.data[:500]

    # The second instance shows it at once, on every surface, with no wait.
    html = second.text(page.url)
    assert "Гости осмотрели лаборатории гидропоники." in html
    assert "Гости осмотрели лаборатории гидропоники." in second.text("/ru/feeds/rss/")
    assert "minsk-technopark" in search(second, "ru", "гидропоника")
    # Its photo comes from the bucket, made once by the first instance.
    photo_urls = re.findall(r'src="(http://127\.0\.0\.1:\d+/press-two-instances/[^"]+)"', html)
    assert photo_urls, "the release page links no photo in the bucket"
    answer = HTTP.request("GET", photo_urls[0].replace("&amp;", "&"))
    assert answer.status == 200
    assert answer.headers["Content-Type"].startswith("image/")
    assert not list(Path(settings.MEDIA_ROOT).glob("original_images/lab*"))
