"""Deployment checks (`manage.py check --deploy`): settings whose defaults only suit a laptop.

Django's own deploy checks cover its security settings; these cover the project's.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.files.storage import FileSystemStorage
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

LOCAL_HOSTS = frozenset({"", "localhost", "0.0.0.0", "::1", "testserver"})  # noqa: S104


def _is_local(url):
    host = (urlsplit(url or "").hostname or "").lower()
    return host in LOCAL_HOSTS or host.startswith("127.") or host.endswith(".localhost")


@register(Tags.security, deploy=True)
def check_base_urls(app_configs, **kwargs):
    """Links in admin and alert emails are built on these: a local address reaches no one."""
    errors = []
    for number, name in enumerate(("WAGTAILADMIN_BASE_URL", "PUBLIC_BASE_URL"), start=1):
        value = getattr(settings, name, "")
        if name == "PUBLIC_BASE_URL" and not value:
            # Unset: public links follow the Site, or WAGTAILADMIN_BASE_URL (core.public_urls).
            continue
        if _is_local(value):
            errors.append(
                Error(
                    _("%(name)s is %(value)r, a local address: links in emails point nowhere.")
                    % {"name": name, "value": value},
                    hint=_(
                        "Set %(name)s in the environment to the site's public address, "
                        "e.g. https://press.example.org."
                    )
                    % {"name": name},
                    id=f"core.E00{number}",
                )
            )
    return errors


@register(Tags.security, deploy=True)
def check_proxy_count(app_configs, **kwargs):
    """Behind a proxy with PROXY_COUNT=0, django-axes takes the proxy's address for every
    client's: a few failed sign-ins by anyone lock everyone out."""
    if not getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return []
    if getattr(settings, "PROXY_COUNT", 0):
        return []
    return [
        Error(
            _(
                "SECURE_PROXY_SSL_HEADER says requests arrive through a reverse proxy, but "
                "PROXY_COUNT is 0: failed sign-ins are counted against the proxy's address, "
                "so anyone can lock every editor out."
            ),
            hint=_(
                "Set PROXY_COUNT in the environment to the number of reverse proxies in "
                "front of the site (1 for a single nginx or load balancer)."
            ),
            id="core.E003",
        )
    ]


def _storage_class(alias):
    config = settings.STORAGES.get(alias) or settings.STORAGES["default"]
    return import_string(config["BACKEND"])


@register(Tags.security, deploy=True)
def check_media_served(app_configs, **kwargs):
    """Local media are served by Django only with DEBUG (the URLconf's static()), and
    whitenoise serves static files only: in production every photo would be a 404."""
    if settings.DEBUG or getattr(settings, "MEDIA_IMAGES_SERVED_BY_WEB_SERVER", False):
        return []
    renditions = getattr(settings, "WAGTAILIMAGES_RENDITION_STORAGE", None)
    alias = renditions if isinstance(renditions, str) else "default"
    if not issubclass(_storage_class(alias), FileSystemStorage):
        return []
    return [
        Error(
            _(
                "Photos are kept on this server's disk (MEDIA_ROOT) and nothing serves "
                "MEDIA_URL in production: every photo on the site is a 404."
            ),
            hint=_(
                "Set AWS_STORAGE_BUCKET_NAME (with AWS_RENDITIONS_PUBLIC=true) to keep media "
                "on S3; or have the web server serve MEDIA_ROOT/images/ at MEDIA_URL images/ "
                "(the photo sizes only: originals and documents must stay private) and set "
                "MEDIA_IMAGES_SERVED_BY_WEB_SERVER=true."
            ),
            id="core.E004",
        )
    ]
