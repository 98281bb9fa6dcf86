"""Local development: the embedded defaults, relaxed security, a per-machine secret key."""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import BASE_DIR, env, env_bool, env_list

# DEBUG=false shows the site as readers get it (its own error pages, no debug pages), as
# the screenshots do.
DEBUG = env_bool("DEBUG", True)
# No web server in front: Django serves the photos, with DEBUG off too.
SERVE_MEDIA = True
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])


def _dev_secret_key():
    # Kept out of the repository and stable across restarts so sessions survive.
    path = BASE_DIR / ".dev-secret-key"
    if not path.exists():
        path.write_text(get_random_secret_key())
    return path.read_text().strip()


SECRET_KEY = env("SECRET_KEY") or _dev_secret_key()

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Template and code changes show at once; set PAGE_CACHE_ENABLED=true to try the cache.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)
# Links in admin emails: WAGTAILADMIN_BASE_URL when set (`make run` sets it from HOST and
# PORT), else the address the admin is opened at.
ADMIN_BASE_URL_FROM_REQUEST = not env("WAGTAILADMIN_BASE_URL")
MIDDLEWARE = [*MIDDLEWARE, "news.workflow.notifications.AdminBaseUrlFromRequest"]  # noqa: F405
