"""Settings of the web instances started by test_two_instances: the production settings
over plain HTTP (newsroom.settings.bench), with static files read from the apps, as the
tests have no collected static folder."""

from newsroom.settings.bench import *  # noqa: F403

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
