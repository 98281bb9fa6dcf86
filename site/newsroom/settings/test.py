"""Tests: fast hashing, in-memory cache and email, no HTTPS redirects."""

import atexit
import shutil
import tempfile
from pathlib import Path

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .env import env

DEBUG = False
SECRET_KEY = get_random_secret_key()
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# A run's uploads go to a folder of its own, removed when the run ends: not into the
# project's media/, and not shared with a run going at the same time (CI runs the suite on
# SQLite and on PostgreSQL together). A command a test starts is given MEDIA_ROOT.
if not env("MEDIA_ROOT"):
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-media-"))
    atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": LOCAL_MEMORY_CACHE}  # noqa: F405 - never Redis, even when set
PAGE_CACHE_COPIES_ALIAS = None
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Logins in tests go through force_login; the lockout test switches axes back on.
AXES_ENABLED = False

# wagtail-localize's offline translator (it reverses word order) stands in for DeepL.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
# Tests that change content behind Wagtail's back would read stale pages; the cache's own
# tests switch it on.
PAGE_CACHE_ENABLED = False
# Alerts are sent as soon as they are queued.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "worker": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
PUBLIC_BASE_URL = "http://testserver"
# The SQLite test database lives in memory, shared between the threads of the browser and
# concurrency tests, where a transaction that takes the write lock when it begins makes
# the others fail at once instead of waiting. tests/site/test_locked_database.py puts it
# back on a file, where the site's setting is what it tests.
DATABASES["default"].get("OPTIONS", {}).pop("transaction_mode", None)  # noqa: F405
