"""Storage settings for S3 come from the environment (see README)."""

import pytest

from tests.site.test_settings import PRODUCTION, run_manage

S3 = {**PRODUCTION, "SECRET_KEY": "k" * 50, "AWS_STORAGE_BUCKET_NAME": "press-media"}


def setting(expression, **env):
    code = f"from django.conf import settings; print(settings.{expression})"
    result = run_manage("shell", "--no-imports", "-c", code, env={**S3, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        # Private by default: every URL signed, no public ACL on renditions either.
        ({}, "{'querystring_auth': True, 'default_acl': None}"),
        (
            {"AWS_RENDITIONS_PUBLIC": "true"},
            "{'querystring_auth': False, 'default_acl': 'public-read'}",
        ),
        (
            {"AWS_RENDITIONS_PUBLIC": "true", "AWS_RENDITIONS_ACL": ""},
            "{'querystring_auth': False, 'default_acl': None}",
        ),
    ],
)
def test_rendition_storage_options(env, expected):
    assert setting("STORAGES['renditions']['OPTIONS']", **env) == expected


def test_originals_stay_private_and_are_never_overwritten():
    assert setting("WAGTAILIMAGES_RENDITION_STORAGE") == "renditions"
    assert setting("AWS_QUERYSTRING_AUTH") == "True"
    assert setting("AWS_S3_FILE_OVERWRITE") == "False"
    assert setting("STORAGES['default']['BACKEND']") == "storages.backends.s3.S3Storage"
