"""One error shape for both APIs: RFC 9457 problem details (application/problem+json).

    {"type": "about:blank", "title": "Invalid input", "status": 400,
     "detail": "The request has 2 invalid fields.", "errors": {"texts[0].language": ["…"]}}

`errors` carries field-level messages keyed by the path of the field in the request body.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: _("Invalid input"),
    401: _("Authentication required"),
    403: _("Permission denied"),
    404: _("Not found"),
    405: _("Method not allowed"),
    406: _("Not acceptable"),
    409: _("Conflict"),
    410: _("Gone"),
    412: _("Precondition failed"),
    415: _("Unsupported media type"),
    428: _("Precondition required"),
    429: _("Too many requests"),
}


def flatten_errors(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure as {"texts[0].footnotes[1].body": ["…"]}."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(key, int):  # DRF keys the errors of a list's items by their index
                flat.update(flatten_errors(value, f"{prefix}[{key}]"))
                continue
            name = key if key != "non_field_errors" else ""
            path = f"{prefix}.{name}" if prefix and name else (prefix or name)
            flat.update(flatten_errors(value, path))
        return flat
    if isinstance(detail, list) and detail and all(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            flat.update(flatten_errors(item, f"{prefix}[{index}]"))
        return flat
    messages = [str(item) for item in detail] if isinstance(detail, list) else [str(detail)]
    return {prefix or "non_field_errors": messages} if messages else {}


class ProblemResponse(Response):
    """Problem details, served as application/problem+json when rendered as JSON. The browsable API
    renders the same body as an HTML page, which must keep its text/html type to show in a browser."""

    @property
    def rendered_content(self):
        renderer = getattr(self, "accepted_renderer", None)
        if renderer is not None and renderer.format == "json":
            self.content_type = PROBLEM_CONTENT_TYPE
        return super().rendered_content


def problem(status_code: int, detail: str, *, errors: dict | None = None, headers=None, **extra) -> Response:
    body = {"type": "about:blank", "title": str(TITLES.get(status_code, _("Error"))), "status": status_code}
    body["detail"] = detail
    if errors:
        body["errors"] = errors
    body.update(extra)
    return ProblemResponse(body, status=status_code, headers=headers)


def problem_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten_errors(exc.detail)
        count = len(errors)
        detail = _("The request has %(count)d invalid field(s).") % {"count": count}
        return problem(status.HTTP_400_BAD_REQUEST, detail, errors=errors, headers=_headers(response))
    detail = exc.detail if isinstance(getattr(exc, "detail", None), str) else str(getattr(exc, "detail", exc))
    return problem(response.status_code, detail, headers=_headers(response))


def _headers(response) -> dict[str, str]:
    return {
        key: value for key, value in response.items() if key in ("Retry-After", "WWW-Authenticate", "Allow")
    }


# --- The error shape in the OpenAPI schema --------------------------------------------------------


class ProblemDetailsSerializer(serializers.Serializer):
    """The body of every error response of both APIs; the schema's `ProblemDetails` component."""

    type = serializers.CharField(
        help_text=gettext_lazy('A URI naming the kind of problem; "about:blank" when the status says it all.')
    )
    title = serializers.CharField(help_text=gettext_lazy("A short summary of the status code."))
    status = serializers.IntegerField(help_text=gettext_lazy("The HTTP status code, repeated."))
    detail = serializers.CharField(help_text=gettext_lazy("What went wrong with this request, in words."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=gettext_lazy(
            'Invalid input only: the messages for each field, keyed by its path ("texts[0].language"); '
            'the key "non_field_errors" holds messages about the request as a whole.'
        ),
    )
