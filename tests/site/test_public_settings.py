import pytest

from .test_settings import PRODUCTION, run_manage


@pytest.mark.parametrize(
    ("env", "expression", "expected"),
    [
        ({}, "FRONTEND_CACHE_BACKEND", "None"),
        (
            {"FRONTEND_CACHE_BACKEND": "http", "FRONTEND_CACHE_LOCATION": "http://127.0.0.1:8080"},
            "WAGTAILFRONTENDCACHE['default']['LOCATION']",
            "http://127.0.0.1:8080",
        ),
        (
            {
                "FRONTEND_CACHE_BACKEND": "cloudflare",
                "CLOUDFLARE_BEARER_TOKEN": "t",
                "CLOUDFLARE_ZONEID": "z",
            },
            "WAGTAILFRONTENDCACHE['default']['BACKEND']",
            "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        ),
        (
            {"FRONTEND_CACHE_BACKEND": "cloudfront", "CLOUDFRONT_DISTRIBUTION_ID": "d"},
            "WAGTAILFRONTENDCACHE['default']['DISTRIBUTION_ID']",
            "d",
        ),
        ({}, "PAGE_CACHE_ENABLED", "True"),
        ({"PAGE_CACHE_ENABLED": "false"}, "PAGE_CACHE_ENABLED", "False"),
        ({"NEWS_FEED_SIZE": "50"}, "NEWS_FEED_SIZE", "50"),
        ({}, "AXES_IPWARE_META_PRECEDENCE_ORDER", "('REMOTE_ADDR',)"),
        (
            {"PROXY_COUNT": "1"},
            "AXES_IPWARE_META_PRECEDENCE_ORDER",
            "('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR')",
        ),
        ({"PROXY_COUNT": "1"}, "AXES_IPWARE_PROXY_COUNT", "0"),
    ],
)
def test_public_settings_come_from_the_environment(env, expression, expected):
    code = f"from django.conf import settings; print(settings.{expression})"
    result = run_manage(
        "shell", "--no-imports", "-c", code, env={**PRODUCTION, "SECRET_KEY": "k" * 50, **env}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


def test_unknown_cdn_backend_is_refused():
    result = run_manage(
        "check", env={**PRODUCTION, "SECRET_KEY": "k" * 50, "FRONTEND_CACHE_BACKEND": "akamai"}
    )
    assert result.returncode != 0
    assert "FRONTEND_CACHE_BACKEND must be http, cloudflare or cloudfront" in result.stderr
