"""Settings are read from the environment; production refuses to run half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env):
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
    "ALLOWED_HOSTS": "press.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://press.example.org",
}


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", env=PRODUCTION)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_check_deploy_is_clean():
    key = "x" * 20 + "-production-key-from-the-environment-0123456789"
    # The public address and the proxy in front: see tests/site/test_deploy_checks.py.
    deployed = {
        **PRODUCTION,
        "SECRET_KEY": key,
        "WAGTAILADMIN_BASE_URL": "https://press.example.org",
        "PROXY_COUNT": "1",
        "MEDIA_IMAGES_SERVED_BY_WEB_SERVER": "true",
    }
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=deployed)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "expression", "expected"),
    [
        (
            {"DATABASE_URL": "postgres://u:p@db.internal:5433/press"},
            "DATABASES['default']['HOST']",
            "db.internal",
        ),
        ({"ALLOWED_HOSTS": "a.example, b.example"}, "ALLOWED_HOSTS", "['a.example', 'b.example']"),
        (
            {"REDIS_URL": "redis://127.0.0.1:6379/3"},
            "CACHES['default']['LOCATION']",
            "redis://127.0.0.1:6379/3",
        ),
        (
            {"ELASTICSEARCH_URL": "http://127.0.0.1:9200"},
            "WAGTAILSEARCH_BACKENDS['default']['BACKEND']",
            "news.search.elasticsearch",
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "press-media"},
            "STORAGES['default']['BACKEND']",
            "storages.backends.s3.S3Storage",
        ),
        (
            {"EMAIL_HOST": "smtp.example.org"},
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend",
        ),
        ({}, "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
        ({}, "WAGTAILSEARCH_BACKENDS['default']['BACKEND']", "news.search.database"),
        ({}, "DATABASES['default']['ENGINE']", "django.db.backends.sqlite3"),
    ],
)
def test_settings_come_from_the_environment(env, expression, expected):
    code = f"from django.conf import settings; print(settings.{expression})"
    result = run_manage(
        "shell", "--no-imports", "-c", code, env={**PRODUCTION, "SECRET_KEY": "k" * 50, **env}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


@pytest.mark.parametrize(("debug", "expected"), [(None, "True serve"), ("false", "False serve")])
def test_development_may_turn_debug_off_and_still_serves_photos(debug, expected):
    # The screenshots show the site's own error pages: DEBUG off, photos still served.
    code = (
        "from django.conf import settings; from django.urls import resolve; "
        "print(settings.DEBUG, resolve('/media/images/a.jpg').func.__name__)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "newsroom.settings.dev"}
    if debug is not None:
        env["DEBUG"] = debug
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected
