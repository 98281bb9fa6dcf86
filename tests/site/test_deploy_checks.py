"""`manage.py check --deploy` refuses the project's settings that only suit a laptop."""

import pytest

from .test_settings import PRODUCTION, run_manage

KEY = "x" * 20 + "-production-key-from-the-environment-0123456789"
# What a real deployment sets on top of the minimum production needs to start.
DEPLOYED = {
    **PRODUCTION,
    "SECRET_KEY": KEY,
    "WAGTAILADMIN_BASE_URL": "https://press.example.org",
    "PROXY_COUNT": "1",
    "MEDIA_IMAGES_SERVED_BY_WEB_SERVER": "true",
}


def check_deploy(env):
    return run_manage("check", "--deploy", env=env)


def test_a_configured_deployment_passes():
    result = check_deploy(DEPLOYED)
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize(
    ("unset", "changes", "code", "variable"),
    [
        ("WAGTAILADMIN_BASE_URL", {}, "core.E001", "WAGTAILADMIN_BASE_URL"),
        (
            "",
            {"WAGTAILADMIN_BASE_URL": "http://localhost:8000"},
            "core.E001",
            "WAGTAILADMIN_BASE_URL",
        ),
        ("", {"PUBLIC_BASE_URL": "http://127.0.0.1:8000"}, "core.E002", "PUBLIC_BASE_URL"),
        ("PROXY_COUNT", {}, "core.E003", "PROXY_COUNT"),
        ("", {"PROXY_COUNT": "0"}, "core.E003", "PROXY_COUNT"),
    ],
)
def test_laptop_defaults_fail_the_deploy_check(unset, changes, code, variable):
    env = {name: value for name, value in DEPLOYED.items() if name != unset}
    result = check_deploy({**env, **changes})
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if code in line]
    assert lines, result.stderr
    # The operator is told which variable to set, in the message and in its hint.
    assert variable in lines[0]
    hints = [line for line in result.stderr.splitlines() if "HINT:" in line]
    assert any(variable in hint for hint in hints), result.stderr


def test_local_photos_nobody_serves_fail_the_deploy_check():
    # Production serves static files only: /media/ would answer 404 for every photo.
    env = {k: v for k, v in DEPLOYED.items() if k != "MEDIA_IMAGES_SERVED_BY_WEB_SERVER"}
    result = check_deploy(env)
    assert result.returncode != 0
    assert "core.E004" in result.stderr
    # Both ways out are named.
    assert "AWS_STORAGE_BUCKET_NAME" in result.stderr
    assert "MEDIA_IMAGES_SERVED_BY_WEB_SERVER=true" in result.stderr
    assert "MEDIA_ROOT/images/" in result.stderr


def test_photos_on_s3_pass_the_deploy_check():
    env = {k: v for k, v in DEPLOYED.items() if k != "MEDIA_IMAGES_SERVED_BY_WEB_SERVER"}
    result = check_deploy({**env, "AWS_STORAGE_BUCKET_NAME": "press-media"})
    assert result.returncode == 0, result.stderr + result.stdout
