"""Settings shared by every environment: secure by default, tuned from the environment.

dev.py and test.py relax what they need to, explicitly. Every variable read here is
listed in the README's configuration table.
"""

from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env, env_bool, env_float, env_int, env_list

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent.parent

# Secrets and hosts: no default anywhere; production.py refuses to start without a key.
SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "news",
    # news/ keeps one package per subsystem; those with admin hooks, template tags or
    # commands are model-less apps of their own (the models all stay in `news`).
    "news.caching",
    "news.demo",
    "news.distribution",
    "news.importer",
    "news.roles",
    "news.search",
    "news.structure",
    "news.translation",
    "news.workflow",
    "gallery",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "dbbackup",
    "wagtail.contrib.frontend_cache",
    "wagtail.api.v2",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Page-cache hits, after the HTTPS redirect and the security headers, before everything
    # a cached page does not need; the page cache below stores them, with the CSP.
    "news.caching.hits.CachedPageMiddleware",
    "core.middleware.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "core.middleware.StorageUnavailableMiddleware",
    # After authentication, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
    # Holds every wagtail-localize admin endpoint to the languages the user writes.
    "news.translation.guard.LocalizeGuardMiddleware",
    # API requests get a URLconf of their own, without the language prefixes.
    "news.distribution.api.APIUrlconfMiddleware",
    # Last, so that it sees the request once sessions, language and user are known.
    "news.caching.middleware.PublicPageCacheMiddleware",
    "news.caching.middleware.KnownSiteMiddleware",
    # After the Site it keys on: a reader's release is reached from its kept route.
    "news.distribution.routes.KeptRouteMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded SQLite file.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
SQLITE_TRANSACTION_MODE = "IMMEDIATE"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Write-ahead log: readers keep reading while a publication or the worker commits,
    # instead of waiting for every commit and holding each one up in turn. Reads go
    # through a memory map instead of one system call per page: searches and listings
    # touch many rows of a large archive (see docs/search.md).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA mmap_size=1073741824;"
    )
    # Wait this long for another writer's lock, then answer 503 (core.middleware).
    DATABASES["default"]["OPTIONS"].setdefault("timeout", env_float("SQLITE_LOCK_TIMEOUT", 3))
    # A transaction takes the write lock when it begins. Begun deferred, a transaction
    # that has read and then writes while another process (the worker, the clock, another
    # web worker) commits is refused at once with "database is locked", whatever the wait:
    # SQLite will not let the two wait on each other.
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", SQLITE_TRANSACTION_MODE)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Russian is the source language of every release, English its translation.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# Addresses are in Latin letters: the admin's slug fields and the importer transliterate a
# Russian title by one rule (news.text.slugs). Addresses made before stay as they are.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Wagtail's autosave leaves a new gallery row's id out of the open form, so the next save
# stores the photo again (wagtail/wagtail#14568); releases are saved by their authors.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# The language switches (the site's, the admin's account settings) name each language in
# its own words; everywhere else a language is named in the reader's: "Английский" in the
# Russian admin.
WAGTAIL_CONTENT_LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True

# Static files are served by whitenoise from STATIC_ROOT; nothing comes from a CDN.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on S3 or any S3-compatible store when a bucket is configured.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")
    AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID")
    AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY")
    # Private by default: objects get no ACL and are read through signed URLs.
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    # Two uploads with the same name must both survive.
    AWS_S3_FILE_OVERWRITE = False
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}

# Cache: Redis when configured, otherwise memory local to the process. Django's default of
# 300 entries would keep under 300 pages (one entry each), so a spike over the archive
# would render most of them again; 3,000 hold about 2,900 pages, some 80 MiB per worker.
LOCAL_MEMORY_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 3000)},
}


def redis_cache(url):
    """The shared cache at `url`.

    django-redis rather than Django's own backend: with Redis unreachable it answers as an
    empty cache and logs the error, so readers get pages (made afresh) and editors can
    publish, instead of every request failing. After a failure the cache is not asked for
    CACHE_RETRY_SECONDS (news.caching.breaker): a Redis that accepts connections but does not
    answer would otherwise cost each cache call its timeout.
    """
    timeout = env_float("CACHE_TIMEOUT", 0.5)
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "newsroom",
        "OPTIONS": {
            "CLIENT_CLASS": "news.caching.client.SharedCacheClient",
            "CIRCUIT_BREAKER_SECONDS": env_float("CACHE_RETRY_SECONDS", 10),
            # Hits keep what Redis reports unchanged (news.caching.watch); off for a proxy
            # in front of Redis that does not pass on CLIENT TRACKING and pub/sub.
            "WATCH_GENERATIONS": env_bool("CACHE_WATCH", True),
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
        },
    }


CACHE_URL = env("REDIS_URL") or env("CACHE_URL")
if CACHE_URL:
    CACHES = {
        "default": redis_cache(CACHE_URL),
        # Each worker's copies of the pages it served (see news/caching/middleware.py), so that a
        # hit reads a few generation values from Redis instead of the whole page. The
        # most read pages stay; 1,000 take some 30 MiB per worker.
        "page-copies": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "page-copies",
            "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_COPIES", 1000)},
        },
    }
else:
    CACHES = {"default": LOCAL_MEMORY_CACHE}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "newsroom.cache"
CACHE_MIDDLEWARE_SECONDS = env_int("CACHE_MIDDLEWARE_SECONDS", 300)

# Email: console by default, SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "press@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Hardening, relaxed only in dev.py and test.py.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Many StreamField blocks make for many form fields in the page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)

# Wagtail
WAGTAIL_SITE_NAME = env("SITE_NAME", "Пресс-служба")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "gallery.NewsImage"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_SIZE", 25 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_PIXELS", 64_000_000)
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: they would tell a third party who uses the admin, and the
# policy allows images from our own origin only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_FINDERS = []
WAGTAILSEARCH_HITS_MAX_AGE = 30

NEWS_PAGE_SIZE = env_int("NEWS_PAGE_SIZE", 10)

# Titles for the admin and emails, translated through the catalog.
PRESS_OFFICE_NAME = _("Press office of the international relations department")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Background tasks and page actions log every step at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": env("LOG_LEVEL_WAGTAIL", "WARNING")},
    },
}

# Content-Security-Policy (django-csp): only our own origin, no eval anywhere. The Wagtail
# admin needs inline styles, and inline scripts under /admin/ (core.middleware).
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
_csp_directives = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *env_list("CSP_IMG_SRC")],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
if env("CSP_REPORT_URI"):
    _csp_directives["report-uri"] = [env("CSP_REPORT_URI")]
if CSP_REPORT_ONLY:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _csp_directives}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _csp_directives}

# Brute-force protection for the admin login (django-axes): lock a username or an
# address after repeated failures; lockouts are logged by axes.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
# Behind PROXY_COUNT reverse proxies, the client is the address the first one puts in
# X-Forwarded-For (read by django-ipware); otherwise every client would share the proxy's
# address, and five failed logins by anyone would lock out everyone. django-ipware counts
# only the proxies listed after the client, and falls back to the proxy's own address when
# the header has more entries (a forged one). Without proxies the header is ignored.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Backups (django-dbbackup): database and media to a folder, or to any Django storage.
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": env("BACKUP_DIR", str(BASE_DIR / "backups"))},
}
DBBACKUP_SEND_EMAIL = False

# Release approval (news.workflow.approval): approving in the workflow is what publishes, and a
# new translation starts as a draft even when its source is live.
WAGTAIL_FINISH_WORKFLOW_ACTION = "news.workflow.approval.publish_approved"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation, a first draft for translators: off unless a service is configured.
# Drafts go through the same editor approval as any translation.
if env("DEEPL_AUTH_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": env("DEEPL_AUTH_KEY")},
    }
elif env("LIBRETRANSLATE_URL"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": env("LIBRETRANSLATE_URL"),
            "API_KEY": env("LIBRETRANSLATE_API_KEY", ""),
            "TIMEOUT": env_int("LIBRETRANSLATE_TIMEOUT", 10),
        },
    }

# Galleries and uploads: stricter checks on every image upload form, AVIF where Pillow
# can encode it, documents always streamed by the site so their download name is ours.
WAGTAILIMAGES_IMAGE_FORM_BASE = "gallery.forms.NewsImageForm"
IMAGE_AVIF = env_bool("IMAGE_AVIF", True)
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# On S3, renditions get a storage of their own so that they can be public (read without
# signatures, e.g. through the CDN host) while originals and documents stay private.
if AWS_STORAGE_BUCKET_NAME:
    RENDITIONS_PUBLIC = env_bool("AWS_RENDITIONS_PUBLIC", False)
    STORAGES["renditions"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "querystring_auth": AWS_QUERYSTRING_AUTH and not RENDITIONS_PUBLIC,
            # Buckets that refuse ACLs grant public reads by policy: AWS_RENDITIONS_ACL="".
            "default_acl": (env("AWS_RENDITIONS_ACL", "public-read") or None)
            if RENDITIONS_PUBLIC
            else None,
        },
    }
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"

# Full-text search of the archive (docs/search.md). Text is analysed per language before
# it reaches the index, so the database index stays language-neutral ('simple').
SEARCH_PAGE_SIZE = env_int("SEARCH_PAGE_SIZE", 10)
SEARCH_MAX_CANDIDATES = env_int("SEARCH_MAX_CANDIDATES", 5000)
# Past this many matches the database ranks and counts only the newest this many, which
# keeps a broad search's work fixed however large the archive grows (docs/search.md).
SEARCH_RANKED_MATCHES = env_int("SEARCH_RANKED_MATCHES", 1000)
# Search backends: the database always, so that readers still get answers while an
# Elasticsearch cluster (ELASTICSEARCH_URL) is down; the cluster answers when it is set.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
# Wagtail's database backend, indexing faster on PostgreSQL (news/search/database.py).
_DATABASE_SEARCH = {"BACKEND": "news.search.database", "SEARCH_CONFIG": "simple"}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "news.search.elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": env("ELASTICSEARCH_INDEX", "newsroom"),
            "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 5),
        },
        "database": _DATABASE_SEARCH,
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": _DATABASE_SEARCH}

# Public reading: feeds, API, page cache, error pages.
NEWS_FEED_SIZE = env_int("NEWS_FEED_SIZE", 20)
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# Whole-page cache of anonymous public pages (news/caching/), purged on publish.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "default"
# A shared cache is worth copying into each worker; a local one already is the copy.
PAGE_CACHE_COPIES_ALIAS = "page-copies" if "page-copies" in CACHES else None
WAGTAILAPI_LIMIT_MAX = env_int("API_LIMIT_MAX", 50)
# A CDN in front of the site, purged on publish: "http" (Varnish, nginx...), "cloudflare"
# or "cloudfront"; see the README.
FRONTEND_CACHE_BACKEND = env("FRONTEND_CACHE_BACKEND")
if FRONTEND_CACHE_BACKEND == "http":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_LOCATION"),
        }
    }
elif FRONTEND_CACHE_BACKEND == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env("CLOUDFLARE_ZONEID"),
        }
    }
elif FRONTEND_CACHE_BACKEND == "cloudfront":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
        }
    }
elif FRONTEND_CACHE_BACKEND:
    raise ImproperlyConfigured(
        "FRONTEND_CACHE_BACKEND must be http, cloudflare or cloudfront, "
        f"not {FRONTEND_CACHE_BACKEND!r}"
    )

# Work that must not hold up a request or an import goes through a queue in the database,
# worked by the Procfile's `worker` process: readers' email alerts, and the photo sizes of
# imported releases. Wagtail's own tasks keep the default backend.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "worker": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
WORKER_TASK_BACKEND = "worker"
# Email alerts: no second confirmation to an address while one sent in the last this many
# hours waits, and at most so many alert or password-reset emails asked for per hour by
# one address and by one client (django-ratelimit, "count/period").
ALERT_CONFIRMATION_WINDOW_HOURS = env_int("ALERT_CONFIRMATION_WINDOW_HOURS", 24)
MAIL_FORM_RATE_PER_ADDRESS = env("MAIL_FORM_RATE_PER_ADDRESS", "5/h")
MAIL_FORM_RATE_PER_CLIENT = env("MAIL_FORM_RATE_PER_CLIENT", "20/h")
# With the cache unreachable the limits let requests through: the pending-confirmation
# rule still holds, and refusing every reader during an outage would be worse.
RATELIMIT_FAIL_OPEN = True
# The address readers use, e.g. https://press.example.org: base of every absolute public
# link (feeds, sitemap, metadata, the API, alert emails). Unset, the Wagtail Site's host
# is used when it is a public one, else the request's host (core.public_urls).
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", "")
