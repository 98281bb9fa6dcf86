"""Email alerts: subscribing, confirming, and one message per subscriber for each release."""

# Tasks queued before this package existed are stored as news.alerts.<task>; the worker
# finds them here.
from .tasks import send_confirmation, send_release_alerts  # noqa: F401
