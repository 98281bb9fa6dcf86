"""Limits on the public forms that make the site send email to an address typed in:
alert subscriptions and the admin's password reset.

Counted with django-ratelimit in the default cache, per address typed in and per client.
A refused request gets 429 and a page in the reader's language. The rates can be changed
in the settings.
"""

import ipaddress
from functools import wraps

from axes.helpers import get_client_ip_address
from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.shortcuts import render


def _posted_email(group, request):
    return request.POST.get("email", "").strip().lower()


def _client(group, request):
    # The client as the sign-in lockout finds it: behind PROXY_COUNT proxies, from
    # X-Forwarded-For (ratelimit's own "ip" key reads only REMOTE_ADDR, so everyone behind
    # the proxy would share one count). An IPv6 client by its /64 network, as ratelimit
    # does, since one client usually holds the whole network.
    address = get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    return str(ipaddress.ip_network(f"{ip}/{64 if ip.version == 6 else 32}", strict=False))


def _rate_per_address(group, request):
    # An empty address sends nothing (the form refuses it): no need to count it.
    if not _posted_email(group, request):
        return None
    return settings.MAIL_FORM_RATE_PER_ADDRESS


def _rate_per_client(group, request):
    return settings.MAIL_FORM_RATE_PER_CLIENT


def too_many_requests(request):
    return render(request, "news/alerts/too_many_requests.html", status=429)


def limit_mail(group):
    """Refuse posts to the wrapped view beyond the rates per address and per client."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                # Both counted on every post, so that neither limit can be skipped.
                limits = [
                    is_ratelimited(
                        request,
                        group=f"{group}:address",
                        key=_posted_email,
                        rate=_rate_per_address,
                        increment=True,
                    ),
                    is_ratelimited(
                        request,
                        group=f"{group}:client",
                        key=_client,
                        rate=_rate_per_client,
                        increment=True,
                    ),
                ]
                if any(limits):
                    return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
