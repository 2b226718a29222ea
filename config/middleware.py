"""Site-wide request plumbing: clear answers when something is wrong, and per-address limits.

- The database may vanish in the middle of a request (a failover, a restart, a terminated backend).
  The reader then gets a short page that says so and to try again, an API client problem details, and
  the next request reconnects on its own: CONN_HEALTH_CHECKS discards a dead connection before reuse.
- A request over the upload limits gets 413 naming them; a NUL in a query string gets 400 naming the
  parameter.
- The search page is rate-limited per client address (rate_limited), and django-axes' lockout is
  answered with the admin's login frame saying why and for how long (login_locked_out).
"""

import functools
import ipaddress
import logging
import sys
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
# The 503 page is read again after this many seconds; proxies and crawlers honour it.
RETRY_AFTER_SECONDS = 30
PROBLEM_CONTENT_TYPE = "application/problem+json"


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 answer: problem details under /api/, templates/503.html elsewhere.

    Rendered without the request's context processors, which would reach for the session and the
    user, and so for the database that just failed.
    """
    detail = _("The archive's database is not answering. Please try again in a minute.")
    if request.path.startswith("/api/"):
        response = _problem(503, _("Service unavailable"), detail)
    else:
        html = render_to_string("503.html", {"ARCHIVE_NAME": settings.ARCHIVE_NAME, "detail": detail})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _problem(status: int, title: str, detail: str) -> HttpResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)


class RejectNulCharactersMiddleware:
    """Answer 400 to a query string holding a NUL character (%00), before any view reads it.

    No address of the site has a use for one, and PostgreSQL refuses NUL in text: a filter value that
    carried one into a query would fail as a server error. Form fields refuse NUL themselves (Django's
    ProhibitNullCharactersValidator), and JSON bodies are checked by config.parsers.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return self.refuse(request, name.replace("\x00", "\\x00"))
        return self.get_response(request)

    @staticmethod
    def refuse(request: HttpRequest, name: str) -> HttpResponse:
        detail = _(
            "The query parameter “%(name)s” contains a NUL character (%%00); remove it and try again."
        ) % {"name": name}
        if request.path.startswith("/api/"):
            return _problem(400, _("Invalid input"), detail)
        return HttpResponse(detail, status=400, content_type="text/plain; charset=utf-8")


class FriendlyErrorsMiddleware:
    """Answer two failures of a view clearly instead of with a bare error page.

    A lost database connection gets the 503 answer (database_unavailable) rather than a 500; a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE (or with more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields) gets 413 saying
    the limit, rather than Django's bare "Bad Request (400)".
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable during %s %s: %s", request.method, request.path, exception)
            return database_unavailable(request)
        if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
            return request_too_large(request)
        return None


def request_too_large(request: HttpRequest) -> HttpResponse:
    detail = _(
        "The request is too large: at most %(size)s and %(fields)s fields are accepted. "
        "Send large files as attachments, one at a time."
    ) % {
        "size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
        "fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
    }
    if request.path.startswith("/api/"):
        return _problem(413, _("Request too large"), detail)
    return HttpResponse(detail, status=413, content_type="text/plain; charset=utf-8")


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: the 503 answer when the failure was the database, Django's 500 page otherwise.

    Catches what the middleware cannot see: a connection lost inside another middleware (the session
    loaded or saved, the user looked up), where Django turns the exception into a response itself.
    """
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return database_unavailable(request)
    return defaults.server_error(request, template_name)


def login_locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' lockout answer: the admin's login page saying why, for how long, and what to do."""
    context = {
        "title": _("Sign-in blocked"),
        "username": (credentials or {}).get("username") or request.POST.get("username", ""),
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


# --- Rate limits ------------------------------------------------------------------------------------


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the address the trusted proxies in front of us saw.

    With TRUSTED_PROXY_COUNT = n, the n-th address from the right of X-Forwarded-For is the client as
    seen by the outermost trusted proxy; anything further left was written by the client and is ignored.
    Used by the search rate limit and by django-axes (AXES_CLIENT_IP_CALLABLE). None when the request
    carries no address at all (a login made in code): axes stores that as NULL, where a made-up word
    would be refused by PostgreSQL's inet column.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if _is_address(part)]
    return forwarded[-hops] if len(forwarded) >= hops else remote


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def parse_rate(rate: str) -> tuple[int, int]:
    """ "30/minute" -> (30, 60): requests allowed per window of that many seconds."""
    count, _sep, period = rate.partition("/")
    seconds = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}[period.strip().lower().rstrip("s")]
    return int(count), seconds


def rate_limited(scope: str, *, rate_setting: str) -> Callable:
    """Allow each client address `settings.<rate_setting>` requests per window to the decorated view.

    A fixed window counted in the default cache (shared between gunicorn workers when the cache is);
    over the limit the view answers 429 with Retry-After, the seconds until the window ends.
    An empty rate turns the limit off.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            rate = getattr(settings, rate_setting)
            if rate:
                limit, period = parse_rate(rate)
                retry_after = _count_request(f"rate:{scope}:{client_ip(request) or 'unknown'}", limit, period)
                if retry_after:
                    return _too_many_requests(retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _count_request(key_prefix: str, limit: int, period: int) -> int:
    """Count this request; the seconds to wait if it is over the limit, else 0."""
    now = time.time()
    window = int(now // period)
    key = f"{key_prefix}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    if count <= limit:
        return 0
    return max(1, int((window + 1) * period - now + 0.999))


def _too_many_requests(retry_after: int) -> HttpResponse:
    message = _("Too many requests from your address. Please wait %(seconds)s seconds and try again.") % {
        "seconds": retry_after
    }
    response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    return response
