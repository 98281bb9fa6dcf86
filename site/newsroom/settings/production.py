"""Production: everything from the environment; refuses to start without a secret key."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings need it from the environment."
    )

# Local media: the web server in front serves MEDIA_ROOT/images/ (renditions) itself;
# checked by core.checks, which fails `check --deploy` while nothing serves the photos.
MEDIA_IMAGES_SERVED_BY_WEB_SERVER = env_bool("MEDIA_IMAGES_SERVED_BY_WEB_SERVER", False)
