"""Benchmarks: production settings served over plain HTTP on 127.0.0.1."""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env("SECRET_KEY") or get_random_secret_key()
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
